/** Local XTTS first-chunk and decode-step drivers. */
@NullMarked
package dev.ttskit.benchmarks.xtts;

import org.jspecify.annotations.NullMarked;
