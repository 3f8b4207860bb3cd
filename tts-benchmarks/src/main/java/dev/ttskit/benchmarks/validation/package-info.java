/** Text validation cost (JMH). */
@NullMarked
package dev.ttskit.benchmarks.validation;

import org.jspecify.annotations.NullMarked;
