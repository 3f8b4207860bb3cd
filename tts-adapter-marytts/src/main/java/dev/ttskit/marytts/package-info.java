/**
 * The embedded offline voice, backed by MaryTTS 5.2.1 (LGPL-3.0): {@link dev.ttskit.marytts.MaryTtsProvider}.
 */
package dev.ttskit.marytts;
