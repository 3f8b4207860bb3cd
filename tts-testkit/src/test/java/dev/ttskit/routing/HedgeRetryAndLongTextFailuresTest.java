package dev.ttskit.routing;

import dev.ttskit.AudioCheckPolicy;
import dev.ttskit.AudioStream;
import dev.ttskit.AuthenticationException;
import dev.ttskit.CancelledException;
import dev.ttskit.HedgePolicy;
import dev.ttskit.LongSpeechResult;
import dev.ttskit.LongTextPolicy;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.Sleeper;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.TtsListener;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallCheckpoint;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router's failure paths a user meets rarely: a hedged call where neither side answers, a
 * non-failover error under hedging, cancellation during a retry's backoff, and long text whose
 * chunks fail.
 */
@ExtendWith(NoLeaks.class)
class HedgeRetryAndLongTextFailuresTest {
    private static final ProviderCapabilities REMOTE = MockTtsProvider.defaultCapabilities().toBuilder().local(false).paid(true).build();
    private static final HedgePolicy QUICK = HedgePolicy.after(Duration.ofMillis(20)).build();
    private static final Duration AUDIO = Duration.ofSeconds(1);
    private static final String TEXT = "Hello there, how are you today?";

    private static TtsException unavailable(String provider) {
        return ProviderUnavailableException.builder("HTTP 503").provider(provider).providerStatus(503).build();
    }

    /** Opens the latch when the hedge starts, so the primary's answer comes after it. */
    private static TtsListener openOnHedge(CountDownLatch gate) {
        return new TtsListener() {
            @Override
            public void onHedge(String primary, String hedge) {
                gate.countDown();
            }
        };
    }

    @Test
    void aHedgedCallWhereNeitherSideAnswersByTheDeadlineIsATimeoutAndCancelsBoth() {
        // Providers that ignore their context, under a clock that does not move: neither side's own
        // limits fire, and only the hedge's wait for the deadline (plus its grace) ends the request.
        ManualClock clock = new ManualClock();
        Unresponsive primary = new Unresponsive("primary", false);
        Unresponsive local = new Unresponsive("local", false);
        Events events = new Events();
        try (TtsClient tts = TtsClient.builder().clock(clock).sleeper(new ManualSleeper(clock)).provider(primary).provider(local)
                .hedging(QUICK).listener(events).build()) {
            try {
                TtsTimeoutException e = assertThrows(TtsTimeoutException.class,
                        () -> tts.synthesize(SpeechRequest.builder().text(TEXT).timeout(Duration.ofMillis(50)).build()));
                assertTrue(e.getMessage().contains("neither the primary nor the hedge"), e.getMessage());
                assertEquals("primary", e.provider().orElseThrow(), "the timeout names the primary");
                assertEquals(List.of("hedge primary->local"), events.starting("hedge"));
                Waits.until(() -> primary.contexts.size() == 1 && primary.contexts.get(0).cancellation().isCancelled(),
                        "the primary's call was cancelled");
                Waits.until(() -> local.contexts.size() == 1 && local.contexts.get(0).cancellation().isCancelled(),
                        "the hedge's call was cancelled");
            } finally {
                primary.answer();
                local.answer();
            }
            Waits.until(() -> primary.inCall.get() == 0 && local.inCall.get() == 0, "both calls returned");
        }
    }

