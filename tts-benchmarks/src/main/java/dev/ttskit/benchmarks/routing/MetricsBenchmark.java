package dev.ttskit.benchmarks.routing;

import dev.ttskit.AttemptOutcome;
import dev.ttskit.AudioCheckPolicy;
import dev.ttskit.RequestOutcome;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsListener;
import dev.ttskit.micrometer.TtsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the Micrometer binding adds to a request, against an instant in-memory provider (so the
 * router and the binding are all there is to measure):
 * <ul>
 *   <li>{@code unbound}: a client with no listener (the baseline);</li>
 *   <li>{@code meters}: the same with {@link TtsMetrics} recording into a {@code SimpleMeterRegistry};</li>
 *   <li>{@code metersAndObservations}: plus an observation per request and per attempt, with one
 *       handler registered (as a tracing bridge would be), so the observations are really made;</li>
 *   <li>{@code eventsOfOneRequest}: the binding alone, fed one request's events (meters and observations),
 *       which is the cost the binding adds, measured without the router's noise around it.</li>
 * </ul>
 * Audio checks are off in these clients, so the router's own work is small and the difference shows.
 * The goal is under 2 µs added at p50. Run:
 * {@code java -jar tts-benchmarks/target/benchmarks.jar MetricsBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsBenchmark {
    private static final SpeechRequest REQUEST = SpeechRequest.of("Hello there, this is a short sentence.");

    private TtsClient unbound;
    private TtsClient meters;
    private TtsClient observed;
    private TtsMetrics meterBinding;
    private TtsMetrics observedBinding;
    private TtsMetrics eventsOnly;
    private TtsListener listener;
    private AttemptOutcome attempt;
    private RequestOutcome outcome;

    @Setup
    public void setUp() {
        unbound = client().build();

        meterBinding = TtsMetrics.builder(new SimpleMeterRegistry()).build();
        meters = client().listener(meterBinding.listener()).build();
        meterBinding.bindTo(meters);

        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new CountingHandler());
        observedBinding = TtsMetrics.builder(new SimpleMeterRegistry()).observations(observations).build();
        observed = client().listener(observedBinding.listener()).build();
        observedBinding.bindTo(observed);

        // One request's events with one attempt, as the router fires them, prepared once.
        eventsOnly = TtsMetrics.builder(new SimpleMeterRegistry()).observations(observations).build();
        listener = eventsOnly.listener();
        attempt = new AttemptOutcome("only", 1, Duration.ofNanos(30_000), Optional.empty());
        outcome = new RequestOutcome(RequestOutcome.Kind.SYNTHESIZE, Optional.of("only"), 1, Duration.ofNanos(40_000), Optional.empty(),
                REQUEST.text().length(), 24_044, false, Optional.empty());
    }

    /** Audio checks off: they scan the tone on every request, and this measures the binding, not them. */
    private static TtsClient.Builder client() {
        return TtsClient.builder().provider(new InstantProvider("only", false)).audioChecks(AudioCheckPolicy.OFF);
    }

    @TearDown
    public void tearDown() {
        unbound.close();
        meters.close();
        observed.close();
        meterBinding.close();
        observedBinding.close();
        eventsOnly.close();
    }

    /** The binding's own work for one request (one attempt), meters and observations, without the router around it. */
    @Benchmark
    public void eventsOfOneRequest() {
        listener.onAttempt("only", 1);
        listener.onAttemptFinished(attempt);
        listener.onRequestFinished(outcome);
    }

    @Benchmark
    public SpeechResult unbound() {
        return unbound.synthesize(REQUEST);
    }

    @Benchmark
    public SpeechResult meters() {
        return meters.synthesize(REQUEST);
    }

    @Benchmark
    public SpeechResult metersAndObservations() {
        return observed.synthesize(REQUEST);
    }

    /** Stands in for a tracing bridge: it makes the registry non-trivial, and counts what it sees. */
    private static final class CountingHandler implements ObservationHandler<Observation.Context> {
        private long stopped;

        @Override
        public void onStop(Observation.Context context) {
            stopped++;
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        @Override
        public String toString() {
            return "stopped " + stopped;
        }
    }
}
