/** The OpenAI adapter and client against raw OkHttp on loopback. */
@NullMarked
package dev.ttskit.benchmarks.openai;

import org.jspecify.annotations.NullMarked;
