package dev.ttskit.spi;

import dev.ttskit.AudioStream;
import dev.ttskit.ModelException;
import dev.ttskit.RateLimitException;
import dev.ttskit.audio.AudioFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

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
        TempFile temp = rm.createTempFile("ttskit-test", ".wav");
        Files.write(temp.path(), new byte[] {1, 2, 3});
        AtomicInteger streamCloses = new AtomicInteger();
        AudioStream tracked = rm.track(stream(new byte[10], streamCloses));
        AtomicInteger sharedCloses = new AtomicInteger();
        Object shared = rm.shared("thing", Object::new, o -> sharedCloses.incrementAndGet());
        assertSame(shared, rm.shared("thing", Object::new, o -> { }), "one instance per key");
        List<String> unloaded = new ArrayList<>();
        ManagedModel<String> model = rm.model("m", 100, () -> "weights", unloaded::add);
        try (ManagedModel.Lease<String> lease = model.acquire()) {
            assertEquals("weights", lease.get());
        }
        rm.executor().submit(() -> { }).get();

        ResourceStats stats = rm.stats();
        assertEquals(1, stats.openStreams());
        assertEquals(1, stats.tempFiles());
        assertEquals(1, stats.loadedModels());
        assertEquals(100, stats.modelNativeBytes());
        assertEquals(1, stats.sharedComponents());

        rm.close();
        rm.close(); // idempotent

        assertFalse(Files.exists(temp.path()), "temp file deleted");
        assertEquals(1, streamCloses.get(), "stream closed once");
        assertThrows(IOException.class, tracked::read, "the caller's stream is closed too");
        assertEquals(1, sharedCloses.get());
        assertEquals(List.of("weights"), unloaded);
        ResourceStats after = rm.stats();
        assertEquals(0, after.openStreams());
        assertEquals(0, after.tempFiles());
        assertEquals(0, after.loadedModels());
        assertEquals(threadsBefore, threadsAfterGrace(threadsBefore), "no ttskit thread left");
        assertThrows(IllegalStateException.class, () -> rm.createTempFile("a", "b"));
        assertThrows(IllegalStateException.class, () -> rm.shared("thing", Object::new, o -> { }),
                "a component created before close is not handed out after it");
    }

    @Test
    void sharedComponentsCloseNewestFirst() {
        List<String> closed = new ArrayList<>();
        ResourceManager rm = ResourceManager.create();
        rm.shared("pool", () -> "pool", closed::add);
        rm.shared("client", () -> "client", closed::add);   // built on the pool: must close before it
        rm.shared("pool", () -> "second pool", closed::add);
        rm.close();
        assertEquals(List.of("client", "pool"), closed);
        assertThrows(IllegalStateException.class, () -> rm.shared("pool", () -> "x", c -> { }));
    }

    @Test
    void tempFilesAreDeletedWhenClosedAndOnFailurePaths() throws Exception {
        try (ResourceManager rm = ResourceManager.create()) {
            Path[] path = new Path[1];
            // The failure leaves the try-with-resources, as it would in real code; the file must go anyway.
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> {
                try (TempFile f = rm.createTempFile("ttskit", ".tmp")) {
                    path[0] = f.path();
                    assertTrue(Files.exists(path[0]));
                    throw new IllegalStateException("work failed");
                }
            });
            assertEquals("work failed", failure.getMessage());
            assertFalse(Files.exists(path[0]));
            assertEquals(0, rm.stats().tempFiles());
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
