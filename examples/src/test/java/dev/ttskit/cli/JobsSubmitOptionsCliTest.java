package dev.ttskit.cli;

import dev.ttskit.audio.AudioFormat;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.NoLeaks;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code ttskit jobs submit} lets a job carry besides its text: speed, seed, provider options,
 * a provider preference, a voice reference, a per-chunk timeout, any voice; and the joins and chunks
 * per execution stored with it. Checked where they end up: the job's row, and the provider's request.
 */
@ExtendWith(NoLeaks.class)
class JobsSubmitOptionsCliTest {
    @TempDir
    Path dir;

    private String dbUrl() {
        return "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath();
    }

    private Map<String, String> env() {
        return Map.of("TTSKIT_JOBS_DB_URL", dbUrl());
    }

    @Test
    void everyOptionIsStoredWithTheJob() throws Exception {
        Path reference = Files.write(dir.resolve("narrator.wav"), MockAudio.tone(AudioFormat.WAV_PCM16_24K, Duration.ofSeconds(8)));
        // A provider that clones voices, configured but never called: submitting plans and stores, it speaks nothing.
        Map<String, String> env = new HashMap<>(env());
        env.put("REPLICATE_API_TOKEN", "r8_testtokenthatmustneverbeprinted");
        env.put("REPLICATE_BASE_URL", "http://127.0.0.1:9/v1");
        env.put("REPLICATE_MODEL", "lucataco/xtts-v2");
        TtsCliTest.Run submit = TtsCliTest.run(env, false, "", "jobs", "submit", "--text", "Good morning. Here is the news.",
                "--out", dir.resolve("news.wav").toString(), "--provider", "replicate", "--speed", "1.1", "--seed", "4294967295",
                "--option", "elevenlabs.stability=0.4", "--option", "use_speaker_boost=true", "--option", "label='007'",
                "--option", "take=3", "--speaker-wav", reference.toString(), "--timeout", "90s", "--allow-any-voice",
                "--crossfade", "40ms", "--chunks-per-execution", "2");
        assertEquals(0, submit.code(), submit.err());
        String id = submit.out().trim();
        try (Connection c = DriverManager.getConnection(dbUrl());
             PreparedStatement s = c.prepareStatement("SELECT speed, seed, provider_options, providers, allow_any_voice, "
                     + "call_timeout_millis, speaker_reference, gap_millis, crossfade_millis, chunks_per_execution FROM ttskit_job WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "the job is stored");
                assertEquals(1.1, rs.getDouble("speed"));
                assertEquals(4_294_967_295L, rs.getLong("seed"));
                String options = rs.getString("provider_options");
                // typed as the provider reads them: a double, a boolean, text kept as text, an integer
                assertTrue(options.contains("d elevenlabs.stability 0.4"), options);
                assertTrue(options.contains("z use_speaker_boost true"), options);
                assertTrue(options.contains("s label 007"), options);
                assertTrue(options.contains("i take 3"), options);
                assertEquals("replicate", rs.getString("providers"));
                assertTrue(rs.getBoolean("allow_any_voice"));
                assertEquals(90_000L, rs.getLong("call_timeout_millis"));
                assertEquals(reference.toAbsolutePath().toString(), rs.getString("speaker_reference"));
                assertEquals(0, rs.getInt("gap_millis"), "a crossfade instead of a gap");
                assertEquals(40, rs.getInt("crossfade_millis"));
                assertEquals(2, rs.getInt("chunks_per_execution"));
            }
        }

        TtsCliTest.Run gap = TtsCliTest.run(env(), false, "", "jobs", "submit", "--text", "Later, please.", "--out",
                dir.resolve("later.wav").toString(), "--gap", "250");
        assertEquals(0, gap.code(), gap.err());
        assertEquals(250, intColumn(gap.out().trim(), "gap_millis"), "a plain number is milliseconds");
        assertEquals(0, intColumn(gap.out().trim(), "crossfade_millis"));
        // The join is the job's own, and its status says so.
        TtsCliTest.Run status = TtsCliTest.run(env(), false, "", "jobs", "status", gap.out().trim());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("join     gap 250 ms"), status.out());
    }

    /** The job's settings reach the provider on every chunk: the loopback stand-in for ElevenLabs sees them. */
    @Test
    void theProviderGetsSpeedSeedAndOptionsAndOnlyTheNamedProviderSpeaks() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "audio/pcm")
                            .body(new okio.Buffer().write(MockAudio.tone(AudioFormat.PCM16_24K, Duration.ofSeconds(3)))).build();
                }
            });
            server.start(InetAddress.getLoopbackAddress(), 0);
            Map<String, String> env = new HashMap<>(env());
            env.put("ELEVENLABS_API_KEY", "sk_test_0123456789abcdef");
            env.put("ELEVENLABS_BASE_URL", server.url("/").toString());
            env.put("TTSKIT_PROVIDERS", "marytts");   // the job's --provider is spoken even though the chain leaves it out
            Path out = dir.resolve("brief.wav");
            TtsCliTest.Run r = TtsCliTest.run(env, false, "", "jobs", "submit", "--text", "Good morning. Here is the news for today.",
                    "--out", out.toString(), "--provider", "elevenlabs", "--speed", "1.1", "--seed", "42",
                    "--option", "elevenlabs.stability=0.4", "--wait", "--quiet");
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.size(out) > 44);
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertTrue(request.getUrl().encodedPath().startsWith("/v1/text-to-speech/"), request.getUrl().toString());
            String body = request.getBody().utf8();
            assertTrue(body.contains("\"seed\":42"), body);
            assertTrue(body.matches(".*\"voice_settings\":\\{[^}]*\"stability\":0\\.4[^}]*}.*"), body);
            assertTrue(body.matches(".*\"voice_settings\":\\{[^}]*\"speed\":1\\.1[^}]*}.*"), body);

            TtsCliTest.Run status = TtsCliTest.run(env(), false, "", "jobs", "status", r.out().lines().findFirst().orElseThrow().trim());
            assertTrue(status.out().contains("spoken by elevenlabs"), status.out());
        }
    }

    @Test
    void badValuesAreUsageErrorsInWords() {
        String out = dir.resolve("x.wav").toString();
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("--speed", "fast"), "--speed must be a number such as 1.2, was 'fast'");
        cases.put(List.of("--speed", "-1"), "speed must be");
        cases.put(List.of("--seed", "x"), "--seed must be a whole number from 0 to 4294967295, was 'x'");
        cases.put(List.of("--seed", "-5"), "seed must be 0..4294967295, was -5");
        cases.put(List.of("--option", "stability"), "--option must be key=value (e.g. elevenlabs.stability=0.4), was 'stability'");
        cases.put(List.of("--option", "=1"), "--option must be key=value");
        cases.put(List.of("--timeout", "soon"), "--timeout: ");
        cases.put(List.of("--gap", "3000"), "--gap must be 0..2000 ms, was '3000'");
        cases.put(List.of("--gap", "a bit"), "--gap must be milliseconds, e.g. 150 or 150ms, was 'a bit'");
        cases.put(List.of("--crossfade", "900"), "--crossfade must be 1..500 ms, was '900'");
        cases.put(List.of("--crossfade", "0"), "--crossfade must be 1..500 ms, was '0'");
        cases.put(List.of("--gap", "100", "--crossfade", "50"), "give --gap or --crossfade, not both");
        cases.put(List.of("--chunks-per-execution", "0"), "--chunks-per-execution must be a whole number from 1 to 256, was '0'");
        cases.put(List.of("--chunks-per-execution", "99999999999"), "--chunks-per-execution must be a whole number from 1 to 256");
        cases.put(List.of("--provider", "nosuch"), "unknown provider 'nosuch' in --provider (known: ");
        cases.put(List.of("--provider", ","), "--provider needs at least one provider id");
        cases.put(List.of("--priority", "high"), "--priority must be a whole number from -100 to 100, was 'high'");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> args = new java.util.ArrayList<>(List.of("jobs", "submit", "--text", "Hello there.", "--out", out));
            args.addAll(c.getKey());
            TtsCliTest.Run r = TtsCliTest.run(env(), false, "", args.toArray(String[]::new));
            assertEquals(ExitCode.USAGE, r.code(), c.getKey() + ": " + r.err());
            assertTrue(r.err().startsWith("ttskit: " + c.getValue()), c.getKey() + ": " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertFalse(Files.exists(dir.resolve("jobs.mv.db")), "nothing was stored: the database was never opened");

        TtsCliTest.Run notConfigured = TtsCliTest.run(env(), false, "", "jobs", "submit", "--text", "Hello there.", "--out", out,
                "--provider", "elevenlabs");
        assertEquals(ExitCode.NO_PROVIDER, notConfigured.code(), notConfigured.err());
        assertEquals("ttskit: elevenlabs is named in --provider but is not configured: set ELEVENLABS_API_KEY", notConfigured.err().strip());

        TtsCliTest.Run missingReference = TtsCliTest.run(env(), false, "", "jobs", "submit", "--text", "Hello there.", "--out", out,
                "--speaker-wav", dir.resolve("nobody.wav").toString());
        assertEquals(ExitCode.INVALID_INPUT, missingReference.code(), missingReference.err());
        assertTrue(missingReference.err().contains("--speaker-wav " + dir.resolve("nobody.wav") + " is not a readable file"),
                missingReference.err());
    }

    private int intColumn(String jobId, String column) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl());
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM ttskit_job WHERE id = ?")) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return rs.getInt(1);
            }
        }
    }
}
