package dev.ttskit.micrometer;

import dev.ttskit.AudioStream;
import dev.ttskit.AuthenticationException;
import dev.ttskit.BreakerPolicy;
import dev.ttskit.CachePolicy;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RequestOutcome;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NoLeaks.class)
class TtsMetricsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final List<TtsObservationContext> stopped = new CopyOnWriteArrayList<>();

    TtsMetricsTest() {
        // Collects what a tracing bridge would see: every observation ttskit stops, with its context.
        observations.observationConfig().observationHandler(new ObservationHandler<TtsObservationContext>() {
            @Override
            public void onStop(TtsObservationContext context) {
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof TtsObservationContext;
            }
        });
    }

    @Test
    void aFailoverIsRecordedAsMetersAndObservations() {
        MockTtsProvider primary = MockTtsProvider.builder("primary")
                .then(MockOutcome.error(AuthenticationException.builder("HTTP 401").provider("primary").build()))
                .build();
        TtsMetrics metrics = TtsMetrics.builder(meters).observations(observations).build();
        SpeechRequest request = SpeechRequest.of("Hello there, this is the text.");
        SpeechResult result;
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(MockTtsProvider.alwaysAudio("backup"))
                .listener(metrics.listener()).build()) {
            metrics.bindTo(tts);
            result = tts.synthesize(request);
            assertEquals("backup", result.provider());

            awaitCount(2);
            assertEquals(1.0, gauge("primary", "closed"));
            assertEquals(0.0, gauge("primary", "open"));
            assertEquals(1.0, gauge("backup", "closed"));
        }

        Timer requests = meters.get(MeterNames.REQUESTS).tags("provider", "backup", "kind", "synthesize", "outcome", "success",
                "category", "none").timer();
        assertEquals(1, requests.count());
        assertEquals(1, meters.get(MeterNames.REQUESTS).timers().size(), "one request, one time series");
        assertEquals(1, meters.get(MeterNames.ATTEMPTS).tags("provider", "primary", "outcome", "failure", "category", "auth").timer().count());
        assertEquals(1, meters.get(MeterNames.ATTEMPTS).tags("provider", "backup", "outcome", "success", "category", "none").timer().count());
        assertEquals(1, meters.get(MeterNames.FAILOVERS).tags("from", "primary", "to", "backup", "category", "auth").counter().count());
        assertEquals(2, meters.get(MeterNames.REQUEST_ATTEMPTS).tags("provider", "backup", "outcome", "success").summary().totalAmount());
        assertEquals(request.text().length(), meters.get(MeterNames.CHARACTERS).tags("provider", "backup").counter().count());
        assertEquals(result.size(), meters.get(MeterNames.AUDIO_BYTES).tags("provider", "backup").counter().count());
        assertTrue(meters.find(MeterNames.RETRIES).meters().isEmpty(), "an auth failure is not retried");
        assertTrue(meters.find(MeterNames.FIRST_BYTE).meters().isEmpty(), "a whole result has no first-byte time");

        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsWithNameEqualTo(MeterNames.REQUEST_OBSERVATION, 1)
                .hasNumberOfObservationsWithNameEqualTo(MeterNames.ATTEMPT_OBSERVATION, 2)
                .doesNotHaveAnyRemainingCurrentObservation();
        TestObservationRegistryAssert.assertThat(observations).hasObservationWithNameEqualTo(MeterNames.REQUEST_OBSERVATION).that()
                .hasLowCardinalityKeyValue("provider", "backup").hasLowCardinalityKeyValue("outcome", "success")
                .hasLowCardinalityKeyValue("category", "none").hasLowCardinalityKeyValue("kind", "synthesize")
                .hasBeenStarted().hasBeenStopped();
        TtsObservationContext req = only(stopped.stream().filter(c -> c.request().isPresent()).toList());
        assertEquals(2, req.request().orElseThrow().attempts());
        assertEquals(req.request().orElseThrow().latency(), req.latency());
        Set<String> attempts = stopped.stream().filter(c -> c.attempt().isPresent())
                .map(c -> c.getLowCardinalityKeyValue("provider").getValue() + "/" + c.getLowCardinalityKeyValue("category").getValue())
                .collect(Collectors.toSet());
        assertEquals(Set.of("primary/auth", "backup/none"), attempts);
    }

    @Test
    void aCacheHitIsCountedAndTheCacheSizeIsReadFromTheClient() {
        MockTtsProvider only = MockTtsProvider.alwaysAudio("only");
        TtsMetrics metrics = TtsMetrics.builder(meters).observations(observations).build();
        try (TtsClient tts = TtsClient.builder().provider(only).cache(CachePolicy.maxBytes(10_000_000))
                .listener(metrics.listener()).build()) {
            metrics.bindTo(tts);
            assertEquals(0.0, meters.get(MeterNames.CACHE_SIZE).gauge().value());
            SpeechResult first = tts.synthesize(SpeechRequest.of("Say it twice."));
            tts.synthesize(SpeechRequest.of("Say it twice."));
            assertEquals(1, only.callCount(), "the second answer came from the cache");

            assertEquals(1, meters.get(MeterNames.CACHE_GETS).tag("result", "hit").counter().count());
            assertEquals(1, meters.get(MeterNames.CACHE_GETS).tag("result", "miss").counter().count());
            assertEquals(1.0, meters.get(MeterNames.CACHE_SIZE).gauge().value());
            double cached = meters.get(MeterNames.CACHE_BYTES).gauge().value();
            assertTrue(cached >= first.size() && cached < 2.0 * first.size(), "the cache weighs the audio (and a little more): " + cached);
            assertEquals(2, meters.get(MeterNames.REQUESTS).tags("provider", "only", "outcome", "success").timer().count());
            // The hit made no attempt: one request with one attempt and one with none.
            assertEquals(1, meters.get(MeterNames.REQUEST_ATTEMPTS).tags("provider", "only").summary().totalAmount());
            awaitCount(1);
            TestObservationRegistryAssert.assertThat(observations)
                    .hasNumberOfObservationsWithNameEqualTo(MeterNames.REQUEST_OBSERVATION, 2)
                    .hasNumberOfObservationsWithNameEqualTo(MeterNames.ATTEMPT_OBSERVATION, 1);
            assertEquals(1, stopped.stream().filter(c -> c.request().map(RequestOutcome::cacheHit).orElse(false)).count());
        }
    }

    @Test
    void retriesAndBreakerTransitionsAreCountedAndTheStateGaugeFollows() {
        ManualClock clock = new ManualClock();
        MockTtsProvider down = MockTtsProvider.builder("down")
                .otherwise(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("down").build()))
                .build();
        TtsMetrics retryMetrics = TtsMetrics.builder(meters).tag("client", "flaky").build();
        try (TtsClient retried = TtsClient.builder().clock(clock).sleeper(new ManualSleeper(clock))
                .provider(MockTtsProvider.builder("flaky").then(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503")
                        .provider("flaky").build())).build())
                .listener(retryMetrics.listener()).build()) {
            assertEquals("flaky", retried.synthesize(SpeechRequest.of("Once more.")).provider());
            assertEquals(1, meters.get(MeterNames.RETRIES).tags("client", "flaky", "provider", "flaky", "category", "unavailable")
                    .counter().count());
            assertEquals(1, meters.get(MeterNames.REQUESTS).tags("client", "flaky", "provider", "flaky", "outcome", "success")
                    .timer().count());
        }

        TtsMetrics metrics = TtsMetrics.builder(meters).build();
        try (TtsClient broken = TtsClient.builder().clock(clock).provider(down).retry(RetryPolicy.NONE)
                .breaker(BreakerPolicy.builder().window(2, 2).openDuration(Duration.ofHours(1)).build())
                .listener(metrics.listener()).build()) {
            metrics.bindTo(broken);
            for (int i = 0; i < 3; i++) {
                assertThrows(TtsException.class, () -> broken.synthesize(SpeechRequest.of("Anyone?")));
            }
            assertEquals(1, meters.get(MeterNames.BREAKER_TRANSITIONS).tags("provider", "down", "from", "closed", "to", "open")
                    .counter().count());
            assertEquals(1.0, gauge("down", "open"));
            assertEquals(0.0, gauge("down", "closed"));
            assertEquals(3, meters.get(MeterNames.REQUESTS).tags("provider", "down", "outcome", "failure").timers().stream()
                    .mapToLong(Timer::count).sum());
        }
    }

    @Test
    void aStreamRecordsItsTimeToFirstByteAndItsBytes() throws IOException {
        TtsMetrics metrics = TtsMetrics.builder(meters).build();
        long read;
        try (TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("streamer")).listener(metrics.listener()).build()) {
            try (AudioStream s = tts.stream(SpeechRequest.of("Streamed words."))) {
                read = s.readAllBytes().length;
            }
        }
        assertTrue(read > 0);
        assertEquals(1, meters.get(MeterNames.FIRST_BYTE).tag("provider", "streamer").timer().count());
        assertEquals(1, meters.get(MeterNames.REQUESTS).tags("provider", "streamer", "kind", "stream", "outcome", "success").timer().count());
        assertEquals(read, meters.get(MeterNames.AUDIO_BYTES).tag("provider", "streamer").counter().count());
    }

    @Test
    void tagsNeverCarryTheTextAndTheirCardinalityIsBounded() {
        TtsMetrics metrics = TtsMetrics.builder(meters).observations(observations).build();
        try (TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("only")).listener(metrics.listener()).build()) {
            metrics.bindTo(tts);
            tts.synthesize(SpeechRequest.of("Sentence number zero."));
            awaitCount(1);
            Set<Meter.Id> afterOne = ids();
            for (int i = 1; i <= 40; i++) {
                tts.synthesize(SpeechRequest.builder().text("Sentence number " + i + ".").language(i % 2 == 0 ? "en" : "de").build());
            }
            awaitCount(41);
            assertEquals(afterOne, ids(), "forty more texts made no new time series");
            for (Meter.Id id : ids()) {
                for (Tag tag : id.getTags()) {
                    assertFalse(tag.getValue().contains("Sentence") || tag.getValue().contains("number"), id.toString());
                }
            }
        }

        // Provider ids past the limit (an adapter inventing ids), or not plain ids, share one value.
        TtsMetrics bounded = TtsMetrics.builder(meters).tag("client", "bounded").maxProviders(3).build();
        for (int i = 0; i < 50; i++) {
            bounded.listener().onRequestFinished(new RequestOutcome(RequestOutcome.Kind.SYNTHESIZE, Optional.of("p" + i), 1,
                    Duration.ofMillis(5), Optional.empty(), 10, 100, false, Optional.empty()));
        }
        bounded.listener().onRequestFinished(new RequestOutcome(RequestOutcome.Kind.SYNTHESIZE, Optional.of("Not An Id/../x"), 1,
                Duration.ofMillis(5), Optional.empty(), 10, 100, false, Optional.empty()));
        Set<String> values = meters.get(MeterNames.REQUESTS).tag("client", "bounded").timers().stream()
                .map(t -> t.getId().getTag("provider")).collect(Collectors.toSet());
        assertEquals(Set.of("p0", "p1", "p2", "other"), values);
        assertEquals(48, meters.get(MeterNames.REQUESTS).tags("client", "bounded", "provider", "other").timer().count());
    }

    @Test
    void closeRemovesTheMetersAndStopsRecording() {
        TtsMetrics metrics = TtsMetrics.builder(meters).build();
        try (TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("only")).cache(CachePolicy.maxBytes(1_000_000))
                .listener(metrics.listener()).build()) {
            metrics.bindTo(tts);
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> metrics.bindTo(tts));
            assertTrue(twice.getMessage().contains("already bound"), twice.getMessage());
            tts.synthesize(SpeechRequest.of("Before close."));
            assertFalse(meters.find(MeterNames.REQUESTS).meters().isEmpty());
            metrics.close();
            metrics.close();
            tts.synthesize(SpeechRequest.of("After close."));
            assertTrue(meters.find(MeterNames.REQUESTS).meters().isEmpty());
            assertTrue(meters.find(MeterNames.BREAKER_STATE).meters().isEmpty());
            assertTrue(meters.find(MeterNames.CACHE_SIZE).meters().isEmpty());
        }
    }

    @Test
    void theBuilderFailsFastNamingTheBadValue() {
        assertThrows(NullPointerException.class, () -> TtsMetrics.builder(null));
        TtsMetrics.Builder b = TtsMetrics.builder(meters);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.tag("9lives", "x")).getMessage().contains("'9lives'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.tag("provider", "x")).getMessage().contains("'provider'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.tag("client", " ")).getMessage().contains("'client'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxProviders(0)).getMessage().contains("0"));
        b.tag("client", "a");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.tag("client", "b")).getMessage().contains("twice"));
    }

    @Test
    void theRequestObservationIsAChildOfTheCallersObservation() {
        TtsMetrics metrics = TtsMetrics.builder(meters).observations(observations).build();
        Observation parent = Observation.start("checkout", observations);
        try (TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("only")).listener(metrics.listener()).build();
             Observation.Scope scope = parent.openScope()) {
            tts.synthesize(SpeechRequest.of("Inside a span."));
        } finally {
            parent.stop();
        }
        TtsObservationContext req = only(stopped.stream().filter(c -> c.request().isPresent()).toList());
        assertSame(parent, req.getParentObservation());
    }

    /** Attempts are reported by the worker that ran them, which may finish just after the caller returns. */
    private void awaitCount(long expected) {
        await(() -> attempts() >= expected, MeterNames.ATTEMPTS + " reaching " + expected);
        assertEquals(expected, attempts());
    }

    private long attempts() {
        return meters.find(MeterNames.ATTEMPTS).timers().stream().mapToLong(Timer::count).sum();
    }

    private static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("never saw " + what);
            Thread.onSpinWait();
        }
    }

    private double gauge(String provider, String state) {
        return meters.get(MeterNames.BREAKER_STATE).tags("provider", provider, "state", state).gauge().value();
    }

    private Set<Meter.Id> ids() {
        return meters.getMeters().stream().map(Meter::getId).collect(Collectors.toSet());
    }

    private static <T> T only(List<T> list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }
}
