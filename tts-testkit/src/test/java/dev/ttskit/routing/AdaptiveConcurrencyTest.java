package dev.ttskit.routing;

import dev.ttskit.RateLimitException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsListener;
import dev.ttskit.Voice;
import dev.ttskit.AudioStream;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-provider limit of calls in flight: it follows the account's maximum as the provider states
 * it, falls on a concurrency refusal, climbs back with time (the test's {@link ManualClock}), yields
 * to a limit the application set, and serves waiting callers in arrival order.
 *
 * <p>Each batch starts more callers than the limit while the provider holds every call at a gate.
 * A caller that got a slot fires {@code onAttempt} on its own thread before it parks on the call; one
 * that did not parks in the slot queue. Once all are parked, the attempts counted are exactly the
 * slots the limit gave out (no slot frees and no limit changes during a batch).
 */
@ExtendWith(NoLeaks.class)
class AdaptiveConcurrencyTest {
    private static final int DECLARED = 2;
    private static final int BATCH = 7;

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger names = new AtomicInteger();
    private final TtsListener counting = new TtsListener() {
        @Override
        public void onAttempt(String provider, int attempt) {
            attempts.incrementAndGet();
        }
    };

    /** States {@link #advertised} (when above 0) on every answer, refuses when told to, holds calls at a gate. */
    private static final class AccountProvider implements TtsProvider {
        final AtomicInteger advertised = new AtomicInteger();
        final AtomicInteger refuseNext = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final List<String> order = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);
        private final byte[] audio = MockAudio.tone(AudioFormat.WAV_PCM16_24K, Duration.ofSeconds(2));

        @Override
        public String id() {
            return "acct";
        }

        @Override
        public ProviderCapabilities capabilities() {
            return MockTtsProvider.defaultCapabilities().toBuilder().streaming(false).maxConcurrentCalls(DECLARED).build();
        }

        @Override
        public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
            order.add(request.text());
            int stated = advertised.get();
            if (stated > 0) ctx.reportConcurrencyLimit(stated);
            if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw RateLimitException.builder("HTTP 429: too many concurrent requests").provider(id()).providerStatus(429)
                        .concurrencyLimit(true).build();
            }
            inFlight.incrementAndGet();
            try {
                if (!gate.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("the test never opened the gate");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
            return SpeechResult.builder().audio(audio).format(request.format()).provider(id()).build();
        }

        @Override
        public AudioStream stream(ProviderRequest request, CallContext ctx) {
            throw UnsupportedRequestException.builder("no streaming").provider(id()).build();
        }

        @Override
        public List<Voice> voices(CallContext ctx) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private TtsClient.Builder client(AccountProvider p) {
        return TtsClient.builder().provider(p).clock(clock).sleeper(new ManualSleeper(clock)).retry(RetryPolicy.NONE).listener(counting);
    }

    private SpeechRequest next() {
        return SpeechRequest.of("This is request number " + names.incrementAndGet() + " of the limit test.");
    }

    /** One call with the gate open: what it reports or how it fails moves the limit before the next batch. */
    private void single(TtsClient tts) {
        tts.synthesize(next());
    }

    /** {@link #BATCH} callers at a closed gate: returns how many got a slot. */
    private int batch(TtsClient tts, AccountProvider p) throws InterruptedException {
        p.gate = new CountDownLatch(1);
        int before = attempts.get();
        List<Thread> callers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            SpeechRequest request = next();
            Thread t = new Thread(() -> {
                try {
                    tts.synthesize(request);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "limit-test-caller");
            callers.add(t);
            t.start();
        }
        // Settled: every caller is parked, and stays so, with the count of admitted calls unchanged, across
        // a few looks (a slot handed from one caller to the next leaves a moment in which both look parked).
        int admitted = -1;
        for (int stable = 0; stable < 3; ) {
            Waits.until(() -> callers.stream().allMatch(AdaptiveConcurrencyTest::parked), "every caller is waiting");
            int now = attempts.get() - before;
            stable = now == admitted ? stable + 1 : 0;
            admitted = now;
            Thread.sleep(20);
        }
        int admittedCalls = admitted;
        Waits.until(() -> p.inFlight.get() == admittedCalls, "the admitted calls reach the provider");
        p.gate.countDown();
        for (Thread t : callers) t.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(failures.isEmpty(), "every call of the batch succeeds: " + failures);
        return admittedCalls;
    }

    /** Waiting for a slot or at the provider's gate; not merely waiting for a lock that is being handed over. */
    private static boolean parked(Thread t) {
        Thread.State s = t.getState();
        Object blocker = LockSupport.getBlocker(t);
        boolean forALock = blocker != null && blocker.getClass().getName().startsWith("java.util.concurrent.locks.ReentrantLock$");
        return (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) && !forALock;
    }

    @Test
    void theLimitFollowsTheAccountFallsOnARefusalAndClimbsBackWithTime() throws Exception {
        AccountProvider p = new AccountProvider();
        try (TtsClient tts = client(p).build()) {
            assertEquals(DECLARED, batch(tts, p), "before any statement: the provider's declared default");

            p.advertised.set(4);
            single(tts);
            assertEquals(4, batch(tts, p), "the account's stated maximum, above the declared default");

            p.refuseNext.set(1);
            RateLimitException refused = assertThrows(RateLimitException.class, () -> single(tts));
            assertTrue(refused.concurrencyLimit());
            assertEquals(3, batch(tts, p), "a concurrency refusal cuts the limit to three quarters");
            assertEquals(3, batch(tts, p), "successes alone do not climb while no time has passed");

            clock.advance(Duration.ofSeconds(1));
            single(tts);
            assertEquals(4, batch(tts, p), "a second of successes climbs one step, back to the account's maximum");

            clock.advance(Duration.ofSeconds(5));
            single(tts);
            assertEquals(4, batch(tts, p), "never above the account's maximum");

            p.advertised.set(3);
            single(tts);
            assertEquals(3, batch(tts, p), "a lower maximum stated by the account applies at once");
            assertEquals(1, tts.health().get(0).failedCalls(), "the refusal was the only failure recorded");
        }
    }

    @Test
    void aLimitTheApplicationSetsWinsOverTheAccountAndRefusals() throws Exception {
        AccountProvider p = new AccountProvider();
        p.advertised.set(6);
        try (TtsClient tts = client(p).maxConcurrentCalls("acct", 3).build()) {
            single(tts);
            assertEquals(3, batch(tts, p), "the account's 6 does not raise the application's 3");
            p.refuseNext.set(1);
            assertThrows(RateLimitException.class, () -> single(tts));
            assertEquals(3, batch(tts, p), "nor does a refusal lower it");
        }
    }

    @Test
    void aLimitSetInTheSettingsWinsToo() throws Exception {
        AccountProvider p = new AccountProvider();
        p.advertised.set(6);
        try (TtsClient tts = client(p).settings(Settings.of(Map.of("TTSKIT_ACCT_MAX_CONCURRENCY", "1"))).build()) {
            single(tts);
            assertEquals(1, batch(tts, p));
        }
        assertThrows(IllegalArgumentException.class,
                () -> client(new AccountProvider()).settings(Settings.of(Map.of("TTSKIT_ACCT_MAX_CONCURRENCY", "0"))).build());
    }

    @Test
    void waitingCallersAreServedInArrivalOrder() throws Exception {
        AccountProvider p = new AccountProvider();
        try (TtsClient tts = client(p).maxConcurrentCalls("acct", 1).build()) {
            p.gate = new CountDownLatch(1);
            List<Thread> callers = new ArrayList<>();
            List<String> arrival = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                SpeechRequest request = next();
                arrival.add(request.text());
                Thread t = new Thread(() -> tts.synthesize(request), "fifo-test-caller");
                callers.add(t);
                t.start();
                // The next caller starts only once this one waits: for the slot, or (the first) for its call.
                Waits.until(() -> parked(t), "caller " + callers.size() + " waits");
                if (i == 0) Waits.until(() -> p.inFlight.get() == 1, "the first call holds the only slot");
            }
            p.gate.countDown();
            for (Thread t : callers) t.join(TimeUnit.SECONDS.toMillis(10));
            assertEquals(arrival, p.order, "the slot went to the callers in the order they came");
        }
    }
}
