package dev.ttskit.cluster;

import dev.ttskit.CachePolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.cluster.internal.BackgroundWriter;
import dev.ttskit.cluster.internal.Outage;
import dev.ttskit.cluster.internal.Schema;
import dev.ttskit.testkit.MockTtsProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared cache entries are written after the request returned. The writes are held up for real: a
 * test connection locks {@code ttskit_result} against writes (readers still pass), as a busy table
 * or a slow disk would.
 */
class BackgroundWriteTest {

    private static long rows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM ttskit_result")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aMissReturnsBeforeItsSharedEntryIsWrittenAndBHitsOnceTheWriteLands() throws Exception {
        String url = Postgres.shared().newDatabase();
        MockTtsProvider onA = MockTtsProvider.alwaysAudio("mock");
        MockTtsProvider onB = MockTtsProvider.alwaysAudio("mock");
        // A statement may wait a minute: were the write on the request's path, the miss would wait with it.
        try (TtsCluster ca = TtsCluster.builder().jdbcUrl(url, null, null).queryTimeout(Duration.ofSeconds(60)).build();
             TtsCluster cb = TtsCluster.builder().jdbcUrl(url, null, null).build();
             TtsClient a = TtsClient.builder().sharedState(ca).cache(CachePolicy.maxBytes(8 << 20)).provider(onA).build();
             TtsClient b = TtsClient.builder().sharedState(cb).cache(CachePolicy.maxBytes(8 << 20)).provider(onB).build();
             Connection locker = DriverManager.getConnection(url)) {
            SpeechRequest request = SpeechRequest.of("The 9:40 to Hull now leaves from platform 2.");
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE ttskit_result IN SHARE MODE");
            }
            SpeechResult first = CompletableFuture.supplyAsync(() -> a.synthesize(request)).get(30, TimeUnit.SECONDS);
            assertEquals(1, onA.callCount());
            assertEquals(0, rows(locker), "the entry is not written while the table is locked");
            locker.commit();

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (rows(locker) == 0 && System.nanoTime() < end) Thread.sleep(20);
            locker.commit();
            assertEquals(1, rows(locker), "the write landed once the table was free");
            SpeechResult shared = b.synthesize(request);
            assertEquals(0, onB.callCount(), "B hits A's entry and calls no provider");
            assertArrayEquals(first.audioBytes(), shared.audioBytes());
            assertEquals(0, ca.writesDropped());
        }
    }

    @Test
    void writesThatDoNotFitTheQueueAreRefusedAtOnceAndCountedAndCloseWritesWhatWasQueued() throws Exception {
        String url = Postgres.shared().newDatabase();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Connection locker = DriverManager.getConnection(url)) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setURL(url);
            Schema schema = new Schema(ds);
            schema.ensure();
            Outage outage = new Outage(Duration.ofSeconds(1), scheduler, () -> { });
            BackgroundWriter writer = new BackgroundWriter(ds, schema, outage, 2, 1 << 20);
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE ttskit_result IN SHARE MODE");
            }
            assertTrue(writer.offer(row("k0", 10)));
            // The writer takes k0 and waits on the lock; two more fill its queue of two.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (writer.queued() > 0 && System.nanoTime() < end) Thread.sleep(10);
            assertTrue(writer.offer(row("k1", 10)));
            assertTrue(writer.offer(row("k2", 10)));
            assertFalse(writer.offer(row("k3", 10)), "a full queue refuses");
            writer.countDropped();
            assertFalse(writer.offer(row("big", 2 << 20)), "more bytes than the queue holds are refused");
            writer.countDropped();
            assertEquals(2, writer.dropped());
            locker.commit();
            writer.close(Duration.ofSeconds(30));
            assertEquals(3, writer.written(), "what was queued is written on close");
            assertEquals(3, rows(locker));
            assertFalse(writer.offer(row("late", 10)), "a closed writer takes nothing");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void flushWaitsForWhatWasQueuedBeforeItNotForWritesQueuedMeanwhile() throws Exception {
        String url = Postgres.shared().newDatabase();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.CountDownLatch firstMayEnd = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch laterMayEnd = new java.util.concurrent.CountDownLatch(1);
        try {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setURL(url);
            Schema schema = new Schema(ds);
            BackgroundWriter writer = new BackgroundWriter(ds, schema, new Outage(Duration.ofSeconds(1), scheduler, () -> { }), 16, 1 << 20);
            BackgroundWriter.Task later = waiting(laterMayEnd, null, null);
            // The first write ends only once flush() is waiting, and queues another that stays held up: steady traffic.
            assertTrue(writer.offer(waiting(firstMayEnd, writer, later)));
            Thread flusher = Thread.currentThread();
            Thread releaser = new Thread(() -> {
                try {
                    while (flusher.getState() != Thread.State.TIMED_WAITING) Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                firstMayEnd.countDown();
            });
            releaser.start();
            assertTrue(writer.flush(Duration.ofSeconds(30)), "the write queued before flush() was made");
            assertEquals(1, writer.written());
            laterMayEnd.countDown();
            writer.close(Duration.ofSeconds(30));
            assertEquals(2, writer.written());
        } finally {
            firstMayEnd.countDown();
            laterMayEnd.countDown();
            scheduler.shutdownNow();
        }
    }

    /** A write that waits for {@code mayEnd}, then queues {@code next} on {@code writer} when given. */
    private static BackgroundWriter.Task waiting(java.util.concurrent.CountDownLatch mayEnd, BackgroundWriter writer,
                                                 BackgroundWriter.Task next) {
        return new BackgroundWriter.Task() {
            @Override
            public long bytes() {
                return 1;
            }

            @Override
            public void write(Connection c) throws SQLException {
                try {
                    if (!mayEnd.await(60, TimeUnit.SECONDS)) throw new SQLException("held up too long");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException(e);
                }
                if (writer != null && next != null) writer.offer(next);
            }
        };
    }

    private static BackgroundWriter.Task row(String key, long bytes) {
        return new BackgroundWriter.Task() {
            @Override
            public long bytes() {
                return bytes;
            }

            @Override
            public void write(Connection c) throws SQLException {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO ttskit_result (key, body, bytes, created_at, used_at)"
                        + " VALUES (?, '\\x00', 1, now(), now())")) {
                    st.setString(1, key);
                    st.executeUpdate();
                }
            }
        };
    }
}
