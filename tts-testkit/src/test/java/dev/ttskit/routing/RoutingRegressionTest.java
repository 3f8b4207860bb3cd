package dev.ttskit.routing;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.CancelledException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.HedgePolicy;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour the router must keep whatever its shape: through {@link TtsClient} and
 * {@link MockTtsProvider} only, so each test names an outcome, not an implementation.
 */
@ExtendWith(NoLeaks.class)
class RoutingRegressionTest {
    private static final ProviderCapabilities REMOTE = MockTtsProvider.defaultCapabilities().toBuilder().local(false).paid(true).build();

    private static TtsException rootOf(TtsException e) {
        return e instanceof AllProvidersFailedException && e.getSuppressed().length > 0 ? (TtsException) e.getSuppressed()[0] : e;
    }

    @Test
    void aValidationErrorUnderHedgingIsThrownNotFailedOver() {
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE)
                .then(MockOutcome.error(ValidationException.builder("text rejected").provider("primary").build())).build();
        MockTtsProvider backup = MockTtsProvider.alwaysAudio("backup");
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(backup)
                .hedging(HedgePolicy.after(Duration.ofMinutes(1)).build()).build()) {
            TtsException e = assertThrows(TtsException.class, () -> tts.synthesize(SpeechRequest.of("Hi.")));
            assertEquals(ErrorCategory.VALIDATION, rootOf(e).category(), e.toString());
            assertEquals(0, backup.callCount(), "bad input is bad input everywhere: no failover");
        }
    }

    @Test
    void anAuthErrorUnderHedgingFailsOver() {
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE)
                .then(MockOutcome.error(dev.ttskit.AuthenticationException.builder("bad key").provider("primary").build())).build();
        MockTtsProvider backup = MockTtsProvider.alwaysAudio("backup");
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(backup)
                .hedging(HedgePolicy.after(Duration.ofMinutes(1)).build()).build()) {
            assertEquals("backup", tts.synthesize(SpeechRequest.of("Hi.")).provider());
        }
    }

    @Test
    void cancellingDuringTheRetryBackoffMakesNoFurtherCall() throws Exception {
        MockTtsProvider a = MockTtsProvider.builder("a")
                .then(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("a").build()))
                .otherwise(MockOutcome.audio(Duration.ofMillis(100))).build();
        AtomicReference<CompletableFuture<SpeechResult>> call = new AtomicReference<>();
        CountDownLatch published = new CountDownLatch(1);
        CountDownLatch slept = new CountDownLatch(1);
        // The backoff is where the caller gives up: cancel the call from inside the sleep.
        dev.ttskit.Sleeper cancelWhileSleeping = d -> {
            if (!published.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("no future to cancel");
            call.get().cancel(true);
            slept.countDown();
        };
        try (TtsClient tts = TtsClient.builder().provider(a).sleeper(cancelWhileSleeping)
                .retry(RetryPolicy.builder().maxAttempts(3).build()).build()) {
            call.set(tts.synthesizeAsync(SpeechRequest.of("Hi.")));
            published.countDown();
            assertTrue(slept.await(10, TimeUnit.SECONDS), "the retry never backed off");
            assertThrows(java.util.concurrent.CancellationException.class, () -> call.get().get(10, TimeUnit.SECONDS));
            Waits.until(() -> a.inFlight() == 0, "the worker is done");
            assertEquals(1, a.callCount(), "a cancelled request is not retried");
        }
    }

    @Test
    void cancellingDuringTheBackoffEndsASynchronousCallAsCancelled() throws Exception {
        MockTtsProvider a = MockTtsProvider.builder("a")
                .then(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("a").build()))
                .otherwise(MockOutcome.audio(Duration.ofMillis(100))).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        AtomicReference<Thread> caller = new AtomicReference<>();
        dev.ttskit.Sleeper interruptWhileSleeping = d -> {
            throw new InterruptedException("caller gave up");
        };
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).sleeper(interruptWhileSleeping)
                .retry(RetryPolicy.builder().maxAttempts(3).build()).build()) {
            caller.set(Thread.currentThread());
            TtsException e = assertThrows(TtsException.class, () -> tts.synthesize(SpeechRequest.of("Hi.")));
            assertInstanceOf(CancelledException.class, rootOf(e), e.toString());
            assertEquals(1, a.callCount());
            assertEquals(0, b.callCount(), "a cancelled request does not fail over either");
        } finally {
            Thread.interrupted();   // the interrupt is kept for the caller; clear it for the next test
        }
    }

    @Test
    void aHedgedCallWhereNeitherSideAnswersEndsAtTheDeadlineAndCancelsBoth() {
        MockTtsProvider primary = MockTtsProvider.builder("primary").capabilities(REMOTE).otherwise(MockOutcome.hang()).build();
        MockTtsProvider backup = MockTtsProvider.builder("backup").otherwise(MockOutcome.hang()).build();
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(backup)
                .hedging(HedgePolicy.after(Duration.ofMillis(10)).build()).build()) {
            TtsException e = assertThrows(TtsException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text("Hi.").timeout(Duration.ofMillis(300)).build()));
            assertInstanceOf(TtsTimeoutException.class, rootOf(e), e.toString());
            Waits.until(() -> primary.inFlight() == 0 && backup.inFlight() == 0, "both abandoned calls were cancelled");
        }
    }

    @Test
    void emptyAudioThroughTheRouterIsBadAudioAndFailsOver() {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.bytes(new byte[0], AudioFormat.PCM16_24K)).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).retry(RetryPolicy.NONE).build()) {
            assertEquals("b", tts.synthesize(SpeechRequest.builder().text("Hello there.").format(AudioFormat.PCM16_24K).build()).provider());
            assertEquals(1, a.callCount());
        }
        MockTtsProvider only = MockTtsProvider.builder("only").otherwise(MockOutcome.bytes(new byte[0], AudioFormat.PCM16_24K)).build();
        try (TtsClient tts = TtsClient.builder().provider(only).retry(RetryPolicy.NONE).build()) {
            TtsException e = assertThrows(TtsException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text("Hello there.").format(AudioFormat.PCM16_24K).build()));
            assertEquals(ErrorCategory.BAD_AUDIO, rootOf(e).category(), e.toString());
        }
    }

    @Test
    void audioInAnotherFormatThanAnnouncedIsConvertedOrRefusedNeverPassedOff() {
        byte[] notWav = "definitely not a RIFF header, just text".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.bytes(notWav, AudioFormat.WAV_PCM16_24K)).build();
        try (TtsClient tts = TtsClient.builder().provider(a).retry(RetryPolicy.NONE).build()) {
            TtsException e = assertThrows(TtsException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text("Hello there.").format(AudioFormat.WAV_PCM16_24K).build()));
            assertEquals(ErrorCategory.BAD_AUDIO, rootOf(e).category(), e.toString());
        }
    }

    @Test
    void longTextOnAClosedClientIsRefused() {
        TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("a")).build();
        tts.close();
        assertThrows(IllegalStateException.class, () -> tts.synthesizeLong(SpeechRequest.of("One. Two."), dev.ttskit.ProgressListener.NONE));
        assertThrows(IllegalStateException.class, () -> tts.synthesize(SpeechRequest.of("Hi.")));
    }
}
