package dev.ttskit.cli;

import dev.ttskit.testkit.NoLeaks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ttskit webhooks serve} against a real PostgreSQL (zonky's binaries): a signed delivery
 * becomes a completion row, a forged one is refused, missing settings are named, and the process
 * stops cleanly on SIGTERM with status 0.
 */
@ExtendWith(NoLeaks.class)
class WebhooksCliTest {
    private static final String SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final Pattern LISTENING = Pattern.compile("listening for Replicate webhooks on http://127\\.0\\.0\\.1:(\\d+)(/\\S*)");

    private static EmbeddedPostgres pg;
    private static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE webhooks");
        }
        url = "jdbc:postgresql://localhost:" + pg.getPort() + "/webhooks?user=postgres";
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (pg != null) pg.close();
    }

    private static Map<String, String> env() {
        return Map.of("REPLICATE_WEBHOOK_SECRET", SECRET, "REPLICATE_WEBHOOK_BIND", "127.0.0.1:0",
                "REPLICATE_WEBHOOK_URL", "https://hooks.example.com/webhooks/replicate", "TTSKIT_CLUSTER_DB_URL", url);
    }

    @Test
    void aSignedDeliveryIsRecordedAndAForgedOneIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Thread> serving = new CompletableFuture<>();
        CompletableFuture<Integer> code = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            serving.complete(Thread.currentThread());
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code.complete(new TtsCli(new ByteArrayInputStream(new byte[0]), o, e, env(), false, Clock.systemUTC())
                        .execute(new String[] {"webhooks", "serve"}));
            } catch (Throwable x) {
                code.completeExceptionally(x);
            }
        }, "webhooks-serve-test");
        t.start();
        try {
            Matcher m = awaitListening(out, code);
            int port = Integer.parseInt(m.group(1));
            assertEquals("/webhooks/replicate", m.group(2), "the path of REPLICATE_WEBHOOK_URL");

            byte[] body = prediction("p-cli-1");
            assertEquals(200, post(port, "/webhooks/replicate", "msg_cli_1", now(), body, SECRET));
            assertTrue(completionRecorded("p-cli-1"), "the completion row is there for the waiting instance");

            byte[] forged = prediction("p-cli-forged");
            String otherSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
            assertEquals(401, post(port, "/webhooks/replicate", "msg_cli_2", now(), forged, otherSecret));
            assertEquals(401, post(port, "/webhooks/replicate", "msg_cli_3", now() - 3600, forged, SECRET), "stale");
            assertFalse(completionRecorded("p-cli-forged"));
            assertEquals(404, post(port, "/elsewhere", "msg_cli_4", now(), body, SECRET), "only the configured path");
        } finally {
            serving.get().interrupt();
        }
        assertEquals(0, code.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        t.join(10_000);
        assertTrue(out.toString(StandardCharsets.UTF_8).strip().endsWith("stopped"), out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing to warn about");
        assertFalse(out.toString(StandardCharsets.UTF_8).contains(SECRET), "the secret is never printed");
    }

    @Test
    void missingSettingsAreNamedAndExitFive() {
        Map<String, String> full = new HashMap<>(env());
        for (String name : List.of("REPLICATE_WEBHOOK_SECRET", "REPLICATE_WEBHOOK_BIND", "TTSKIT_CLUSTER_DB_URL")) {
            Map<String, String> without = new HashMap<>(full);
            without.remove(name);
            TtsCliTest.Run r = TtsCliTest.run(without, false, "", "webhooks", "serve");
            assertEquals(ExitCode.NO_PROVIDER, r.code(), name + ": " + r.err());
            assertTrue(r.err().startsWith("ttskit: " + name + " is not set: set it"), r.err());
            assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        }
        Map<String, String> noBind = new HashMap<>(full);
        noBind.remove("REPLICATE_WEBHOOK_BIND");
        TtsCliTest.Run r = TtsCliTest.run(noBind, false, "", "webhooks", "serve", "--bind", "127.0.0.1:nope");
        assertEquals(ExitCode.USAGE, r.code(), r.err());
        assertTrue(r.err().startsWith("ttskit: --bind must be host:port with a port from 0 to 65535, was '127.0.0.1:nope'"), r.err());

        TtsCliTest.Run path = TtsCliTest.run(full, false, "", "webhooks", "serve", "--path", "hooks");
        assertEquals(ExitCode.USAGE, path.code());
        assertTrue(path.err().startsWith("ttskit: --path must start with /, was 'hooks'"), path.err());

        Map<String, String> mysql = new HashMap<>(full);
        mysql.put("TTSKIT_CLUSTER_DB_URL", "jdbc:mysql://localhost/x");
        TtsCliTest.Run notPostgres = TtsCliTest.run(mysql, false, "", "webhooks", "serve");
        assertEquals(ExitCode.USAGE, notPostgres.code());
        assertTrue(notPostgres.err().contains("must be PostgreSQL"), notPostgres.err());

        Map<String, String> badSecret = new HashMap<>(full);
        badSecret.put("REPLICATE_WEBHOOK_SECRET", "not-a-secret");
        TtsCliTest.Run secret = TtsCliTest.run(badSecret, false, "", "webhooks", "serve");
        assertEquals(ExitCode.USAGE, secret.code(), secret.err());
        assertTrue(secret.err().startsWith("ttskit: REPLICATE_WEBHOOK_SECRET is not usable: "), secret.err());
        assertFalse(secret.err().contains("not-a-secret"), "the value is not printed: " + secret.err());

        assertEquals(ExitCode.USAGE, TtsCliTest.run("webhooks").code(), "names the subcommands");
    }

    /** The receiver as its own process, stopped the way a supervisor stops it. */
    @Test
    void sigtermClosesCleanlyAndExitsZero() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TtsCli.class.getName(), "webhooks", "serve", "--path", "/hooks"));
        Path stdout = dir.resolve("stdout.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TTSKIT_") || k.startsWith("REPLICATE_"));
        pb.environment().putAll(env());
        Process p = pb.start();
        try {
            p.getOutputStream().close();
            // (destroy() closes the process's pipes, so its output goes to a file that outlives it)
            Matcher m = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (m == null && p.isAlive() && System.nanoTime() < end) {
                Matcher found = LISTENING.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
                if (found.find()) m = found;
                else Thread.sleep(20);
            }
            assertTrue(m != null, "it printed where it listens: " + Files.readString(stdout) + Files.readString(dir.resolve("stderr.txt")));
            assertEquals("/hooks", m.group(2), "--path wins over REPLICATE_WEBHOOK_URL");
            byte[] body = prediction("p-cli-process");
            assertEquals(200, post(Integer.parseInt(m.group(1)), "/hooks", "msg_cli_process", now(), body, SECRET));
            assertTrue(completionRecorded("p-cli-process"));

            p.destroy();   // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped on SIGTERM");
            assertEquals(0, p.exitValue(), "a stop on purpose is not a failure: " + Files.readString(dir.resolve("stderr.txt")));
            assertEquals(List.of(m.group(), "stopped"), Files.readAllLines(stdout, StandardCharsets.UTF_8));
            assertEquals("", Files.readString(dir.resolve("stderr.txt")));
        } finally {
            p.destroyForcibly();
        }
    }

    private static Matcher awaitListening(ByteArrayOutputStream out, CompletableFuture<Integer> code) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            Matcher m = LISTENING.matcher(out.toString(StandardCharsets.UTF_8));
            if (m.find()) return m;
            if (code.isDone()) throw new AssertionError("serve ended with " + code.get() + " before it listened");
            Thread.sleep(20);
        }
        throw new AssertionError("serve did not print where it listens: " + out.toString(StandardCharsets.UTF_8));
    }

    private static boolean completionRecorded(String predictionId) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM ttskit_completion WHERE job_id = ?")) {
            s.setString(1, predictionId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static byte[] prediction(String id) {
        return ("{\"id\":\"" + id + "\",\"model\":\"owner/model\",\"version\":\"v\",\"input\":{},\"logs\":\"\","
                + "\"output\":\"https://replicate.delivery/x/out.wav\",\"error\":null,\"status\":\"succeeded\","
                + "\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/" + id + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** A delivery signed as Replicate signs it (Standard Webhooks: HMAC-SHA256 over id.timestamp.body); the status answered. */
    private static int post(int port, String path, String deliveryId, long epochSeconds, byte[] body, String secret)
            throws IOException, GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((deliveryId + "." + epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
        String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        try {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setConnectTimeout(5_000);
            c.setReadTimeout(10_000);
            c.setRequestProperty("Content-Type", "application/json");
            c.setRequestProperty("webhook-id", deliveryId);
            c.setRequestProperty("webhook-timestamp", Long.toString(epochSeconds));
            c.setRequestProperty("webhook-signature", signature);
            try (OutputStream o = c.getOutputStream()) {
                o.write(body);
            }
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
