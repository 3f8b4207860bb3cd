package dev.ttskit.cluster;

import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One application instance for the multi-JVM tests: a {@link TtsCluster} on the database named by the
 * first argument and, with a second argument (a loopback URL), a client whose provider {@code loop}
 * calls that URL, limited to {@code concurrency} (third argument) calls across the cluster with a
 * lease of {@code lease} ms (fourth). Commands on standard input, answers on standard output:
 * {@code await ID} (later {@code COMPLETED ID}), {@code speak N PREFIX} ({@code SPOKE ok failed}),
 * {@code quit}.
 */
public final class NodeMain {
    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length > 1 && args[1].startsWith("replicate=")) {
            fromEnvironment(args[0], args[1].substring("replicate=".length()), out);
            return;
        }
        TtsCluster.Builder b = TtsCluster.builder().jdbcUrl(args[0], null, null);
        if (args.length > 3) b.concurrencyLimit("loop", Integer.parseInt(args[2])).leaseDuration(Duration.ofMillis(Long.parseLong(args[3])));
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60))
                .dispatcher(new okhttp3.Dispatcher()).connectionPool(new okhttp3.ConnectionPool(32, 1, java.util.concurrent.TimeUnit.MINUTES)).build();
        try (TtsCluster cluster = b.build();
             TtsClient client = args.length > 1 ? client(cluster, http, args[1]) : null) {
            // Ready once the completion listener is connected, as a long-running instance would be.
            for (int i = 0; i < 200 && !cluster.listening(); i++) Thread.sleep(50);
            out.println("READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                String[] cmd = line.split(" ");
                switch (cmd[0]) {
                    case "await" -> {
                        String id = cmd[1];
                        cluster.completionBus().await(id).thenAccept(body -> out.println("COMPLETED " + id + " " + body.length));
                        out.println("WAITING " + id);
                    }
                    case "speak" -> speak(client, Integer.parseInt(cmd[1]), cmd[2], out);
                    default -> out.println("UNKNOWN " + line);
                }
            }
        }
    }

    /**
     * An instance configured the way an application is, from settings: Replicate with webhooks on
     * {@code replicateBase}, the cluster database, nothing built by hand. {@code say TEXT} answers
     * {@code SAID provider bytes} once the call completes.
     */
    private static void fromEnvironment(String dbUrl, String replicateBase, PrintStream out) throws Exception {
        Settings settings = Settings.of(Map.of("TTSKIT_CLUSTER_DB_URL", dbUrl, "TTSKIT_PROVIDERS", "replicate",
                "REPLICATE_API_TOKEN", "r8_cluster_test_token", "REPLICATE_BASE_URL", replicateBase, "REPLICATE_MODEL", "jaaari/kokoro-82m",
                "REPLICATE_WEBHOOK_URL", "https://hooks.example.com/webhooks/replicate", "REPLICATE_WEBHOOK_SECRET", Webhooks.SECRET,
                "TTSKIT_TIMEOUT", "30s"));
        try (TtsClient client = TtsClient.builder().settings(settings).build()) {
            out.println("READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                if (!line.startsWith("say ")) continue;
                SpeechRequest r = SpeechRequest.of(line.substring(4));
                client.synthesizeAsync(r).whenComplete((v, e) -> out.println(e == null ? "SAID " + v.provider() + " " + v.size()
                        : "ERROR " + (e instanceof TtsException t ? t.category() + " " + t.getMessage() : String.valueOf(e))));
            }
        }
    }

    private static TtsClient client(TtsCluster cluster, OkHttpClient http, String url) {
        MockTtsProvider loop = MockTtsProvider.builder("loop").answering(request -> {
            try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
                if (r.code() != 200) throw new IllegalStateException("loopback answered " + r.code());
                return MockOutcome.bytes(MockAudio.tone(request.format(), Duration.ofMillis(400)), request.format());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).build();
        return TtsClient.builder().sharedState(cluster).provider(loop).timeout(Duration.ofSeconds(60)).build();
    }

    private static void speak(TtsClient client, int n, String prefix, PrintStream out) {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Distinct texts: identical requests would share one call.
            SpeechRequest r = SpeechRequest.of("Call number " + i + " of " + prefix + ".");
            calls.add(client.synthesizeAsync(r).handle((v, e) -> {
                if (e == null) ok.incrementAndGet();
                else {
                    failed.incrementAndGet();
                    out.println("ERROR " + (e instanceof TtsException t ? t.category() : String.valueOf(e)));
                }
                return null;
            }));
        }
        out.println("STARTED " + n);
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        out.println("SPOKE " + ok.get() + " " + failed.get());
    }
}
