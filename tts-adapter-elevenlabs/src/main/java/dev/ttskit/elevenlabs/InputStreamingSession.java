package dev.ttskit.elevenlabs;

import dev.ttskit.AudioStream;
import dev.ttskit.Timestamps;

/**
 * A WebSocket input-streaming session: text goes in piece by piece (from a language model, say) and
 * audio comes out of {@link #audio()} as ElevenLabs generates it.
 *
 * <p>Lifecycle: {@link #send} any number of times, {@link #flush()} at the end of a sentence or turn,
 * {@link #finish()} when there is no more text, then read {@link #audio()} to its end. Failures
 * (an error frame, an inactivity close, the deadline) surface from {@code audio()}'s reads as
 * {@link java.io.IOException}s whose cause is the typed {@link dev.ttskit.TtsException}, and from
 * later {@code send} calls directly. While no text is sent, a keep-alive is sent before the server's
 * inactivity timeout. Closing the session before the end cancels it.
 */
public interface InputStreamingSession extends AutoCloseable {

    /**
     * Sends a piece of text. Pieces should end with a space so words are not split.
     *
     * @param text the next piece of the input, not null and not empty
     * @throws dev.ttskit.ValidationException when the piece is empty (an empty text ends the input; use {@link #finish()})
     * @throws IllegalStateException          after {@link #finish()} or {@link #close()}
     */
    void send(String text);

    /**
     * Sends a piece of text and asks for everything buffered so far to be generated now.
     *
     * @param text the next piece of the input, not null and not empty
     * @throws dev.ttskit.ValidationException when the piece is empty
     * @throws IllegalStateException          after {@link #finish()} or {@link #close()}
     */
    void sendAndFlush(String text);

    /** Asks for the text buffered so far to be generated now (end of a sentence or turn). */
    void flush();

    /** Ends the input: no text may follow. The audio ends after the final message. Idempotent. */
    void finish();

    /**
     * {@return the audio as it arrives; the same stream on every call} Closing it closes the session;
     * reads block until audio arrives, the input ends or the session fails.
     */
    AudioStream audio();

    /**
     * {@return character and word timings of the audio received so far} The chunks' times are put on one
     * timeline; each call returns a snapshot that later audio does not change.
     */
    Timestamps timestamps();

    /** Ends the session, cancelling it when the audio has not ended. Idempotent; throws nothing. */
    @Override
    void close();
}
