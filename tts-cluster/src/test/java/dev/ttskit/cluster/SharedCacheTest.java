package dev.ttskit.cluster;

import dev.ttskit.CachePolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.testkit.MockTtsProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two instances (each its own cluster connection, cache and provider) on one real PostgreSQL. */
class SharedCacheTest {
    private static TtsClient client(TtsCluster cluster, MockTtsProvider provider) {
        return TtsClient.builder().sharedState(cluster).cache(CachePolicy.maxBytes(8 << 20)).provider(provider).build();
    }

    @Test
    void anEntryWrittenByAIsAHitOnBThatCallsNoProvider() {
        String url = Postgres.shared().newDatabase();
        MockTtsProvider onA = MockTtsProvider.alwaysAudio("mock");
        MockTtsProvider onB = MockTtsProvider.alwaysAudio("mock");
        try (TtsCluster ca = TtsCluster.builder().jdbcUrl(url, null, null).build();
             TtsCluster cb = TtsCluster.builder().jdbcUrl(url, null, null).build();
             TtsClient a = client(ca, onA);
             TtsClient b = client(cb, onB)) {
            SpeechRequest request = SpeechRequest.builder().text("The 8:15 to Leeds leaves from platform 4.").format(AudioFormat.WAV_PCM16_24K).build();
            SpeechResult first = a.synthesize(request);
            // A's entry is written after its request returned.
            assertTrue(ca.flushWrites(Duration.ofSeconds(30)));
            SpeechResult shared = b.synthesize(request);
            assertEquals(1, onA.callCount());
            assertEquals(0, onB.callCount());
            assertArrayEquals(first.audioBytes(), shared.audioBytes());
            assertEquals(first.format(), shared.format());
            assertEquals("mock", shared.provider());
            // Another text is not a hit.
            b.synthesize(SpeechRequest.builder().text("The 8:20 to York is delayed.").format(AudioFormat.WAV_PCM16_24K).build());
            assertEquals(1, onB.callCount());
        }
    }

    @Test
    void entriesPastTheirAgeAreNotServedAndTheBudgetEvictsTheLeastRecentlyUsed() throws Exception {
        String url = Postgres.shared().newDatabase();
        MockTtsProvider provider = MockTtsProvider.alwaysAudio("mock");
        int entry;
        try (TtsCluster ca = TtsCluster.builder().jdbcUrl(url, null, null).build(); TtsClient a = client(ca, MockTtsProvider.alwaysAudio("mock"))) {
            entry = a.synthesize(SpeechRequest.of("Size probe.")).size();
        }
        // Room for two entries of this size, not three.
        long budget = 2L * entry + entry / 2 + 1_000;
        try (TtsCluster ca = TtsCluster.builder().jdbcUrl(url, null, null).cacheMaxBytes(budget).cacheMaxAge(Duration.ofHours(1)).build();
             TtsClient a = client(ca, provider)) {
            a.synthesize(SpeechRequest.of("First announcement."));
            a.synthesize(SpeechRequest.of("Second announcement."));
            a.synthesize(SpeechRequest.of("Third announcement."));
            ca.cleanUp();
            long[] size = ((dev.ttskit.cluster.internal.PgResultStore) ca.resultStore()).size();
            assertEquals(2, size[0], "entries left");
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("UPDATE ttskit_result SET created_at = now() - interval '2 hours'");
            }
            MockTtsProvider fresh = MockTtsProvider.alwaysAudio("mock");
            try (TtsCluster cb = TtsCluster.builder().jdbcUrl(url, null, null).cacheMaxAge(Duration.ofHours(1)).build();
                 TtsClient b = client(cb, fresh)) {
                b.synthesize(SpeechRequest.of("Third announcement."));
                assertEquals(1, fresh.callCount(), "an entry past its age is a miss");
                cb.cleanUp();
                assertEquals(1, ((dev.ttskit.cluster.internal.PgResultStore) cb.resultStore()).size()[0]);
            }
        }
    }
}
