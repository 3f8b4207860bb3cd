package dev.ttskit.routing;

import dev.ttskit.RateLimitException;
import dev.ttskit.Sleeper;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waiting to retry ends as soon as the request is cancelled, whichever sleeper is configured. */
@ExtendWith(NoLeaks.class)
class CancellableSleeperTest {
    private static final MockOutcome RETRY_LATER = MockOutcome.error(RateLimitException.builder("HTTP 429").provider("a")
            .retryAfter(Duration.ofSeconds(5)).build());

    @Test
    void theSystemSleeperWakesWhenTheTokenIsCancelled() throws Exception {
        CancellationToken token = new CancellationToken();
        CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
            try {
                Sleeper.SYSTEM.sleep(Duration.ofHours(1), token);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        token.cancel();
        sleeping.get(10, TimeUnit.SECONDS);
        assertTrue(sleeping.isDone());
    }

    @Test
    void cancellingDuringBackoffStopsACustomSleeperAndRetriesNothing() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        // A sleeper that never ends by itself: only its cancellable wait can return.
        Sleeper onlyCancellation = new Sleeper() {
            @Override
            public void sleep(Duration duration) throws InterruptedException {
                new CountDownLatch(1).await();
            }

            @Override
            public void sleep(Duration duration, CancellationToken cancellation) throws InterruptedException {
                CountDownLatch cancelled = new CountDownLatch(1);
                try (CancellationToken.Registration r = cancellation.onCancel(cancelled::countDown)) {
                    waiting.countDown();
                    cancelled.await();
                }
            }
        };
        MockTtsProvider a = MockTtsProvider.builder("a").then(RETRY_LATER).build();
        try (TtsClient tts = TtsClient.builder().provider(a).sleeper(onlyCancellation).build()) {
            CompletableFuture<SpeechResult> call = tts.synthesizeAsync(SpeechRequest.of("Hi."));
            assertTrue(waiting.await(10, TimeUnit.SECONDS), "the retry is waiting");
            call.cancel(true);
            assertThrows(CancellationException.class, () -> call.get(10, TimeUnit.SECONDS));
            Waits.until(() -> a.inFlight() == 0, "nothing is in flight");
            assertEquals(1, a.callCount(), "no retry after the cancellation");
        }
    }

    @Test
    void theManualSleeperRecordsButDoesNotAdvanceTimeForACancelledWait() {
        ManualClock clock = new ManualClock();
        ManualSleeper sleeper = new ManualSleeper(clock);
        CancellationToken token = new CancellationToken();
        token.cancel();
        java.time.Instant before = clock.instant();
        sleeper.sleep(Duration.ofSeconds(3), token);
        assertEquals(before, clock.instant());
        assertEquals(List.of(Duration.ofSeconds(3)), sleeper.sleeps());
    }
}
