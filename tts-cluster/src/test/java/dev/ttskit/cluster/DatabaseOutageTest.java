package dev.ttskit.cluster;

import dev.ttskit.CachePolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.testkit.MockTtsProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database stopped mid-run and started again: requests keep working, the shared pieces come back. */
class DatabaseOutageTest {

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
