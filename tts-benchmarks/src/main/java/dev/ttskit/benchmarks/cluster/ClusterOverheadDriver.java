package dev.ttskit.benchmarks.cluster;

import org.jspecify.annotations.Nullable;
import dev.ttskit.CachePolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.cluster.TtsCluster;
import dev.ttskit.testkit.MockTtsProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * What sharing state through PostgreSQL adds to a request, against the in-memory defaults, on a
 * loopback PostgreSQL (zonky's binaries) and a provider that answers at once, so the difference is
 * the shared pieces alone:
 * <ul>
 * <li>a miss: far-cache read, account limits (a concurrency slot taken and freed, a request-rate and a
 *     character bucket) and the far-cache write, against the near cache alone;</li>
 * <li>a hit on another instance: the far-cache read, against a near-cache hit;</li>
 * <li>webhook to waiter: one instance publishes a completion, another (its own pool and listener
 *     connection) completes the waiting future.</li>
 * </ul>
 * The in-memory and the shared request alternate, one each in turn, so a load that comes and goes on
 * the machine weighs on both alike; each measurement is repeated in several rounds and the median
 * round is reported, with the load average before and after. Goal: added p50 at most 2 ms, p99 at
 * most 10 ms. Run:
 * {@code java -cp tts-benchmarks/target/benchmarks.jar dev.ttskit.benchmarks.cluster.ClusterOverheadDriver [requests] [rounds]}.
 */
public final class ClusterOverheadDriver {
    private ClusterOverheadDriver() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("%d requests per round, %d rounds; load average %.2f%n", n, rounds, load());
        Path dir = Files.createTempDirectory("ttskit-cluster-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            try (TtsClient local = client(null)) {
                run(local, "warm local", 500);
                // Each piece alone, then all of them: what a deployment pays depends on what it turns on.
                for (Piece piece : Piece.values()) {
                    try (TtsCluster a = cluster(url, piece); TtsCluster b = cluster(url, piece);
                         TtsClient sharedA = client(a); TtsClient sharedB = client(b)) {
                        run(sharedA, "warm " + piece, 500);
                        Rounds miss = new Rounds();
                        Rounds hit = new Rounds();
                        for (int r = 0; r < rounds; r++) {
                            String round = piece + " round " + r;
                            miss.add(alternate(n, i -> local.synthesize(request("local " + round, i)),
                                    i -> sharedA.synthesize(request(round, i))));
                            if (piece.cache) {
                                // B's near tier has none of A's entries: each is a far hit. A's writes land first.
                                awaitWrites(a);
                                hit.add(alternate(n, i -> local.synthesize(request("local " + round, i)),
                                        i -> sharedB.synthesize(request(round, i))));
                            }
                        }
                        miss.report(piece.text + ", miss");
                        if (piece.cache) hit.report(piece.text + ", hit on another instance");
                        if (piece == Piece.ALL) {
                            System.out.printf("  background writes dropped: %d%n", a.writesDropped() + b.writesDropped());
                            delivery(a, b, Math.min(n, 1_000), rounds);
                        }
                    }
                }
            }
        }
        System.out.printf("load average after: %.2f%n", load());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void awaitWrites(TtsCluster cluster) {
        if (!cluster.flushWrites(Duration.ofSeconds(60))) throw new IllegalStateException("background writes did not finish in 60 s");
    }

    /** What a run shares. */
    private enum Piece {
        CACHE("shared cache (far read; far write in the background)", true),
        CONCURRENCY("shared concurrency limit (slot taken; freed in the background)", false),
        BUDGETS("request-rate and character budgets (two Bucket4j buckets)", false),
        ALL("all shared pieces", true);

        final String text;
        final boolean cache;

        Piece(String text, boolean cache) {
            this.text = text;
            this.cache = cache;
        }
    }

    /** Per round: in-memory and shared percentiles; reports the median round's figures. */
    private static final class Rounds {
        private final List<long[][]> rounds = new ArrayList<>();

        void add(long[][] pair) {
            rounds.add(pair);
        }

        void report(String what) {
            double[] baseP50 = new double[rounds.size()];
            double[] baseP99 = new double[rounds.size()];
            double[] addP50 = new double[rounds.size()];
            double[] addP99 = new double[rounds.size()];
            for (int r = 0; r < rounds.size(); r++) {
                long[] base = rounds.get(r)[0];
                long[] shared = rounds.get(r)[1];
                baseP50[r] = ms(base, 0.50);
                baseP99[r] = ms(base, 0.99);
                addP50[r] = ms(shared, 0.50) - ms(base, 0.50);
                addP99[r] = ms(shared, 0.99) - ms(base, 0.99);
            }
            System.out.printf("%s: in-memory p50 %.3f ms p99 %.3f ms; added p50 %.3f ms, p99 %.3f ms (medians of %d rounds; added p50 per round %s)%n",
                    what, median(baseP50), median(baseP99), median(addP50), median(addP99), rounds.size(), Arrays.toString(round(addP50)));
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String[] round(double[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) out[i] = String.format("%.2f", values[i]);
        return out;
    }

    private static void delivery(TtsCluster a, TtsCluster b, int n, int rounds) {
        double[] p50 = new double[rounds];
        double[] p99 = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            String round = "bench-" + r + "-";
            long[] delivery = time(n, i -> {
                String id = round + i;
                CompletableFuture<byte[]> waiting = a.completionBus().await(id);
                b.completionBus().publish(id, ("{\"id\":\"" + id + "\",\"status\":\"succeeded\"}").getBytes(StandardCharsets.UTF_8));
                try {
                    waiting.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            p50[r] = ms(delivery, 0.50);
            p99[r] = ms(delivery, 0.99);
        }
        System.out.printf("webhook to waiter across instances: p50 %.3f ms, p99 %.3f ms (medians of %d rounds)%n", median(p50), median(p99), rounds);
    }

    private static TtsCluster cluster(String url, Piece piece) {
        TtsCluster.Builder b = TtsCluster.builder().jdbcUrl(url, null, null).cacheMaxBytes(piece.cache ? 1L << 30 : 0);
        if (piece == Piece.CONCURRENCY || piece == Piece.ALL) b.concurrencyLimit("mock", 64);
        if (piece == Piece.BUDGETS || piece == Piece.ALL) {
            b.requestRate("mock", 1_000_000, Duration.ofSeconds(1)).characterBudget("mock", 1_000_000_000L, Duration.ofDays(30));
        }
        return b.build();
    }

    private static TtsClient client(@Nullable TtsCluster cluster) {
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

    /** Times {@code base} and {@code shared} in turn, {@code n} each; both sorted. */
    private static long[][] alternate(int n, IntConsumer base, IntConsumer shared) {
        long[] b = new long[n];
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            base.accept(i);
            b[i] = System.nanoTime() - t;
            t = System.nanoTime();
            shared.accept(i);
            s[i] = System.nanoTime() - t;
        }
        Arrays.sort(b);
        Arrays.sort(s);
        return new long[][] {b, s};
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
}
