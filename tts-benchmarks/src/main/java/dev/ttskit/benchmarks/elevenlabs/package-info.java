/** The ElevenLabs client against raw OkHttp on loopback: throughput, latency, first byte, allocation. */
@NullMarked
package dev.ttskit.benchmarks.elevenlabs;

import org.jspecify.annotations.NullMarked;
