package dev.ttskit.cli;

import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.NoLeaks;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ttskit.cli.TtsCliTest.SECRET_TEXT;
import static dev.ttskit.cli.TtsCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI against a loopback stand-in for Replicate's API, configured only through the environment:
 * success through Replicate, failover to the embedded voice, and the exit code of each failure kind.
 */
@ExtendWith(NoLeaks.class)
class TtsCliReplicateTest {
    private static final String TOKEN = "r8_testtokenthatmustneverbeprinted";

    @TempDir
    Path dir;

    private MockWebServer server;
    private volatile int status = 201;
    private final AtomicInteger creates = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                creates.incrementAndGet();
                if (status != 201) {
                    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                            .body("{\"title\":\"scripted\",\"detail\":\"scripted failure\",\"status\":" + status + "}").build();
                }
                return new MockResponse.Builder().code(201).setHeader("Content-Type", "application/json").body(prediction(request.getBodySize())).build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * A finished prediction whose output is tone as a data URI (no download needed): half a second,
     * or longer for a long input, as real speech would be (the router refuses implausibly short audio).
     */
    private static String prediction(long inputBytes) {
        byte[] wav = MockAudio.tone(AudioFormat.WAV_PCM16_24K, Duration.ofMillis(Math.max(500, inputBytes * 5)));
        String output = "data:audio/wav;base64," + Base64.getEncoder().encodeToString(wav);
        return "{\"id\":\"p" + System.nanoTime() + "\",\"model\":\"minimax/speech-02-turbo\",\"version\":\"hidden\",\"input\":{},"
                + "\"logs\":\"\",\"output\":\"" + output + "\",\"data_removed\":false,\"error\":null,\"status\":\"succeeded\","
                + "\"created_at\":\"2024-10-04T18:07:40.328Z\",\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/p1\","
                + "\"cancel\":\"https://api.replicate.com/v1/predictions/p1/cancel\"}}";
    }

    private Map<String, String> env(String providers) {
        return Map.of("REPLICATE_API_TOKEN", TOKEN, "REPLICATE_BASE_URL", server.url("/v1").toString(),
                "TTSKIT_PROVIDERS", providers);
    }

    @Test
    void speaksThroughReplicateWhenConfigured() throws IOException {
        Path out = dir.resolve("r.wav");
        TtsCliTest.Run r = run(env("replicate,marytts"), false, "", "speak", "--text", SECRET_TEXT, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("spoken by replicate"), r.out());
        assertEquals(24_000, WavCodec.readInfo(Files.readAllBytes(out)).sampleRate());
        assertFalse(r.printed(SECRET_TEXT));
        assertFalse(r.printed(TOKEN));
    }

    @Test
    void failsOverToTheEmbeddedVoice() throws IOException {
        status = 500;
        Path out = dir.resolve("f.wav");
        TtsCliTest.Run r = run(env("replicate,marytts"), false, "", "speak", "--text", "Failover works.", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("spoken by marytts"), r.out());
        assertTrue(r.err().contains("replicate failed (UNAVAILABLE), trying marytts"), r.err());
        assertTrue(creates.get() >= 1, "replicate was tried first");
        assertTrue(WavCodec.readInfo(Files.readAllBytes(out)).duration().toMillis() > 500);
    }

    @Test
    void badKeyExitsWithFourAndNamesTheSetting() {
        status = 401;
        TtsCliTest.Run r = run(env("replicate"), false, "", "speak", "--text", SECRET_TEXT, "--out", dir.resolve("a.wav").toString());
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("replicate failed (AUTH)") && r.err().contains("REPLICATE_API_TOKEN"), r.err());
        assertFalse(r.printed(TOKEN), "the key is never printed");
        assertFalse(r.printed(SECRET_TEXT));
        assertFalse(Files.exists(dir.resolve("a.wav")));
    }

    @Test
    void quotaExitsWithFour() {
        status = 402;
        TtsCliTest.Run r = run(env("replicate"), false, "", "speak", "--text", "hi", "--out", dir.resolve("q.wav").toString());
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("(QUOTA)"), r.err());
    }

    @Test
    void aProviderThatIsDownExitsWithFive() {
        status = 503;
        TtsCliTest.Run r = run(env("replicate"), false, "", "speak", "--text", "hi", "--out", dir.resolve("d.wav").toString());
        assertEquals(5, r.code(), r.err());
        assertTrue(r.err().contains("replicate failed (UNAVAILABLE)") && r.err().contains("hint:"), r.err());
    }

    @Test
    void longTextShowsProgressOnlyOnATerminalAndNotWhenQuiet() {
        // Replicate's minimax model takes 10,000 characters at a time: this text needs three chunks.
        String text = "This sentence is part of a long text for the progress bar. ".repeat(400);
        Path out = dir.resolve("long.wav");

        TtsCliTest.Run tty = run(env("replicate"), true, "", "speak", "--text", text, "--out", out.toString());
        assertEquals(0, tty.code(), tty.err());
        assertTrue(tty.err().contains("3/3 chunks") && tty.err().contains("100%") && tty.err().contains("ETA"), tty.err());
        assertFalse(tty.printed("progress bar"), "the text is never echoed");

        TtsCliTest.Run pipe = run(env("replicate"), false, "", "speak", "--text", text, "--out", out.toString());
        assertEquals(0, pipe.code(), pipe.err());
        assertEquals("", pipe.err(), "no progress when not a terminal");

        TtsCliTest.Run quiet = run(env("replicate"), true, "", "speak", "--text", text, "--out", out.toString(), "--quiet");
        assertEquals(0, quiet.code(), quiet.err());
        assertEquals("", quiet.err() + quiet.out(), "--quiet prints nothing");
    }

    @Test
    void onAFortyColumnTerminalTheBarFitsOnOneLineAndIsErased() {
        String text = "This sentence is part of a long text for the progress bar. ".repeat(400);
        Map<String, String> env = new java.util.HashMap<>(env("replicate"));
        env.put("COLUMNS", "40");
        TtsCliTest.Run r = run(env, true, "", "speak", "--text", text, "--out", dir.resolve("narrow.wav").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("3/3") && r.err().contains("100%"), r.err());
        assertFalse(r.err().contains("\n"), "the bar never wraps or leaves a line: " + r.err().replace("\r", "<CR>"));
        for (String frame : r.err().split("\r")) {
            assertTrue(frame.length() <= 39, "fits 40 columns: '" + frame + "'");
        }
        assertTrue(r.err().endsWith("\r") && r.err().substring(0, r.err().length() - 1).endsWith("   "), "erased at the end");
        assertTrue(r.out().startsWith("wrote "), "the summary starts on a clean line: " + r.out());
    }
}
