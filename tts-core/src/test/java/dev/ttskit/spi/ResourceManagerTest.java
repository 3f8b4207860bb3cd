package dev.ttskit.spi;

import dev.ttskit.AudioStream;
import dev.ttskit.ModelException;
import dev.ttskit.RateLimitException;
import dev.ttskit.audio.AudioFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceManagerTest {

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    static long ttskitThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(ResourceManager.THREAD_PREFIX)).count();
    }

    /** A terminated pool's threads may still be alive for a moment while they unwind. */
    static long threadsAfterGrace(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        long now = ttskitThreads();
        while (now > expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            now = ttskitThreads();
        }
        return now;
    }

    private static final SharedKey<Object> THING = SharedKey.of("thing", Object.class);

    private static AudioStream stream(byte[] bytes, AtomicInteger closes) {
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        return AudioStream.of(in, AudioFormat.PCM16_24K, "mock");
    }

    @Test
    void closeReleasesEverythingAndLeavesNoThreads() throws Exception {
        long threadsBefore = ttskitThreads();
        ResourceManager rm = ResourceManager.create();
        AtomicInteger streamCloses = new AtomicInteger();
        AudioStream tracked = rm.track(stream(new byte[10], streamCloses));
        AtomicInteger sharedCloses = new AtomicInteger();
        Object shared = rm.shared(THING, Object::new, o -> sharedCloses.incrementAndGet());
        assertSame(shared, rm.shared(THING, Object::new, o -> { }), "one instance per key");
        List<String> unloaded = new ArrayList<>();
        ManagedModel<String> model = rm.model("m", 100, () -> "weights", unloaded::add);
        try (ManagedModel.Lease<String> lease = model.acquire()) {
            assertEquals("weights", lease.get());
        }
        rm.executor().submit(() -> { }).get();

        ResourceStats stats = rm.stats();
        assertEquals(1, stats.openStreams());
        assertEquals(1, stats.loadedModels());
        assertEquals(100, stats.modelNativeBytes());
        assertEquals(1, stats.sharedComponents());

        rm.close();
        rm.close(); // idempotent

        assertEquals(1, streamCloses.get(), "stream closed once");
        assertThrows(IOException.class, tracked::read, "the caller's stream is closed too");
        assertEquals(1, sharedCloses.get());
        assertEquals(List.of("weights"), unloaded);
        ResourceStats after = rm.stats();
        assertEquals(0, after.openStreams());
        assertEquals(0, after.loadedModels());
        assertEquals(threadsBefore, threadsAfterGrace(threadsBefore), "no ttskit thread left");
        assertThrows(IllegalStateException.class, () -> rm.track(stream(new byte[1], new AtomicInteger())));
        assertThrows(IllegalStateException.class, () -> rm.model("late", 1, () -> "x", v -> { }));
        assertThrows(IllegalStateException.class, rm::executor);
        assertThrows(IllegalStateException.class, () -> rm.shared(THING, Object::new, o -> { }),
                "a component created before close is not handed out after it");
    }

    @Test
    void sharedComponentsCloseNewestFirst() {
        List<String> closed = new ArrayList<>();
        ResourceManager rm = ResourceManager.create();
        SharedKey<String> pool = SharedKey.of("pool", String.class);
        rm.shared(pool, () -> "pool", closed::add);
        rm.shared(SharedKey.of("client", String.class), () -> "client", closed::add);   // built on the pool: must close before it
        rm.shared(pool, () -> "second pool", closed::add);
        rm.close();
        assertEquals(List.of("client", "pool"), closed);
        assertThrows(IllegalStateException.class, () -> rm.shared(pool, () -> "x", c -> { }));
    }

    @Test
    void sharedKeysAreTypedAndOneNameWithTwoTypesIsTwoComponents() {
        try (ResourceManager rm = ResourceManager.create()) {
            SharedKey<StringBuilder> builder = SharedKey.of("buffer", StringBuilder.class);
            SharedKey<AtomicInteger> counter = SharedKey.of("buffer", AtomicInteger.class);
            StringBuilder sb = rm.shared(builder, StringBuilder::new, b -> { });
            assertSame(sb, rm.shared(SharedKey.of("buffer", StringBuilder.class), StringBuilder::new, b -> { }),
                    "equal keys (same name and type) share one instance");
            assertEquals(0, rm.shared(counter, AtomicInteger::new, c -> { }).get());
            assertEquals(2, rm.stats().sharedComponents());
            assertEquals(SharedKey.of("buffer", StringBuilder.class), builder);
            assertFalse(builder.equals(counter));
            assertThrows(NullPointerException.class, () -> rm.shared(SharedKey.of("null", String.class), () -> null, s -> { }));
            IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> SharedKey.of(" ", String.class));
            assertTrue(blank.getMessage().contains("name"), blank.getMessage());
        }
    }

    @Test
    void aFailingCloserDoesNotStopTheOthers() {
        List<String> closed = new ArrayList<>();
        ResourceManager rm = ResourceManager.create();
        rm.shared(SharedKey.of("first", String.class), () -> "first", closed::add);
        rm.shared(SharedKey.of("broken", String.class), () -> "broken", s -> {
            throw new IllegalStateException("cannot close");
        });
        rm.close();
        assertEquals(List.of("first"), closed);
        assertTrue(rm.isClosed());
    }

    @Test
    void theSweepIsScheduledEvenWhenTheTimerWasStartedFirst() throws Exception {
        ManualClock clock = new ManualClock();
        try (ResourceManager rm = ResourceManager.builder().clock(clock).streamIdleTimeout(Duration.ofSeconds(1))
                .sweepInterval(Duration.ofMillis(5)).build()) {
            rm.scheduler();   // an adapter's own timer work started before any stream was tracked
            CountDownLatch closedBySweep = new CountDownLatch(1);
            InputStream in = new ByteArrayInputStream(new byte[4]) {
                @Override
                public void close() {
                    closedBySweep.countDown();
                }
            };
            rm.track(AudioStream.of(in, AudioFormat.PCM16_24K, "mock"));
            clock.advance(Duration.ofMinutes(1));
            assertTrue(closedBySweep.await(30, java.util.concurrent.TimeUnit.SECONDS), "the periodic sweep closed the idle stream");
        }
    }

    @Test
    void badModelRegistrationsNameTheValue() {
        try (ResourceManager rm = ResourceManager.create()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rm.model("m", -1, () -> "x", v -> { }));
            assertTrue(e.getMessage().contains("-1") && e.getMessage().contains("m"), e.getMessage());
            ManagedModel<String> first = rm.model("k", 1, () -> "a", v -> { });
            assertSame(first, rm.model("k", 1, () -> "b", v -> { }), "one registration per key");
        }
    }

    @Test
    void openStreamLimitIsEnforcedAndRejectedStreamsAreClosed() throws IOException {
        try (ResourceManager rm = ResourceManager.builder().maxOpenStreams(2).build()) {
            AtomicInteger closes = new AtomicInteger();
            AudioStream a = rm.track(stream(new byte[4], closes));
            rm.track(stream(new byte[4], closes));
            RateLimitException e = assertThrows(RateLimitException.class, () -> rm.track(stream(new byte[4], closes)));
            assertTrue(e.concurrencyLimit());
            assertEquals(1, closes.get(), "the refused stream was closed");
            a.close();
            assertEquals(1, rm.stats().openStreams());
            rm.track(stream(new byte[4], closes)).close();
        }
    }

    @Test
    void idleStreamsAreClosedBySweep() throws IOException {
        ManualClock clock = new ManualClock();
        try (ResourceManager rm = ResourceManager.builder().clock(clock).streamIdleTimeout(Duration.ofSeconds(30)).build()) {
            AtomicInteger closes = new AtomicInteger();
            AudioStream s = rm.track(stream(new byte[100], closes));
            clock.advance(Duration.ofSeconds(20));
            assertEquals(10, s.read(new byte[10]));
            clock.advance(Duration.ofSeconds(20));
            rm.sweep();
            assertEquals(0, closes.get(), "read 20 s ago: not idle yet");
            clock.advance(Duration.ofSeconds(11));
            rm.sweep();
            assertEquals(1, closes.get());
            assertEquals(0, rm.stats().openStreams());
        }
    }

    @Test
    void modelsUnloadWhenIdleButNeverWhileLeased() {
        ManualClock clock = new ManualClock();
        try (ResourceManager rm = ResourceManager.builder().clock(clock).modelIdleTimeout(Duration.ofMinutes(10)).build()) {
            AtomicInteger loads = new AtomicInteger();
            ManagedModel<Integer> model = rm.model("m", 10, loads::incrementAndGet, v -> { });
            ManagedModel.Lease<Integer> lease = model.acquire();
            clock.advance(Duration.ofHours(1));
            rm.sweep();
            assertTrue(model.loaded(), "leased models stay");
            lease.close();
            clock.advance(Duration.ofMinutes(11));
            rm.sweep();
            assertFalse(model.loaded());
            try (ManagedModel.Lease<Integer> again = model.acquire()) {
                assertEquals(2, again.get(), "reloaded lazily");
            }
        }
    }

    @Test
    void leastRecentlyUsedModelMakesRoomWithinTheBudget() {
        ManualClock clock = new ManualClock();
        try (ResourceManager rm = ResourceManager.builder().clock(clock).modelMemoryBudget(150).build()) {
            ManagedModel<String> a = rm.model("a", 100, () -> "a", v -> { });
            ManagedModel<String> b = rm.model("b", 100, () -> "b", v -> { });
            a.acquire().close();
            clock.advance(Duration.ofSeconds(1));
            b.acquire().close();
            assertFalse(a.loaded(), "a was evicted to fit b");
            assertTrue(b.loaded());
            assertEquals(100, rm.stats().modelNativeBytes());
        }
    }

    @Test
    void slowAndFailingLoadsBecomeModelExceptions() {
        try (ResourceManager rm = ResourceManager.builder().modelLoadTimeout(Duration.ofMillis(100)).build()) {
            CountDownLatch never = new CountDownLatch(1);
            ManagedModel<String> slow = rm.model("slow", 1, () -> {
                never.await();
                return "late";
            }, v -> { });
            ModelException e = assertThrows(ModelException.class, slow::acquire);
            assertTrue(e.getMessage().contains("did not load within"), e.getMessage());
            ManagedModel<String> broken = rm.model("broken", 1, () -> {
                throw new IOException("corrupt graph");
            }, v -> { });
            assertTrue(assertThrows(ModelException.class, broken::acquire).getMessage().contains("corrupt graph"));
            assertFalse(broken.loaded());
        }
    }

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    /** A loader that counts its loads and blocks until the test lets it finish. */
    static final class BlockedLoader implements ModelLoader<String> {
        final AtomicInteger loads = new AtomicInteger();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public String load() throws InterruptedException {
            int n = loads.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "weights-" + n;
        }
    }

    private static CallContext call(ManualClock clock, Duration timeout, CancellationToken token, ResourceManager rm) {
        return CallContext.of(timeout, clock, token, rm);
    }

    private static <T> T outcome(java.util.concurrent.Future<T> f) throws Exception {
        return f.get(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    private static Throwable failure(java.util.concurrent.Future<?> f) throws Exception {
        try {
            outcome(f);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void concurrentCallersWaitOnOneLoadAndEachGetsTheModel() throws Exception {
        ManualClock clock = new ManualClock();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try (ResourceManager rm = ResourceManager.builder().clock(clock).build()) {
            BlockedLoader loader = new BlockedLoader();
            ManagedModel<String> model = rm.model("m", 1, loader, v -> { });
            List<java.util.concurrent.Future<String>> calls = new ArrayList<>();
            CountDownLatch allAsked = new CountDownLatch(4);
            for (int i = 0; i < 4; i++) {
                calls.add(callers.submit(() -> {
                    allAsked.countDown();
                    try (ManagedModel.Lease<String> lease = model.acquire(call(clock, Duration.ofMinutes(5), new CancellationToken(), rm))) {
                        return lease.get();
                    }
                }));
            }
            assertTrue(loader.started.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(allAsked.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            loader.release.countDown();
            for (java.util.concurrent.Future<String> c : calls) assertEquals("weights-1", outcome(c));
            assertEquals(1, loader.loads.get(), "one load for all callers");
            assertTrue(model.loaded());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aCallerWhoseDeadlinePassesLeavesAtOnceWhileTheLoadGoesOnForTheOthers() throws Exception {
        ManualClock clock = new ManualClock();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (ResourceManager rm = ResourceManager.builder().clock(clock).modelLoadTimeout(Duration.ofMinutes(2)).build()) {
            BlockedLoader loader = new BlockedLoader();
            ManagedModel<String> model = rm.model("m", 1, loader, v -> { });
            CallContext hurried = call(clock, Duration.ofSeconds(1), new CancellationToken(), rm);
            CallContext patient = call(clock, Duration.ofMinutes(1), new CancellationToken(), rm);
            java.util.concurrent.Future<String> first = callers.submit(() -> {
                try (ManagedModel.Lease<String> lease = model.acquire(hurried)) {
                    return lease.get();
                }
            });
            assertTrue(loader.started.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            java.util.concurrent.Future<String> second = callers.submit(() -> {
                try (ManagedModel.Lease<String> lease = model.acquire(patient)) {
                    return lease.get();
                }
            });

            clock.advance(Duration.ofSeconds(2));   // the first caller's deadline passes; the load is still blocked
            Throwable timedOut = failure(first);
            assertTrue(timedOut instanceof dev.ttskit.TtsTimeoutException, String.valueOf(timedOut));
            assertEquals(dev.ttskit.ErrorCategory.TIMEOUT, ((dev.ttskit.TtsException) timedOut).category());
            assertTrue(timedOut.getMessage().contains("model m"), timedOut.getMessage());
            assertFalse(second.isDone(), "the other caller still waits: its deadline is a minute away");
            assertEquals(1, loader.interrupted.getCount(), "the load was not interrupted by the caller who left");

            loader.release.countDown();
            assertEquals("weights-1", outcome(second));
            assertEquals(1, loader.loads.get(), "the load the first caller left served the second");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aCancelledCallerLeavesAtOnceAndALaterCallerJoinsTheSameLoad() throws Exception {
        ManualClock clock = new ManualClock();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (ResourceManager rm = ResourceManager.builder().clock(clock).build()) {
            BlockedLoader loader = new BlockedLoader();
            ManagedModel<String> model = rm.model("m", 1, loader, v -> { });
            CancellationToken token = new CancellationToken();
            java.util.concurrent.Future<String> cancelled = callers.submit(() -> {
                try (ManagedModel.Lease<String> lease = model.acquire(call(clock, Duration.ofMinutes(1), token, rm))) {
                    return lease.get();
                }
            });
            assertTrue(loader.started.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            token.cancel();
            Throwable e = failure(cancelled);
            assertTrue(e instanceof dev.ttskit.CancelledException, String.valueOf(e));

            java.util.concurrent.Future<String> later = callers.submit(() -> {
                try (ManagedModel.Lease<String> lease = model.acquire(call(clock, Duration.ofMinutes(1), new CancellationToken(), rm))) {
                    return lease.get();
                }
            });
            loader.release.countDown();
            assertEquals("weights-1", outcome(later));
            assertEquals(1, loader.loads.get());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aCallerAlreadyCancelledOrPastItsDeadlineDoesNotWaitButStillStartsTheLoad() throws Exception {
        ManualClock clock = new ManualClock();
        try (ResourceManager rm = ResourceManager.builder().clock(clock).build()) {
            BlockedLoader loader = new BlockedLoader();
            ManagedModel<String> model = rm.model("m", 1, loader, v -> { });
            CancellationToken token = new CancellationToken();
            token.cancel();
            assertThrows(dev.ttskit.CancelledException.class, () -> model.acquire(call(clock, Duration.ofMinutes(1), token, rm)));
            assertThrows(dev.ttskit.TtsTimeoutException.class,
                    () -> model.acquire(call(clock, Duration.ZERO, new CancellationToken(), rm)));
            assertTrue(loader.started.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS),
                    "the load goes on for the callers after them");
            loader.release.countDown();
            try (ManagedModel.Lease<String> lease = model.acquire(call(clock, Duration.ofMinutes(1), new CancellationToken(), rm))) {
                assertEquals("weights-1", lease.get());
            }
            assertThrows(NullPointerException.class, () -> model.acquire(null));
        }
    }

    @Test
    void theLoadTimeoutEndsALoadOnThePoolsClockAndTheNextCallerLoadsAgain() throws Exception {
        ManualClock clock = new ManualClock();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(1);
        try (ResourceManager rm = ResourceManager.builder().clock(clock).modelLoadTimeout(Duration.ofMinutes(1)).build()) {
            AtomicInteger loads = new AtomicInteger();
            CountDownLatch firstStarted = new CountDownLatch(1);
            CountDownLatch firstInterrupted = new CountDownLatch(1);
            List<String> unloaded = new java.util.concurrent.CopyOnWriteArrayList<>();
            ManagedModel<String> model = rm.model("m", 1, () -> {
                if (loads.incrementAndGet() == 1) {
                    firstStarted.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        firstInterrupted.countDown();
                        throw e;
                    }
                }
                return "weights-" + loads.get();
            }, unloaded::add);
            java.util.concurrent.Future<String> waiting = callers.submit(() -> {
                try (ManagedModel.Lease<String> lease = model.acquire(call(clock, Duration.ofMinutes(10), new CancellationToken(), rm))) {
                    return lease.get();
                }
            });
            assertTrue(firstStarted.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            clock.advance(Duration.ofMinutes(2));
            Throwable e = failure(waiting);
            assertTrue(e instanceof ModelException, String.valueOf(e));
            assertTrue(e.getMessage().contains("did not load within"), e.getMessage());
            assertTrue(firstInterrupted.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS),
                    "the loader thread of a timed-out load is interrupted");
            assertFalse(model.loaded());
            try (ManagedModel.Lease<String> lease = model.acquire(call(clock, Duration.ofMinutes(10), new CancellationToken(), rm))) {
                assertEquals("weights-2", lease.get(), "a new load after the timed-out one");
            }
            assertEquals(List.of(), unloaded);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aModelThatLoadsAfterItsLoadTimedOutIsReleasedNotKept() throws Exception {
        ManualClock clock = new ManualClock();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(1);
        try (ResourceManager rm = ResourceManager.builder().clock(clock).modelLoadTimeout(Duration.ofMinutes(1)).build()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            CountDownLatch released = new CountDownLatch(1);
            List<String> unloaded = new java.util.concurrent.CopyOnWriteArrayList<>();
            ManagedModel<String> model = rm.model("m", 1, () -> {
                started.countDown();
                // A loader that ignores interruption, like a native call that cannot be stopped.
                while (true) {
                    try {
                        finish.await();
                        return "late";
                    } catch (InterruptedException ignored) {
                        // keeps loading
                    }
                }
            }, v -> {
                unloaded.add(v);
                released.countDown();
            });
            java.util.concurrent.Future<String> waiting = callers.submit(() -> {
                try (ManagedModel.Lease<String> lease = model.acquire(call(clock, Duration.ofMinutes(10), new CancellationToken(), rm))) {
                    return lease.get();
                }
            });
            assertTrue(started.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            clock.advance(Duration.ofMinutes(2));
            assertTrue(failure(waiting) instanceof ModelException);
            finish.countDown();
            assertTrue(released.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(List.of("late"), unloaded, "released, never handed out");
            assertFalse(model.loaded());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void closingTheManagerEndsALoadInProgressAndItsWaiters() throws Exception {
        ManualClock clock = new ManualClock();
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(1);
        long threadsBefore = ttskitThreads();
        try {
            ResourceManager rm = ResourceManager.builder().clock(clock).build();
            BlockedLoader loader = new BlockedLoader();
            ManagedModel<String> model = rm.model("m", 1, loader, v -> { });
            java.util.concurrent.Future<String> waiting = callers.submit(() -> {
                try (ManagedModel.Lease<String> lease = model.acquire(call(clock, Duration.ofMinutes(10), new CancellationToken(), rm))) {
                    return lease.get();
                }
            });
            assertTrue(loader.started.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            rm.close();
            Throwable e = failure(waiting);
            assertTrue(e instanceof ModelException && e.getMessage().contains("closed"), String.valueOf(e));
            assertTrue(loader.interrupted.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), "the loader was interrupted");
            assertEquals(threadsBefore, threadsAfterGrace(threadsBefore), "no ttskit thread left");
            ModelException late = assertThrows(ModelException.class, model::acquire);
            assertTrue(late.getMessage().contains("closed"), late.getMessage());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void gaugesAppearInStats() {
        try (ResourceManager rm = ResourceManager.create()) {
            rm.gauge("http.connections", () -> 3);
            rm.gauge("broken", () -> {
                throw new IllegalStateException("boom");
            });
            assertEquals(3, rm.stats().gauge("http.connections"));
            assertEquals(0, rm.stats().gauge("broken"));
        }
    }
}
