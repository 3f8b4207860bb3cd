package dev.ttskit;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link TtsClient#synthesizeLong}: the reassembled audio, how many chunks the text was
 * split into, and which chunks (0-based) failed and were replaced by silence, when the client is
 * configured to tolerate failed chunks.
 *
 * @param result       the whole audio
 * @param chunks       how many chunks were synthesized
 * @param failedChunks indexes of chunks replaced by silence; empty when every chunk succeeded
 */
public record LongSpeechResult(SpeechResult result, int chunks, List<Integer> failedChunks) {
    /**
     * Checks the components and copies the list of failed chunks.
     *
     * @param result the whole audio
     * @param chunks how many chunks were synthesized
     * @param failedChunks indexes of chunks replaced by silence; empty when every chunk succeeded
     * @throws IllegalArgumentException when {@code chunks} is below 1
     */
    public LongSpeechResult {
        Objects.requireNonNull(result, "result");
        if (chunks < 1) throw new IllegalArgumentException("chunks must be >= 1, was " + chunks);
        failedChunks = List.copyOf(failedChunks);
    }

    /** {@return whether every chunk was spoken; false when some were replaced by silence} */
    public boolean complete() {
        return failedChunks.isEmpty();
    }
}
