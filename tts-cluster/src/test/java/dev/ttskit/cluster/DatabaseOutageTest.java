package dev.ttskit.cluster;

import dev.ttskit.CachePolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.testkit.MockTtsProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database stopped mid-run and started again: requests keep working, the shared pieces come back. */
class DatabaseOutageTest {

    /** The database, counting who asks it for a connection: the cluster's own threads, or a request's. */
    static final class CountingDataSource extends org.postgresql.ds.PGSimpleDataSource {
        final AtomicInteger fromRequests = new AtomicInteger();
        final AtomicInteger fromBackground = new AtomicInteger();

        CountingDataSource(String url) {
            setURL(url);
            setConnectTimeout(2);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (Thread.currentThread().getName().startsWith("ttskit-cluster-")) fromBackground.incrementAndGet();
            else fromRequests.incrementAndGet();
            return super.getConnection();
        }
    }

    @Test
    void whileTheDatabaseIsKnownDownNoRequestAsksItAndABackgroundProbeFindsItBack() throws Exception {
        Postgres pg = Postgres.start();
        try {
            String url = pg.newDatabase();
            CountingDataSource ds = new CountingDataSource(url);
            MockTtsProvider provider = MockTtsProvider.alwaysAudio("mock");
            try (TtsCluster a = TtsCluster.builder().dataSource(ds).concurrencyLimit("mock", 2)
                         .requestRate("mock", 1_000, Duration.ofMinutes(1)).characterBudget("mock", 1_000_000, Duration.ofDays(30))
                         .retryInterval(Duration.ofMillis(200)).build();
                 TtsClient client = TtsClient.builder().sharedState(a).cache(CachePolicy.maxBytes(8 << 20)).provider(provider)
                         .timeout(Duration.ofSeconds(10)).build()) {
                client.synthesize(SpeechRequest.of("Before the outage."));
                assertTrue(ds.fromRequests.get() > 0, "requests use the database while it answers");

                pg.stop();
                // This one, or the listener, finds the database gone.
                client.synthesize(SpeechRequest.of("The request that finds the database gone."));
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!a.databaseDown() && System.nanoTime() < end) Thread.sleep(20);
                assertTrue(a.databaseDown());
                ds.fromRequests.set(0);
                int probes = ds.fromBackground.get();
                // Spread over several retry intervals: a request is never the one that tries the database again.
                for (int i = 0; i < 8; i++) {
                    client.synthesize(SpeechRequest.of("During the outage, request " + i + "."));
                    Thread.sleep(150);
                }
                assertEquals(0, ds.fromRequests.get(), "connections asked for by requests while the database was known down");
                assertTrue(ds.fromBackground.get() > probes, "the background probe kept asking");
                assertEquals(10, provider.callCount());

                pg.startServer();
                end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (a.databaseDown() && System.nanoTime() < end) Thread.sleep(50);
                assertFalse(a.databaseDown(), "the probe found the database back");
                client.synthesize(SpeechRequest.of("After the outage."));
                assertTrue(ds.fromRequests.get() > 0, "requests use the database again");
                end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                long rows = 0;
                while (rows == 0 && System.nanoTime() < end) {
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT count(*) FROM ttskit_result")) {
                        rs.next();
                        rows = rs.getLong(1);
                    }
                    if (rows == 0) Thread.sleep(50);
                }
                assertTrue(rows > 0, "the shared cache is written again");
            }
        } finally {
            pg.stop();
        }
    }

    @Test
    void requestsKeepWorkingWhileTheDatabaseIsDownAndSharingResumesWhenItReturns() throws Exception {
        Postgres pg = Postgres.start();
        try {
            String url = pg.newDatabase();
            MockTtsProvider provider = MockTtsProvider.alwaysAudio("mock");
            try (TtsCluster a = TtsCluster.builder().jdbcUrl(url, null, null).concurrencyLimit("mock", 2)
                         .retryInterval(Duration.ofSeconds(1)).queryTimeout(Duration.ofSeconds(1)).build();
                 TtsClient client = TtsClient.builder().sharedState(a).cache(CachePolicy.maxBytes(8 << 20)).provider(provider)
                         .timeout(Duration.ofSeconds(10)).build()) {
                client.synthesize(SpeechRequest.of("Before the outage."));
                assertTrue(a.listening());

                pg.stop();
                // Each answered within its deadline (10 s): the pieces stop asking the database after a failure.
                for (int i = 0; i < 5; i++) client.synthesize(SpeechRequest.of("During the outage, request " + i + "."));
                assertEquals(6, provider.callCount());
                // A webhook for a call waiting here still completes it.
                CompletableFuture<byte[]> waiting = a.completionBus().await("p-outage");
                assertTrue(a.completionBus().publish("p-outage", Webhooks.prediction("p-outage", "succeeded")));
                assertTrue(waiting.isDone());

                pg.startServer();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!a.listening() && System.nanoTime() < end) Thread.sleep(100);
                assertTrue(a.listening(), "the completion listener reconnected");

                // Shared again: what A caches now is a hit on another instance.
                MockTtsProvider onB = MockTtsProvider.alwaysAudio("mock");
                try (TtsCluster b = TtsCluster.builder().jdbcUrl(url, null, null).build();
                     TtsClient other = TtsClient.builder().sharedState(b).cache(CachePolicy.maxBytes(8 << 20)).provider(onB).build()) {
                    boolean shared = false;
                    for (int i = 0; i < 50 && !shared; i++) {
                        SpeechRequest r = SpeechRequest.of("After the outage, request " + i + ".");
                        client.synthesize(r);
                        other.synthesize(r);
                        shared = onB.callCount() == i;
                        if (!shared) Thread.sleep(200);
                    }
                    assertTrue(shared, "the shared cache came back");
                    // And the completion bus: a webhook recorded by B completes a call waiting on A.
                    CompletableFuture<byte[]> across = a.completionBus().await("p-after");
                    assertTrue(b.completionBus().publish("p-after", Webhooks.prediction("p-after", "succeeded")));
                    across.get(5, TimeUnit.SECONDS);
                }
            }
        } finally {
            pg.stop();
        }
    }

    @Test
    void anInstanceStartedWhileTheDatabaseIsDownMakesItsTablesAndSharesOnceItAnswers() throws Exception {
        Postgres pg = Postgres.start();
        try {
            String url = pg.newDatabase();
            pg.stop();
            MockTtsProvider onA = MockTtsProvider.alwaysAudio("mock");
            try (TtsCluster a = TtsCluster.builder().jdbcUrl(url, null, null).retryInterval(Duration.ofMillis(500))
                         .queryTimeout(Duration.ofSeconds(1)).build();
                 TtsClient client = TtsClient.builder().sharedState(a).cache(CachePolicy.maxBytes(8 << 20)).provider(onA).build()) {
                client.synthesize(SpeechRequest.of("Spoken before the database is there."));
                pg.startServer();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!a.listening() && System.nanoTime() < end) Thread.sleep(100);
                assertTrue(a.listening(), "the completion listener connected once the database answered");
                MockTtsProvider onB = MockTtsProvider.alwaysAudio("mock");
                try (TtsCluster b = TtsCluster.builder().jdbcUrl(url, null, null).build();
                     TtsClient other = TtsClient.builder().sharedState(b).cache(CachePolicy.maxBytes(8 << 20)).provider(onB).build()) {
                    boolean shared = false;
                    for (int i = 0; i < 50 && !shared; i++) {
                        SpeechRequest r = SpeechRequest.of("Spoken once the database is back, request " + i + ".");
                        client.synthesize(r);
                        other.synthesize(r);
                        shared = onB.callCount() == i;
                        if (!shared) Thread.sleep(200);
                    }
                    assertTrue(shared, "the instance that started alone shares its cache now");
                }
            }
        } finally {
            pg.stop();
        }
    }
}
