package dev.ttskit.marytts.internal;

import dev.ttskit.audio.PcmAudio;

import java.util.function.BooleanSupplier;

/**
 * Turns text into mono speech at the voice's native rate. Blocking; the
 * provider runs it on a worker thread and stops waiting at the deadline.
 */
@FunctionalInterface
public interface PcmSynthesizer {
    /**
     * @param voice     the voice's name
     * @param text      text to speak
     * @param abandoned true once the caller has stopped waiting: work not yet begun is skipped
     * @return the audio; no frames when the text holds nothing speakable
     * @throws java.util.concurrent.CancellationException when skipped because it was abandoned
     */
    PcmAudio synthesize(String voice, String text, BooleanSupplier abandoned) throws Exception;
}
