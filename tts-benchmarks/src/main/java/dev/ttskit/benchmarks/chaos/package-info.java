/** The chaos soak: real adapters against a fault-injecting loopback server. */
@NullMarked
package dev.ttskit.benchmarks.chaos;

import org.jspecify.annotations.NullMarked;
