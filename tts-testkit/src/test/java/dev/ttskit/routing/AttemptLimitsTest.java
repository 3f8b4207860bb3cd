package dev.ttskit.routing;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.AttemptPolicy;
import dev.ttskit.AudioStream;
import dev.ttskit.CachePolicy;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attempt limits and the deadline the router enforces itself: a provider that accepts a call and
 * then says nothing costs its attempt, not the request, even when it ignores its context. Time
 * moves only when the test moves the clock.
 */
@ExtendWith(NoLeaks.class)
class AttemptLimitsTest {
    private static final SpeechRequest HI = SpeechRequest.of("Hello there.");
    private static final SpeechRequest HI_PCM = SpeechRequest.builder().text("Hello there.").format(AudioFormat.PCM16_24K).build();

    private final ManualClock clock = new ManualClock();
    private final ManualSleeper sleeper = new ManualSleeper(clock);

    private <T> T get(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw e;
        }
    }

    @Test
    void aHungPrimaryLeavesTheFallbackHalfOfTheDefaultDeadline() throws Exception {
        Unresponsive a = new Unresponsive("a", false);
        ContextRecorder b = new ContextRecorder(MockTtsProvider.alwaysAudio("b"));
        Instant start = clock.instant();
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(sleeper).build()) {
            CompletableFuture<SpeechResult> call = tts.synthesizeAsync(HI);
            Waits.until(() -> a.inCall.get() == 1, "a is called");
            assertEquals(start.plusSeconds(30), a.contexts.get(0).deadline(), "a's attempt ends with its cap, half the deadline");
            clock.advance(Duration.ofSeconds(30));
            SpeechResult r = get(call);
            assertEquals("b", r.provider());
            assertEquals(2, r.attempts());
            assertEquals(start.plusSeconds(60), b.contexts.get(0).deadline(), "b may use the rest of the deadline");
            assertTrue(Duration.between(clock.instant(), b.contexts.get(0).deadline()).compareTo(Duration.ofSeconds(30)) >= 0);
            assertEquals(1, tts.health().get(0).failedCalls(), "the hung attempt counts against a");
            assertEquals(ErrorCategory.TIMEOUT, tts.health().get(0).lastErrorCategory().orElseThrow());
        }
    }

    @Test
    void aProviderThatIgnoresItsContextStillEndsAtTheDeadlineNamedInTheError() throws Exception {
        Unresponsive a = new Unresponsive("a", false);
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).sleeper(sleeper).timeout(Duration.ofSeconds(1)).build()) {
            CompletableFuture<SpeechResult> call = tts.synthesizeAsync(HI);
            Waits.until(() -> a.inCall.get() == 1, "a is called");
            clock.advance(Duration.ofSeconds(1));
            TtsTimeoutException e = assertThrows(TtsTimeoutException.class, () -> get(call));
            assertEquals("a", e.provider().orElseThrow(), "the timeout names the provider whose attempt ran out");
            assertTrue(e.getMessage().contains("request deadline"), e.getMessage());
            assertTrue(a.contexts.get(0).cancellation().isCancelled(), "the abandoned call was cancelled");
            a.answer();
            Waits.until(() -> a.inCall.get() == 0, "a's call returns late");
            assertEquals(0, tts.resources().openStreams());
        }
    }

    @Test
    void aLateAnswerIsReleasedAndNeverCached() throws Exception {
        Unresponsive a = new Unresponsive("a", false);
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(sleeper)
                .cache(CachePolicy.maxBytes(10_000_000)).build()) {
            CompletableFuture<SpeechResult> call = tts.synthesizeAsync(HI);
            Waits.until(() -> a.inCall.get() == 1, "a is called");
            clock.advance(Duration.ofSeconds(30));
            assertEquals("b", get(call).provider());
            a.answer();
            Waits.until(() -> a.inCall.get() == 0, "a's call returns late");
            assertEquals("b", tts.synthesize(HI).provider(), "the cache holds b's answer, not a's late one");
            assertEquals(1, b.callCount());
        }
    }

    @Test
    void aLateStreamIsClosedNotDelivered() throws Exception {
        Unresponsive a = new Unresponsive("a", false);
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(sleeper)
                .attemptLimits(AttemptPolicy.builder().firstByteTimeout(Duration.ofSeconds(2)).build()).build()) {
            CompletableFuture<byte[]> call = CompletableFuture.supplyAsync(() -> {
                try (AudioStream s = tts.stream(HI_PCM)) {
                    assertEquals("b", s.provider());
                    return s.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
            Waits.until(() -> a.inCall.get() == 1, "a is called");
            clock.advance(Duration.ofSeconds(2));
            assertTrue(get(call).length > 0, "b's stream arrived");
            a.answer();
            Waits.until(a.streamClosed::get, "the stream a opened late is closed");
            Waits.until(() -> tts.resources().openStreams() == 0, "nothing tracked stays open");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStreamWithoutAFirstByteFailsOverWithAMessageNamingTheLimit() throws Exception {
        Unresponsive a = new Unresponsive("a", false);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).sleeper(sleeper)
                .attemptLimits(AttemptPolicy.builder().firstByteTimeout(Duration.ofSeconds(10)).build()).build()) {
            CompletableFuture<AudioStream> call = CompletableFuture.supplyAsync(() -> tts.stream(HI_PCM), pool);
            Waits.until(() -> a.inCall.get() == 1, "a is called");
            clock.advance(Duration.ofSeconds(10));
            TtsTimeoutException e = assertThrows(TtsTimeoutException.class, () -> get(call));
            assertEquals("a", e.provider().orElseThrow());
            assertEquals("no first byte within 10s", e.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStreamThatStallsAfterItsFirstChunkEndsAfterTheIdleLimit() throws Exception {
        Unresponsive a = new Unresponsive("a", true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).sleeper(sleeper)
                .attemptLimits(AttemptPolicy.builder().idleTimeout(Duration.ofSeconds(3)).build()).build();
             AudioStream s = tts.stream(HI_PCM)) {
            byte[] buf = new byte[65536];
            assertTrue(s.read(buf) > 0, "the first chunk arrives");
            CompletableFuture<IOException> reading = CompletableFuture.supplyAsync(() -> {
                try {
                    while (s.read(buf) >= 0) {
                        Thread.onSpinWait();
                    }
                    return null;
                } catch (IOException e) {
                    return e;
                }
            }, pool);
            Waits.until(() -> a.stalledReads.get() == 1, "the reader waits for more");
            clock.advance(Duration.ofSeconds(4));
            IOException e = reading.get(10, TimeUnit.SECONDS);
            StreamInterruptedException interrupted = assertInstanceOf(StreamInterruptedException.class, e.getCause());
            assertEquals("a", interrupted.provider().orElseThrow());
            TtsTimeoutException idle = assertInstanceOf(TtsTimeoutException.class, interrupted.getCause());
            assertEquals("a", idle.provider().orElseThrow());
            assertTrue(idle.getMessage().contains("no byte within 3s"), idle.getMessage());
            assertTrue(a.streamClosed.get(), "the provider's stream was closed");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void waitingForABulkheadSlotCountsAgainstTheAttemptAndMovesOn() throws Exception {
        Unresponsive a = new Unresponsive("a", false);
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(sleeper)
                .maxConcurrentCalls("a", 1).timeout(Duration.ofSeconds(20)).build()) {
            // The first request may hold a's only slot for 30 s (its own deadline is 60 s).
            CompletableFuture<SpeechResult> first = tts.synthesizeAsync(SpeechRequest.builder().text("Hello there.")
                    .timeout(Duration.ofSeconds(60)).build());
            Waits.until(() -> a.inCall.get() == 1, "the first call holds a's only slot");
            Instant start = clock.instant();
            // The second may wait for a's slot only within its share of a: half of its 20 s.
            CompletableFuture<SpeechResult> second = tts.synthesizeAsync(HI);
            while (!second.isDone() && Duration.between(start, clock.instant()).compareTo(Duration.ofSeconds(40)) < 0) {
                clock.advance(Duration.ofSeconds(1));
                Thread.sleep(5);   // pacing only: the request reads the clock on its own thread
            }
            assertEquals("b", get(second).provider(), "the second never got a's slot and moved on");
            assertTrue(Duration.between(start, clock.instant()).compareTo(Duration.ofSeconds(20)) < 0,
                    "it moved on within its own deadline, before the first call let go at 30 s");
            assertEquals(1, a.calls.get(), "a was called once: the waiting request never reached it");
            clock.advance(Duration.ofSeconds(40));
            assertEquals("b", get(first).provider());
        }
    }

    @Test
    void withNoTimeLeftTheErrorListsEachProvidersCause() {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503")
                .provider("a").providerStatus(503).build())).build();
        MockTtsProvider b = MockTtsProvider.builder("b").otherwise(MockOutcome.error(TtsTimeoutException.builder("no first byte within 10s")
                .provider("b").build())).build();
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(sleeper).retry(RetryPolicy.NONE).build()) {
            AllProvidersFailedException e = assertThrows(AllProvidersFailedException.class, () -> tts.synthesize(HI));
            assertTrue(e.getMessage().contains("a: HTTP 503 (UNAVAILABLE)"), e.getMessage());
            assertTrue(e.getMessage().contains("b: no first byte within 10s (TIMEOUT)"), e.getMessage());
        }
    }

    @Test
    void limitsComeFromSettingsAndTheEnvironment() {
        ContextRecorder a = new ContextRecorder(MockTtsProvider.alwaysAudio("a"));
        Settings env = Settings.layered(Map.of(), Map.of("ttskit.attempt.timeout", "5s"),
                Map.of("TTSKIT_FIRST_BYTE_TIMEOUT", "2s", "TTSKIT_TIMEOUT", "30s"));
        Instant start = clock.instant();
        try (TtsClient tts = TtsClient.builder().settings(env).provider(a).clock(clock).sleeper(sleeper).build()) {
            tts.synthesize(HI);
            CallContext ctx = a.contexts.get(0);
            assertEquals(start.plusSeconds(5), ctx.deadline(), "the attempt cap from ttskit.attempt.timeout");
        }
    }

    @Test
    void perProviderLimitsOverrideTheDefaults() {
        ContextRecorder a = new ContextRecorder(MockTtsProvider.alwaysAudio("a"));
        Instant start = clock.instant();
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).sleeper(sleeper)
                .attemptLimits(AttemptPolicy.builder().attemptTimeout(Duration.ofSeconds(5)).build())
                .attemptLimits("a", AttemptPolicy.builder().attemptTimeout(Duration.ofSeconds(50)).build()).build()) {
            tts.synthesize(HI);
            assertEquals(start.plusSeconds(50), a.contexts.get(0).deadline());
        }
    }

    @Test
    void impossibleLimitsFailAtBuildTimeNamingTheSettingAndValue() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> AttemptPolicy.builder().attemptTimeout(Duration.ZERO));
        assertTrue(zero.getMessage().contains("attemptTimeout") && zero.getMessage().contains("PT0S"), zero.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> AttemptPolicy.builder().idleTimeout(Duration.ofSeconds(-1)));
        assertTrue(negative.getMessage().contains("idleTimeout"), negative.getMessage());
        IllegalArgumentException reserve = assertThrows(IllegalArgumentException.class, () -> AttemptPolicy.builder().reserve(1.5));
        assertTrue(reserve.getMessage().contains("reserve") && reserve.getMessage().contains("1.5"), reserve.getMessage());
        IllegalArgumentException firstByte = assertThrows(IllegalArgumentException.class, () -> AttemptPolicy.builder()
                .attemptTimeout(Duration.ofSeconds(5)).firstByteTimeout(Duration.ofSeconds(8)).build());
        assertTrue(firstByte.getMessage().contains("firstByteTimeout PT8S"), firstByte.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> TtsClient.builder().provider(a)
                .timeout(Duration.ofSeconds(5)).attemptLimits(AttemptPolicy.builder().attemptTimeout(Duration.ofSeconds(10)).build()).build());
        assertTrue(tooLong.getMessage().contains("attemptTimeout PT10S") && tooLong.getMessage().contains("PT5S"), tooLong.getMessage());
        IllegalArgumentException env = assertThrows(IllegalArgumentException.class, () -> TtsClient.builder().provider(a)
                .settings(Settings.of(Map.of("TTSKIT_TIMEOUT", "30s", "TTSKIT_ATTEMPT_TIMEOUT", "2m"))).build());
        assertTrue(env.getMessage().contains("TTSKIT_ATTEMPT_TIMEOUT") && env.getMessage().contains("PT2M"), env.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> TtsClient.builder().provider(a)
                .attemptLimits("nobody", AttemptPolicy.DEFAULT).build());
        assertTrue(unknown.getMessage().contains("nobody"), unknown.getMessage());
    }

    @Test
    void aShortDeadlineCapsTheDefaultLimitsInsteadOfFailing() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).timeout(Duration.ofSeconds(2)).build()) {
            assertEquals("a", tts.synthesize(HI).provider());
        }
    }

    @Test
    void perProviderValidationRunsOncePerRequestNotPerRetry() {
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        dev.ttskit.spi.Validator counting = new dev.ttskit.spi.Validator() {
            @Override
            public SpeechRequest validate(SpeechRequest request) { return request; }

            @Override
            public dev.ttskit.spi.ProviderRequest validateFor(dev.ttskit.spi.ProviderRequest request, String providerId,
                                                              dev.ttskit.spi.ProviderCapabilities capabilities) {
                checks.incrementAndGet();
                return request;
            }
        };
        TtsException unavailable = ProviderUnavailableException.builder("HTTP 503").provider("a").build();
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.error(unavailable)).then(MockOutcome.error(unavailable)).build();
        try (TtsClient tts = TtsClient.builder().provider(a).validator(counting).clock(clock).sleeper(sleeper).build()) {
            SpeechResult r = tts.synthesize(HI);
            assertEquals(3, r.attempts());
            assertEquals(1, checks.get(), "validated once, when the candidates were prepared");
        }
    }
}
