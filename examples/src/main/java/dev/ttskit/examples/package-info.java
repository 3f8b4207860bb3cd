/**
 * Small runnable programs showing ttskit's main uses; each has a {@code main} and a method the
 * build's tests call.
 */
@NullMarked
package dev.ttskit.examples;

import org.jspecify.annotations.NullMarked;
