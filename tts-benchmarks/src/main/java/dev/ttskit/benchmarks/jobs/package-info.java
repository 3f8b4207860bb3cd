/** Durable jobs against synthesizeLong on the same text. */
@NullMarked
package dev.ttskit.benchmarks.jobs;

import org.jspecify.annotations.NullMarked;
