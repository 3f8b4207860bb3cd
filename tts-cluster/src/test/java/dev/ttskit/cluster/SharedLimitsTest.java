package dev.ttskit.cluster;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.CircuitState;
import dev.ttskit.ErrorCategory;
import dev.ttskit.RateLimitException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Account limits shared by instances in JVMs of their own, at a loopback provider that counts. */
class SharedLimitsTest {

    /** Counts calls in flight; each takes {@code holdMillis}, or until {@code gate} opens when given. */
    static final class CountingServer extends Dispatcher {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        private final long holdMillis;
        private final CountDownLatch gate;

        CountingServer(long holdMillis, CountDownLatch gate) {
            this.holdMillis = holdMillis;
            this.gate = gate;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            calls.incrementAndGet();
            try {
                if (gate != null) gate.await(60, TimeUnit.SECONDS);
                else Thread.sleep(holdMillis);
            } finally {
                inFlight.decrementAndGet();
            }
            return new MockResponse.Builder().code(200).body("ok").build();
        }
    }

    @Test
    void threeInstancesWithASharedLimitOfFourNeverHaveMoreThanFourCallsInFlight() throws Exception {
        String url = Postgres.shared().newDatabase();
        CountingServer counting = new CountingServer(150, null);
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(counting);
            server.start();
            String target = server.url("/speak").toString();
            List<Node> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) nodes.add(Node.start(url, target, "4", "10000"));
                for (int i = 0; i < 3; i++) nodes.get(i).send("speak 8 node" + i);
                for (Node n : nodes) assertEquals("SPOKE 8 0", n.expect("SPOKE", Duration.ofSeconds(60)));
            } finally {
                for (Node n : nodes) n.close();
            }
            assertEquals(24, counting.calls.get());
            assertTrue(counting.maxInFlight.get() <= 4, "in flight at once: " + counting.maxInFlight.get());
            assertEquals(4, counting.maxInFlight.get(), "the limit is used, not just respected");
        }
    }

    @Test
    void aKilledInstancesSlotsComeBackAfterTheirLease() throws Exception {
        String url = Postgres.shared().newDatabase();
        CountDownLatch gate = new CountDownLatch(1);
        CountingServer counting = new CountingServer(0, gate);
        try (MockWebServer server = new MockWebServer();
             TtsCluster observer = TtsCluster.builder().jdbcUrl(url, null, null).concurrencyLimit("loop", 4)
                     .leaseDuration(Duration.ofSeconds(3)).build()) {
            server.setDispatcher(counting);
            server.start();
            Node doomed = Node.start(url, server.url("/speak").toString(), "4", "3000");
            try {
                doomed.send("speak 4 doomed");
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (counting.inFlight.get() < 4 && System.nanoTime() < end) Thread.sleep(20);
                assertEquals(4, observer.callSlotsHeld("loop"));
                // Held past its lease while alive: the instance renews them (every second; a renewal more
                // than two seconds late would show a dip here, which the next renewal mends).
                Thread.sleep(4_000);
                assertEquals(4, observer.callSlotsHeld("loop"));
                doomed.kill();
            } finally {
                gate.countDown();
                doomed.close();
            }
            assertEquals(0, awaitSlots(observer, 0), "slots of the killed instance after its lease");
            MockTtsProvider loop = MockTtsProvider.alwaysAudio("loop");
            try (TtsClient client = TtsClient.builder().sharedState(observer).provider(loop).timeout(Duration.ofSeconds(5)).build()) {
                for (int i = 0; i < 4; i++) client.synthesize(SpeechRequest.of("After the crash, call " + i + "."));
            }
            assertEquals(4, loop.callCount());
        }
    }

    @Test
    void aRenewalThatComesAfterTheLeaseRanOutKeepsTheSlotOfACallStillRunning() throws Exception {
        String url = Postgres.shared().newDatabase();
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider loop = MockTtsProvider.builder("loop").otherwise(MockOutcome.gated(gate, MockOutcome.audio(Duration.ofSeconds(1))))
                .build();
        try (TtsCluster cluster = TtsCluster.builder().jdbcUrl(url, null, null).concurrencyLimit("loop", 1)
                     .leaseDuration(Duration.ofMillis(1500)).build();
             TtsClient client = TtsClient.builder().sharedState(cluster).provider(loop).timeout(Duration.ofSeconds(30)).build()) {
            CompletableFuture<SpeechResult> call = CompletableFuture.supplyAsync(
                    () -> client.synthesize(SpeechRequest.of("Held while its lease is made to run out.")));
            assertEquals(1, awaitSlots(cluster, 1), "the running call holds the slot");
            // What a renewal running late (a stalled thread, a slow checkout) finds: the lease has run out,
            // and no other instance has taken the slot yet.
            // (Not read back: a renewal may already have revived it by then, which is the point.)
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("UPDATE ttskit_call_slot SET expires_at = now() - interval '1 second'"
                        + " WHERE provider = 'loop' AND instance IS NOT NULL"));
            }
            assertEquals(1, awaitSlots(cluster, 1), "the next renewal takes the slot back for the call still running");
            gate.countDown();
            assertEquals("loop", call.get(30, TimeUnit.SECONDS).provider());
            assertEquals(0, awaitSlots(cluster, 0), "the finished call's slot is freed and no longer renewed");
        }
    }

    /** The cluster's count of held slots once it reads {@code wanted}, or after 10 s. */
    private static int awaitSlots(TtsCluster cluster, int wanted) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int held;
        while ((held = cluster.callSlotsHeld("loop")) != wanted && System.nanoTime() < end) Thread.sleep(50);
        return held;
    }

    @Test
    void aCharacterBudgetSharedByTwoInstancesStopsBothAndFailsOverWithoutOpeningTheBreaker() {
        String url = Postgres.shared().newDatabase();
        MockTtsProvider onA = MockTtsProvider.alwaysAudio("mock");
        MockTtsProvider onB = MockTtsProvider.alwaysAudio("mock");
        MockTtsProvider backup = MockTtsProvider.alwaysAudio("backup");
        try (TtsCluster ca = TtsCluster.builder().jdbcUrl(url, null, null).characterBudget("mock", 100, Duration.ofDays(30)).build();
             TtsCluster cb = TtsCluster.builder().jdbcUrl(url, null, null).characterBudget("mock", 100, Duration.ofDays(30)).build();
             TtsClient a = TtsClient.builder().sharedState(ca).provider(onA).timeout(Duration.ofSeconds(2)).build();
             TtsClient b = TtsClient.builder().sharedState(cb).provider(onB).provider(backup).timeout(Duration.ofSeconds(2)).build()) {
            String sixty = "Platform four for the train to Leeds, calling at York only.";
            assertEquals(59, sixty.length());
            a.synthesize(SpeechRequest.of(sixty + "!"));
            assertEquals(40, ca.charactersLeft("mock"));
            assertEquals(40, cb.charactersLeft("mock"));
            TtsException refused = assertThrows(TtsException.class, () -> a.synthesize(SpeechRequest.of(sixty + "?")));
            assertEquals(ErrorCategory.RATE_LIMIT, refused.category());
            assertTrue(refused instanceof RateLimitException);
            assertTrue(refused.retryAfter().orElseThrow().compareTo(Duration.ofDays(1)) > 0);
            // B is stopped too, and fails over to its backup; the refusal does not open mock's breaker.
            assertEquals("backup", b.synthesize(SpeechRequest.of(sixty + ".")).provider());
            assertEquals(0, onB.callCount());
            for (int i = 0; i < 6; i++) b.synthesize(SpeechRequest.of("Backup call " + i + " with enough text to be over the budget of mock, yes."));
            assertEquals(CircuitState.CLOSED, b.health().get(0).state());
            // Seeded from the provider's account (ElevenLabs' subscription): both see it at once.
            ca.seedCharacterBudget("mock", 100);
            assertEquals(100, cb.charactersLeft("mock"));
            assertEquals("mock", b.synthesize(SpeechRequest.of(sixty + ";")).provider());
            assertFalse(onB.callCount() == 0);
        } catch (AllProvidersFailedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void overARequestRateACallWaitsWithinItsDeadlineInsteadOfFailingOver() {
        String url = Postgres.shared().newDatabase();
        MockTtsProvider limited = MockTtsProvider.alwaysAudio("mock");
        MockTtsProvider backup = MockTtsProvider.alwaysAudio("backup");
        try (TtsCluster ca = TtsCluster.builder().jdbcUrl(url, null, null).requestRate("mock", 2, Duration.ofSeconds(1)).build();
             TtsClient a = TtsClient.builder().sharedState(ca).provider(limited).provider(backup).timeout(Duration.ofSeconds(20)).build()) {
            for (int i = 0; i < 4; i++) assertEquals("mock", a.synthesize(SpeechRequest.of("Rate limited call " + i + ".")).provider());
            assertEquals(4, limited.callCount());
            assertEquals(0, backup.callCount());
        }
    }

    @Test
    void aRequestRateThatCannotRefillBeforeTheDeadlineFailsFastAndFailsOver() {
        String url = Postgres.shared().newDatabase();
        MockTtsProvider limited = MockTtsProvider.alwaysAudio("mock");
        MockTtsProvider backup = MockTtsProvider.alwaysAudio("backup");
        try (TtsCluster ca = TtsCluster.builder().jdbcUrl(url, null, null).requestRate("mock", 1, Duration.ofHours(1)).build();
             TtsClient a = TtsClient.builder().sharedState(ca).provider(limited).provider(backup).timeout(Duration.ofSeconds(20)).build()) {
            assertEquals("mock", a.synthesize(SpeechRequest.of("The only call this hour.")).provider());
            assertEquals("backup", a.synthesize(SpeechRequest.of("One call too many.")).provider());
            assertEquals(1, limited.callCount());
        }
    }

    /** Bucket4j's buckets kept by compare-and-swap: instances racing on one bucket spend it exactly, never twice. */
    @Test
    void twoInstancesRacingOnOneRequestBudgetSpendItExactly() throws Exception {
        String url = Postgres.shared().newDatabase();
        MockTtsProvider onA = MockTtsProvider.alwaysAudio("mock");
        MockTtsProvider onB = MockTtsProvider.alwaysAudio("mock");
        try (TtsCluster ca = TtsCluster.builder().jdbcUrl(url, null, null).requestRate("mock", 40, Duration.ofDays(1)).build();
             TtsCluster cb = TtsCluster.builder().jdbcUrl(url, null, null).requestRate("mock", 40, Duration.ofDays(1)).build();
             TtsClient a = TtsClient.builder().sharedState(ca).provider(onA).timeout(Duration.ofSeconds(30)).build();
             TtsClient b = TtsClient.builder().sharedState(cb).provider(onB).timeout(Duration.ofSeconds(30)).build()) {
            AtomicInteger refused = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < 6; t++) {
                TtsClient client = t % 2 == 0 ? a : b;
                String name = "thread " + t;
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < 10; i++) {
                            try {
                                client.synthesize(SpeechRequest.of("Call " + i + " from " + name + "."));
                            } catch (TtsException e) {
                                refused.incrementAndGet();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                thread.start();
                threads.add(thread);
            }
            go.countDown();
            for (Thread thread : threads) thread.join(TimeUnit.SECONDS.toMillis(120));
            assertEquals(40, onA.callCount() + onB.callCount(), "calls let through by a shared budget of 40");
            assertEquals(20, refused.get());
        }
    }
}
