package dev.ttskit.testkit;

import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * What a {@link MockTtsProvider} does on one call. Build with the static factories.
 */
public sealed interface MockOutcome {

    /**
     * Audio (a 440 Hz tone) of this length, in the format the request asks for.
     *
     * @param duration how long the audio plays
     * @return the outcome
     */
    static MockOutcome audio(Duration duration) {
        return new Audio(duration, null, false);
    }

    /**
     * Audio of this length in a fixed format, whatever the request asks for (to test conversion).
     *
     * @param duration how long the audio plays
     * @param format   the format the provider answers in
     * @return the outcome
     */
    static MockOutcome audio(Duration duration, AudioFormat format) {
        return new Audio(duration, Objects.requireNonNull(format, "format"), false);
    }

    /**
     * Digital silence, which the router must treat as bad audio.
     *
     * @param duration how long the silence lasts
     * @return the outcome
     */
    static MockOutcome silence(Duration duration) {
        return new Audio(duration, null, true);
    }

    /**
     * These exact bytes, declared as this format.
     *
     * @param audio  the bytes to answer with (copied)
     * @param format the format they are declared as, whether or not they are
     * @return the outcome
     */
    static MockOutcome bytes(byte[] audio, AudioFormat format) {
        return new Bytes(audio.clone(), format);
    }

    /**
     * Throws this exception (its provider id is whatever it was built with).
     *
     * @param exception the failure to throw
     * @return the outcome
     */
    static MockOutcome error(TtsException exception) {
        return new Failure(exception);
    }

    /**
     * Waits, then does {@code then}. Waiting ends early with a typed error on cancellation or deadline.
     *
     * @param latency how long to wait, on the wall clock
     * @param then    what to do after the wait
     * @return the outcome
     */
    static MockOutcome delayed(Duration latency, MockOutcome then) {
        return new Delayed(latency, then);
    }

    /**
     * Blocks until cancelled or past the deadline: the "provider hangs" case.
     *
     * @return the outcome
     */
    static MockOutcome hang() {
        return new Hang();
    }

    /**
     * Waits until the latch opens (or cancellation/deadline), then does {@code then}: for ordering tests.
     *
     * @param gate the latch the test opens
     * @param then what to do once it is open
     * @return the outcome
     */
    static MockOutcome gated(CountDownLatch gate, MockOutcome then) {
        return new Gated(gate, then);
    }

    /**
     * Throws an Error (not an exception): routers must survive it.
     *
     * @param error the error to throw
     * @return the outcome
     */
    static MockOutcome crash(Error error) {
        return new Crash(error);
    }

    /**
     * A stream of {@code chunks} pieces of tone of {@code chunkDuration} each, waiting {@code delay}
     * before each piece. From {@code synthesize}, the pieces are joined.
     *
     * @param chunks        how many pieces
     * @param chunkDuration how long each piece plays
     * @param delay         the wait before each piece
     * @return the outcome
     */
    static MockOutcome chunked(int chunks, Duration chunkDuration, Duration delay) {
        return new Chunked(chunks, chunkDuration, delay, -1, null);
    }

    /**
     * A stream that sends {@code chunksBeforeFailure} pieces and then fails with {@code failure}.
     *
     * @param chunksBeforeFailure pieces delivered before the failure
     * @param chunkDuration       how long each piece plays
     * @param failure             what reading the stream then throws (wrapped in an IOException)
     * @return the outcome
     */
    static MockOutcome failMidStream(int chunksBeforeFailure, Duration chunkDuration, TtsException failure) {
        return new Chunked(chunksBeforeFailure + 1, chunkDuration, Duration.ZERO, chunksBeforeFailure, failure);
    }

    /** See {@link #audio(Duration)}. */
    record Audio(Duration duration, @Nullable AudioFormat format, boolean silent) implements MockOutcome { }

    /** See {@link #bytes}. */
    record Bytes(byte[] audio, AudioFormat format) implements MockOutcome {
        @Override
        public String toString() {
            return "Bytes[" + audio.length + " bytes of " + format + "]";
        }
    }

    /** See {@link #error}. */
    record Failure(TtsException exception) implements MockOutcome { }

    /** See {@link #delayed}. */
    record Delayed(Duration latency, MockOutcome then) implements MockOutcome { }

    /** See {@link #hang()}. */
    record Hang() implements MockOutcome { }

    /** See {@link #gated}. */
    record Gated(CountDownLatch gate, MockOutcome then) implements MockOutcome { }

    /** See {@link #crash}. */
    record Crash(Error error) implements MockOutcome { }

    /** See {@link #chunked} and {@link #failMidStream}. */
    record Chunked(int chunks, Duration chunkDuration, Duration delay, int failAfter, @Nullable TtsException failure)
            implements MockOutcome { }

    /**
     * Outcomes in order, for {@link MockTtsProvider.Builder#then(List)}.
     *
     * @param n       how many times
     * @param outcome the outcome to repeat
     * @return {@code n} copies of {@code outcome}
     */
    static List<MockOutcome> times(int n, MockOutcome outcome) {
        return java.util.Collections.nCopies(n, outcome);
    }
}
