/** What the router costs per call (JMH). */
@NullMarked
package dev.ttskit.benchmarks.routing;

import org.jspecify.annotations.NullMarked;
