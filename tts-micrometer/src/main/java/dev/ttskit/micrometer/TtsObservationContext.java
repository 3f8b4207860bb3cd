package dev.ttskit.micrometer;

import dev.ttskit.AttemptOutcome;
import dev.ttskit.RequestOutcome;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The context of ttskit's observations: the request's or the attempt's outcome, for an
 * {@code ObservationHandler} that wants more than the key values.
 *
 * <p>ttskit reports a request or an attempt when it has ended, with its measured latency, so the
 * observation is started and stopped at that moment: its own duration is not the call's. Use
 * {@link #latency()} (or the {@code ttskit.requests} and {@code ttskit.attempts} timers, which record it).
 */
public final class TtsObservationContext extends Observation.Context {
    private final @Nullable RequestOutcome request;
    private final @Nullable AttemptOutcome attempt;
    private final Duration latency;

    /** Exactly one of {@code request} and {@code attempt} is given; {@code latency} is its. */
    private TtsObservationContext(@Nullable RequestOutcome request, @Nullable AttemptOutcome attempt, Duration latency) {
        this.request = request;
        this.attempt = attempt;
        this.latency = latency;
    }

    static TtsObservationContext of(RequestOutcome outcome) {
        return new TtsObservationContext(Objects.requireNonNull(outcome, "outcome"), null, outcome.latency());
    }

    static TtsObservationContext of(AttemptOutcome outcome) {
        return new TtsObservationContext(null, Objects.requireNonNull(outcome, "outcome"), outcome.latency());
    }

    /** {@return the request's outcome; empty for an attempt's observation} */
    public Optional<RequestOutcome> request() {
        return Optional.ofNullable(request);
    }

    /** {@return the attempt's outcome; empty for a request's observation} */
    public Optional<AttemptOutcome> attempt() {
        return Optional.ofNullable(attempt);
    }

    /** {@return how long the request or the attempt took, as ttskit measured it} */
    public Duration latency() {
        return latency;
    }
}
