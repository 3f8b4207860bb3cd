package dev.ttskit.routing;

import dev.ttskit.AudioStream;
import dev.ttskit.AuthenticationException;
import dev.ttskit.BreakerPolicy;
import dev.ttskit.HedgePolicy;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RateLimitException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** 200 concurrent requests against providers failing at random: each ends in audio or a typed error, none hangs. */
@ExtendWith(NoLeaks.class)
class ConcurrentFaultsTest {
    private static final int REQUESTS = 200;
    private static final ProviderCapabilities REMOTE = MockTtsProvider.defaultCapabilities().toBuilder()
            .local(false).maxConcurrentCalls(6).build();

    /** A seeded mix of every kind of fault. */
    private static final class Faults {
        private final Random random;
        private final String id;

        Faults(long seed, String id) {
            this.random = new Random(seed);
            this.id = id;
        }

        synchronized MockOutcome next() {
            int roll = random.nextInt(100);
            Duration audio = Duration.ofMillis(100);
            if (roll < 45) return MockOutcome.audio(audio);
            if (roll < 55) return MockOutcome.delayed(Duration.ofMillis(5), MockOutcome.audio(audio));
            if (roll < 62) return MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider(id).requestId(id + "-r").build());
            if (roll < 65) return MockOutcome.error(RateLimitException.builder("HTTP 429").provider(id).retryAfter(Duration.ofMillis(10)).build());
            if (roll < 68) return MockOutcome.error(RateLimitException.builder("concurrency").provider(id).concurrencyLimit(true).build());
            if (roll < 72) return MockOutcome.silence(audio);
            if (roll < 76) return MockOutcome.bytes(new byte[] {1, 2, 3}, AudioFormat.WAV_PCM16_24K);
            if (roll < 80) return MockOutcome.error(AuthenticationException.builder("HTTP 401").provider(id).build());
            if (roll < 85) return MockOutcome.crash(new AssertionError("provider bug"));
            if (roll < 90) return MockOutcome.hang();
            if (roll < 95) return MockOutcome.failMidStream(2, Duration.ofMillis(20), ProviderUnavailableException.builder("reset").provider(id).build());
            return MockOutcome.chunked(3, Duration.ofMillis(30), Duration.ZERO);
        }
    }

    private static MockTtsProvider provider(String id, long seed, ProviderCapabilities caps) {
        Faults faults = new Faults(seed, id);
        return MockTtsProvider.builder(id).capabilities(caps).answering(r -> faults.next()).build();
    }

    @Test
    void everyRequestEndsInAudioOrATypedError() {
        MockTtsProvider a = provider("a", 11, REMOTE);
        MockTtsProvider b = provider("b", 12, REMOTE);
        MockTtsProvider c = provider("c", 13, MockTtsProvider.defaultCapabilities());
        AtomicInteger audio = new AtomicInteger();
        AtomicInteger typed = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ExecutorService callers = Executors.newFixedThreadPool(REQUESTS);
            try (TtsClient tts = TtsClient.builder().provider(a).provider(b).provider(c).sleeper(d -> { })
                    .breaker(BreakerPolicy.builder().window(20, 5).failureRateThreshold(75).openDuration(Duration.ofMillis(50)).build())
                    .hedging(HedgePolicy.after(Duration.ofMillis(40)).build())
                    .timeout(Duration.ofMillis(400)).build()) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    boolean stream = i % 4 == 3;
                    done.add(callers.submit(() -> {
                        if (stream) streamOnce(tts, audio, typed, interrupted);
                        else synthesizeOnce(tts, audio, typed);
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
                Waits.until(() -> a.inFlight() + b.inFlight() + c.inFlight() == 0, "every provider call ended");
                assertEquals(0, tts.resources().openStreams());
            } finally {
                callers.shutdownNow();
            }
        });
        assertEquals(REQUESTS, audio.get() + typed.get(), "audio " + audio + ", typed errors " + typed);
        assertTrue(audio.get() > REQUESTS / 4, "retries and failover rescue many requests: audio " + audio + ", errors " + typed);
        assertTrue(typed.get() > 0, "the faults did bite");
    }

    private static void synthesizeOnce(TtsClient tts, AtomicInteger audio, AtomicInteger typed) {
        try {
            SpeechResult r = tts.synthesizeAsync(SpeechRequest.of("Hello there.")).get();
            assertTrue(r.size() > 44);
            assertEquals(AudioFormat.WAV_PCM16_24K, r.format());
            audio.incrementAndGet();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TtsException t)) throw new AssertionError("untyped failure", e.getCause());
            assertTrue(t.httpStatus() >= 400, t.toString());
            typed.incrementAndGet();
        } catch (InterruptedException e) {
            fail(e);
        }
    }

    private static void streamOnce(TtsClient tts, AtomicInteger audio, AtomicInteger typed, AtomicInteger interrupted) {
        try (AudioStream s = tts.stream(SpeechRequest.of("Hello there."))) {
            try {
                assertTrue(s.readAllBytes().length > 44);
                audio.incrementAndGet();
            } catch (IOException e) {
                if (!(e.getCause() instanceof TtsException)) fail("stream failed without a typed cause", e);
                interrupted.incrementAndGet();
                typed.incrementAndGet();
            }
        } catch (TtsException e) {
            typed.incrementAndGet();
        } catch (IOException e) {
            fail("closing failed", e);
        }
    }
}
