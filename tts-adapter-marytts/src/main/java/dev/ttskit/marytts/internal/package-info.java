/**
 * The MaryTTS engine behind {@link dev.ttskit.marytts.MaryTtsProvider}: starting it once per JVM, its
 * voices, turning text into what the voice can speak, and PCM out of its audio. Not API.
 */
@NullMarked
package dev.ttskit.marytts.internal;

import org.jspecify.annotations.NullMarked;
