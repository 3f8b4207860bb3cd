package dev.ttskit.benchmarks.cluster;

import dev.ttskit.CachePolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.cluster.TtsCluster;
import dev.ttskit.testkit.MockTtsProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * What sharing state through PostgreSQL adds to a request, against the in-memory defaults measured
 * in the same run, on a loopback PostgreSQL (zonky's binaries) and a provider that answers at once,
 * so the difference is the shared pieces alone:
 * <ul>
 * <li>a miss: far-cache read, account limits (a concurrency slot taken and freed, a request-rate and a
 *     character bucket) and the far-cache write, against the near cache alone;</li>
 * <li>a hit on another instance: the far-cache read, against a near-cache hit;</li>
 * <li>webhook to waiter: one instance publishes a completion, another (its own pool and listener
 *     connection) completes the waiting future.</li>
 * </ul>
 * Goal: added p50 at most 2 ms, p99 at most 10 ms. Run:
 * {@code java -cp tts-benchmarks/target/benchmarks.jar dev.ttskit.benchmarks.cluster.ClusterOverheadDriver [requests]}.
 */
public final class ClusterOverheadDriver {
    private ClusterOverheadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Path dir = Files.createTempDirectory("ttskit-cluster-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            try (TtsClient local = client(null)) {
                run(local, "warm local", 500);
                long[] baseMiss = time(n, i -> local.synthesize(request("local miss", i)));
                long[] baseHit = time(n, i -> local.synthesize(request("local miss", i)));
                // Each piece alone, then all of them: what a deployment pays depends on what it turns on.
                for (Piece piece : Piece.values()) {
                    try (TtsCluster a = cluster(url, piece); TtsCluster b = cluster(url, piece);
                         TtsClient sharedA = client(a); TtsClient sharedB = client(b)) {
                        run(sharedA, "warm " + piece, 500);
                        long[] sharedMiss = time(n, i -> sharedA.synthesize(request(piece + " miss", i)));
                        report(piece.text + ", miss", baseMiss, sharedMiss);
                        if (piece.cache) {
                            long[] sharedHit = time(n, i -> sharedB.synthesize(request(piece + " miss", i)));
                            report(piece.text + ", hit on another instance", baseHit, sharedHit);
                        }
                        if (piece == Piece.ALL) delivery(a, b, Math.min(n, 1_000));
                    }
                }
            }
        }
    }

    /** What a run shares. */
    private enum Piece {
        CACHE("shared cache (far read + far write)", true),
        CONCURRENCY("shared concurrency limit (slot taken and freed)", false),
        BUDGETS("request-rate and character budgets (two Bucket4j buckets)", false),
        ALL("all shared pieces", true);

        final String text;
        final boolean cache;

        Piece(String text, boolean cache) {
            this.text = text;
            this.cache = cache;
        }
    }

    private static void delivery(TtsCluster a, TtsCluster b, int n) {
        long[] delivery = time(n, i -> {
            String id = "bench-" + i;
            CompletableFuture<byte[]> waiting = a.completionBus().await(id);
            b.completionBus().publish(id, ("{\"id\":\"" + id + "\",\"status\":\"succeeded\"}").getBytes(StandardCharsets.UTF_8));
            try {
                waiting.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf("webhook to waiter across instances: p50 %.3f ms, p99 %.3f ms%n", ms(delivery, 0.50), ms(delivery, 0.99));
    }

    private static TtsCluster cluster(String url, Piece piece) {
        TtsCluster.Builder b = TtsCluster.builder().jdbcUrl(url, null, null).cacheMaxBytes(piece.cache ? 1L << 30 : 0);
        if (piece == Piece.CONCURRENCY || piece == Piece.ALL) b.concurrencyLimit("mock", 64);
        if (piece == Piece.BUDGETS || piece == Piece.ALL) {
            b.requestRate("mock", 1_000_000, Duration.ofSeconds(1)).characterBudget("mock", 1_000_000_000L, Duration.ofDays(30));
        }
        return b.build();
    }

    private static TtsClient client(TtsCluster cluster) {
        TtsClient.Builder b = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("mock")).cache(CachePolicy.maxBytes(1L << 30));
        if (cluster != null) b.sharedState(cluster);
        return b.build();
    }

    private static SpeechRequest request(String prefix, int i) {
        return SpeechRequest.of("Announcement " + prefix + " number " + i + ".");
    }

    private static void run(TtsClient client, String prefix, int n) {
        for (int i = 0; i < n; i++) client.synthesize(request(prefix, i));
    }

    private static long[] time(int n, IntConsumer call) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    private static void report(String what, long[] base, long[] shared) {
        System.out.printf("%s: in-memory p50 %.3f ms p99 %.3f ms; shared p50 %.3f ms p99 %.3f ms; added p50 %.3f ms, p99 %.3f ms%n", what,
                ms(base, 0.5), ms(base, 0.99), ms(shared, 0.5), ms(shared, 0.99), ms(shared, 0.5) - ms(base, 0.5),
                ms(shared, 0.99) - ms(base, 0.99));
    }
}
