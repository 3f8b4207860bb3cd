package dev.ttskit.cli;

import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --timeout and --attempt-timeout, and what the CLI says when a provider never answers. */
@ExtendWith(NoLeaks.class)
class TtsCliDeadlineTest {
    @TempDir
    Path dir;

    /** Accepts connections on loopback and never answers them. */
    private static final class Silent implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<Socket> accepted = new CopyOnWriteArrayList<>();
        final Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    accepted.add(socket.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-server");

        Silent() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (Socket s : accepted) s.close();
            acceptor.join(5_000);
        }
    }

    @Test
    void aProviderThatNeverAnswersIsNamedWithTimeoutWithinTheGivenDeadline() throws Exception {
        Path out = dir.resolve("out.mp3");
        try (Silent server = new Silent()) {
            Map<String, String> env = Map.of("ELEVENLABS_API_KEY", "sk_test_0123456789abcdef", "ELEVENLABS_BASE_URL", server.url(),
                    "TTSKIT_PROVIDERS", "elevenlabs");
            TtsCliTest.Run r = TtsCliTest.run(env, false, "", "speak", "--text", "Hello there.", "--out", out.toString(),
                    "--format", "mp3", "--timeout", "1s");
            assertEquals(5, r.code(), r.err());
            assertTrue(r.err().contains("elevenlabs failed (TIMEOUT)"), r.err());
            assertFalse(Files.exists(out), "no partial file");
        }
    }

    @Test
    void badDurationsAreUsageErrorsNamingTheOption() {
        Path out = dir.resolve("out.wav");
        TtsCliTest.Run bad = TtsCliTest.run("speak", "--text", "Hi.", "--out", out.toString(), "--attempt-timeout", "soon");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--attempt-timeout"), bad.err());
        TtsCliTest.Run tooLong = TtsCliTest.run("speak", "--text", "Hi.", "--out", out.toString(), "--timeout", "2s",
                "--attempt-timeout", "5s");
        assertEquals(2, tooLong.code());
        assertTrue(tooLong.err().contains("TTSKIT_ATTEMPT_TIMEOUT"), tooLong.err());
    }

    @Test
    void theEmbeddedVoiceSpeaksWithinAnExplicitAttemptLimit() {
        Path out = dir.resolve("out.wav");
        TtsCliTest.Run r = TtsCliTest.run("speak", "--text", "Hi there.", "--out", out.toString(), "--timeout", "60s",
                "--attempt-timeout", "30s", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out));
    }
}