    @Test
    void anErrorThatMustNotFailOverEndsAHedgedRequestAndCancelsTheHedge() {
        CountDownLatch hedged = new CountDownLatch(1);
        ValidationException refused = ValidationException.builder("text refused by the provider").provider("primary").build();
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE)
                .then(MockOutcome.gated(hedged, MockOutcome.error(refused))).build();
        MockTtsProvider local = MockTtsProvider.builder("local").otherwise(MockOutcome.hang()).build();
        MockTtsProvider last = MockTtsProvider.alwaysAudio("last");
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(local).provider(last).hedging(QUICK)
                .listener(openOnHedge(hedged)).build()) {
            ValidationException e = assertThrows(ValidationException.class, () -> tts.synthesize(SpeechRequest.of(TEXT)));
            assertSame(refused, e);
            assertEquals(0, last.callCount(), "a request the provider refused as invalid is not failed over");
            Waits.until(() -> local.inFlight() == 0, "the hedge was cancelled");
        }
    }

    @Test
    void anErrorThatMustNotFailOverBeforeTheHedgeStartsEndsTheRequest() {
        ValidationException refused = ValidationException.builder("text refused by the provider").provider("primary").build();
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE).then(MockOutcome.error(refused)).build();
        MockTtsProvider local = MockTtsProvider.alwaysAudio("local");
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(local)
                .hedging(HedgePolicy.after(Duration.ofSeconds(30)).build()).build()) {
            assertSame(refused, assertThrows(ValidationException.class, () -> tts.synthesize(SpeechRequest.of(TEXT))));
            assertEquals(0, local.callCount(), "neither hedged onto nor failed over to");
        }
    }

    @Test
    void interruptingTheCallerOfAHedgedRequestCancelsItAndBothCalls() throws Exception {
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE).otherwise(MockOutcome.hang()).build();
        MockTtsProvider local = MockTtsProvider.builder("local").otherwise(MockOutcome.hang()).build();
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(local).hedging(QUICK).build()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    tts.synthesize(SpeechRequest.of(TEXT));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            }, "hedged-caller");
            caller.start();
            Waits.until(() -> primary.inFlight() == 1 && local.inFlight() == 1, "both sides are in flight");
            caller.interrupt();
            caller.join(10_000);
            assertTrue(!caller.isAlive(), "the caller returned");
            CancelledException e = assertInstanceOf(CancelledException.class, thrown.get());
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            Waits.until(() -> primary.inFlight() == 0 && local.inFlight() == 0, "both calls were cancelled");
        }
    }

    @Test
    void cancellingDuringTheBackoffStopsTheRequestBeforeTheRetry() {
        CancellationToken request = new CancellationToken();
        List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        // The cancellation arrives while the router waits to retry.
        Sleeper cancelDuringWait = new Sleeper() {
            @Override
            public void sleep(Duration duration) {
                waits.add(duration);
            }

            @Override
            public void sleep(Duration duration, CancellationToken cancellation) {
                waits.add(duration);
                request.cancel();
            }
        };
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.error(unavailable("a"))).otherwise(MockOutcome.audio(AUDIO)).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).sleeper(cancelDuringWait)
                .retry(RetryPolicy.builder().maxAttempts(3).jitterSeed(3).build()).build()) {
            CancelledException e = assertThrows(CancelledException.class,
                    () -> tts.synthesize(SpeechRequest.of(TEXT), CallCheckpoint.NONE, request));
            assertTrue(e.getMessage().contains("waiting to retry"), e.getMessage());
            assertEquals(1, waits.size(), "one backoff was started");
            assertEquals(1, a.callCount(), "no retry after the cancellation");
            assertEquals(0, b.callCount(), "a cancelled request never fails over");
        }
    }

    /** Does something (cancels, moves the clock) and then fails with a 503, never looking at its context. */
    private static final class FailsAfter implements TtsProvider {
        private final String id;
        private final Runnable before;
        final AtomicInteger calls = new AtomicInteger();

        FailsAfter(String id, Runnable before) {
            this.id = id;
            this.before = before;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ProviderCapabilities capabilities() {
            return MockTtsProvider.defaultCapabilities();
        }

        @Override
        public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
            calls.incrementAndGet();
            before.run();
            throw unavailable(id);
        }

        @Override
        public AudioStream stream(ProviderRequest request, CallContext ctx) {
            throw unavailable(id);
        }

        @Override
        public List<Voice> voices(CallContext ctx) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aRequestCancelledWhileItsAttemptFailsIsNotRetried() {
        CancellationToken request = new CancellationToken();
        ManualSleeper sleeper = new ManualSleeper();
        FailsAfter a = new FailsAfter("a", request::cancel);
        try (TtsClient tts = TtsClient.builder().provider(a).sleeper(sleeper)
                .retry(RetryPolicy.builder().maxAttempts(3).jitterSeed(3).build()).build()) {
            assertThrows(CancelledException.class, () -> tts.synthesize(SpeechRequest.of(TEXT), CallCheckpoint.NONE, request));
            assertEquals(1, a.calls.get());
            assertEquals(List.of(), sleeper.sleeps(), "no backoff for a cancelled request");
        }
    }

    @Test
    void aRequestWhoseDeadlinePassedDuringAFailedAttemptIsNotRetried() {
        ManualClock clock = new ManualClock();
        ManualSleeper sleeper = new ManualSleeper(clock);
        FailsAfter a = new FailsAfter("a", () -> clock.advance(Duration.ofSeconds(31)));
        try (TtsClient tts = TtsClient.builder().provider(a).clock(clock).sleeper(sleeper)
                .retry(RetryPolicy.builder().maxAttempts(3).jitterSeed(3).build()).build()) {
            TtsException e = assertThrows(TtsException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text(TEXT).timeout(Duration.ofSeconds(30)).build()));
            assertInstanceOf(TtsTimeoutException.class, e, "the request ran out of time: " + e);
            assertEquals(1, a.calls.get());
            assertEquals(List.of(), sleeper.sleeps(), "no backoff past the deadline");
        }
    }

    @Test
    void aVirtualMachineErrorInAProviderReachesTheCallerUnwrapped() {
        InternalError broken = new InternalError("native library state corrupted");
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.crash(broken)).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).build()) {
            Throwable t = assertThrows(Throwable.class, () -> tts.synthesize(SpeechRequest.of(TEXT)));
            assertSame(broken, t, "not turned into an outage to fail over from");
            assertEquals(0, b.callCount());
        }
    }

    /** Long text in sentences short enough that each is a chunk. */
    private static final String LONG = "First sentence is here. Second sentence is here. Third sentence is here.";

    private static ProviderCapabilities chunking(AudioFormat... formats) {
        return MockTtsProvider.defaultCapabilities().toBuilder().formats(formats).maxChars(30).build();
    }

    @Test
    void aLongTextJobReportsTheChunkFailureNotTheCancellationItCaused() {
        AuthenticationException rejected = AuthenticationException.builder("HTTP 401").provider("p").build();
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(chunking(AudioFormat.WAV_PCM16_24K))
                .answering(r -> r.text().startsWith("First") ? MockOutcome.hang()
                        : r.text().startsWith("Second") ? MockOutcome.error(rejected) : MockOutcome.audio(AUDIO))
                .build();
        try (TtsClient tts = TtsClient.builder().provider(p).longText(LongTextPolicy.builder().parallelism(2).build()).build()) {
            assertEquals(3, tts.chunks(SpeechRequest.of(LONG)).size());
            TtsException e = assertThrows(TtsException.class, () -> tts.synthesizeLong(SpeechRequest.of(LONG), (pct, done, total) -> { }));
            assertSame(rejected, e, "the failure that stopped the job, not the cancellation of the chunk in flight");
            Waits.until(() -> p.inFlight() == 0, "the hanging chunk was cancelled");
        }
    }

    @Test
    void anMp3LongTextLeavesAFailedChunkOutWhenFailedChunksAreSilenced() {
        AudioFormat mp3 = AudioFormat.MP3_44K_128;
        AuthenticationException rejected = AuthenticationException.builder("HTTP 401").provider("p").build();
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(chunking(mp3))
                .answering(r -> r.text().startsWith("Second") ? MockOutcome.error(rejected) : MockOutcome.audio(Duration.ofSeconds(2)))
                .build();
        MockTtsProvider whole = MockTtsProvider.builder("whole").capabilities(chunking(mp3)).otherwise(MockOutcome.audio(Duration.ofSeconds(2))).build();
        // The mock's MP3 is a few frames whatever the length asked for: too short for the audio checks.
        try (TtsClient tts = TtsClient.builder().provider(p).audioChecks(AudioCheckPolicy.OFF)
                .longText(LongTextPolicy.builder().parallelism(1).silenceFailedChunks(true).build()).build();
             TtsClient reference = TtsClient.builder().provider(whole).audioChecks(AudioCheckPolicy.OFF).build()) {
            SpeechRequest request = SpeechRequest.builder().text(LONG).format(mp3).build();
            LongSpeechResult r = tts.synthesizeLong(request, (pct, done, total) -> { });
            assertEquals(3, r.chunks());
            assertEquals(List.of(1), r.failedChunks());
            int oneChunk = reference.synthesize(SpeechRequest.builder().text("First sentence is here.").format(mp3).build()).size();
            assertEquals(2 * oneChunk, r.result().size(), "MP3 frames of the two good chunks, nothing for the failed one");
            assertEquals(mp3, r.result().format());
        }
    }

    @Test
    void aRequestNoProviderCanServeSaysWhyForEachProvider() {
        ProviderCapabilities englishOnly = MockTtsProvider.defaultCapabilities().toBuilder().languages("en").build();
        MockTtsProvider english = MockTtsProvider.builder("english").capabilities(englishOnly).build();
        MockTtsProvider pcm = MockTtsProvider.alwaysAudio("pcm");
        MockTtsProvider unmapped = MockTtsProvider.builder("unmapped")
                .capabilities(MockTtsProvider.defaultCapabilities().toBuilder().formats(AudioFormat.MP3_44K_128).build()).build();
        try (TtsClient tts = TtsClient.builder().provider(english).provider(pcm).provider(unmapped)
                .voice("narrator", v -> v.on("english", "voice-1").on("pcm", "voice-2")).build()) {
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class, () -> tts.synthesize(
                    SpeechRequest.builder().text(TEXT).language("de").voice("narrator").format(AudioFormat.MP3_44K_128).build()));
            assertNotNull(e.getMessage());
            assertTrue(e.getMessage().contains("english does not speak de"), e.getMessage());
            assertTrue(e.getMessage().contains("pcm cannot produce the format mp3"), e.getMessage());
            assertTrue(e.getMessage().contains("unmapped has no mapping for voice narrator"), e.getMessage());
            assertEquals(0, english.callCount() + pcm.callCount() + unmapped.callCount());
        }
    }
}
