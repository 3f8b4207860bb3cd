package dev.ttskit.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ttskit.AuthenticationException;
import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TimedSpan;
import dev.ttskit.Timestamps;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketTest extends ElevenLabsTestSupport {
    private static final String ALIGNMENT = "{\"charStartTimesMs\":[0,3,7,9,11],\"charsDurationsMs\":[3,4,2,2,1],"
            + "\"chars\":[\"H\",\"e\",\"l\",\"l\",\"o\"]}";

    /** The server end: records every client message and answers through a script. */
    static final class ServerSocket extends WebSocketListener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final List<String> all = new CopyOnWriteArrayList<>();
        final BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
        final BiConsumer<WebSocket, String> script;

        ServerSocket(BiConsumer<WebSocket, String> script) {
            this.script = script;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened.add(webSocket);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            received.add(text);
            all.add(text);
            script.accept(webSocket, text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }

        JsonNode next() throws Exception {
            String m = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(m, "the server received no further message");
            return JSON.readTree(m);
        }
    }

    /** Answers the end of input with two audio frames and a final message, then closes normally. */
    private static BiConsumer<WebSocket, String> speakOnEnd(byte[] a, byte[] b, String finalField) {
        return (ws, text) -> {
            if (!text.equals("{\"text\":\"\"}")) return;
            ws.send("{\"audio\":\"" + Base64.getEncoder().encodeToString(a) + "\",\"isFinal\":null,\"alignment\":" + ALIGNMENT
                    + ",\"normalizedAlignment\":null}");
            ws.send("{\"audio\":\"" + Base64.getEncoder().encodeToString(b) + "\",\"isFinal\":false,\"alignment\":null,"
                    + "\"normalizedAlignment\":" + ALIGNMENT + "}");
            ws.send("{\"" + finalField + "\":true}");
            ws.close(1000, null);
        };
    }

    private ServerSocket upgrade(BiConsumer<WebSocket, String> script) {
        ServerSocket socket = new ServerSocket(script);
        server.enqueue(new MockResponse.Builder().webSocketUpgrade(socket).build());
        return socket;
    }

    @Test
    void textGoesInPieceByPieceAndAudioAndTimingsComeOut() throws Exception {
        byte[] a = bytes(4800, 1);
        byte[] b = bytes(4800, 2);
        ServerSocket socket = upgrade(speakOnEnd(a, b, "isFinal"));
        provider = builder().voiceSettings(VoiceSettings.builder().stability(0.5).similarityBoost(0.8).build())
                .chunkLengthSchedule(List.of(120, 160, 250, 290)).inactivityTimeout(Duration.ofSeconds(30)).build();
        SpeechRequest sr = SpeechRequest.builder().text("Hello ").format(AudioFormat.PCM16_24K).speed(1.0).build();
        List<TimedSpan> spans = new CopyOnWriteArrayList<>();

        try (InputStreamingSession session = provider.openInputStream(request(sr), ctx(), spans::addAll)) {
            session.send("World ");
            session.sendAndFlush("again. ");
            session.flush();
            session.finish();
            session.finish();
            assertThrows(IllegalStateException.class, () -> session.send("late "));

            byte[] audio = session.audio().readAllBytes();
            byte[] expected = new byte[a.length + b.length];
            System.arraycopy(a, 0, expected, 0, a.length);
            System.arraycopy(b, 0, expected, a.length, b.length);
            assertArrayEquals(expected, audio);

            Timestamps t = session.timestamps();
            assertEquals(10, t.characters().size());
            // The second chunk's times restart at zero: they are shifted by the 0.1 s of PCM before it.
            assertEquals(Duration.ofMillis(100), t.characters().get(5).start());
            assertEquals(Duration.ofMillis(112), t.characters().get(9).end());
            assertEquals(10, spans.size());
        }

        RecordedRequest upgradeRequest = take();
        assertEquals("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/stream-input", upgradeRequest.getUrl().encodedPath());
        assertEquals(KEY, upgradeRequest.getHeaders().get("xi-api-key"));
        assertEquals("pcm_24000", upgradeRequest.getUrl().queryParameter("output_format"));
        assertEquals("eleven_multilingual_v2", upgradeRequest.getUrl().queryParameter("model_id"));
        assertEquals("30", upgradeRequest.getUrl().queryParameter("inactivity_timeout"));

        JsonNode init = socket.next();
        assertEquals(" ", init.get("text").asText());
        assertEquals(0.5, init.get("voice_settings").get("stability").asDouble());
        assertEquals(1.0, init.get("voice_settings").get("speed").asDouble());
        assertFalse(init.get("voice_settings").has("style"));
        assertEquals("[120,160,250,290]", init.get("generation_config").get("chunk_length_schedule").toString());
        assertEquals("{\"text\":\"Hello \"}", socket.next().toString());
        assertEquals("{\"text\":\"World \"}", socket.next().toString());
        assertEquals("{\"text\":\"again. \",\"flush\":true}", socket.next().toString());
        assertEquals("{\"text\":\" \",\"flush\":true}", socket.next().toString());
        assertEquals("{\"text\":\"\"}", socket.next().toString());
        assertEquals(6, socket.all.size(), "finish() twice sends the end of input once");
        for (String m : socket.all) assertFalse(m.contains("null"), m);
    }

    @Test
    void snakeCaseFinalAndWavFormatAreAccepted() throws Exception {
        byte[] a = bytes(320, 1);
        byte[] b = bytes(320, 2);
        upgrade(speakOnEnd(a, b, "is_final"));

        try (InputStreamingSession session = provider.openInputStream(request("", AudioFormat.WAV_PCM16_16K), ctx(), s -> { })) {
            session.send("Hi ");
            session.finish();
            byte[] wav = session.audio().readAllBytes();
            assertEquals(44 + 640, wav.length);
            assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertEquals("pcm_16000", take().getUrl().queryParameter("output_format"));
    }

    @Test
    void normalCloseWithoutFinalMessageIsStillComplete() throws Exception {
        upgrade((ws, text) -> {
            if (text.equals("{\"text\":\"\"}")) {
                ws.send("{\"audio\":\"AAECAw==\"}");
                ws.close(1000, null);
            }
        });

        try (InputStreamingSession session = provider.openInputStream(request("Hi ", AudioFormat.MP3_44K_128), ctx(), s -> { })) {
            session.finish();
            assertArrayEquals(new byte[] {0, 1, 2, 3}, session.audio().readAllBytes());
        }
    }

    @Test
    void errorFrameThenPolicyCloseIsAValidationError() throws Exception {
        upgrade((ws, text) -> {
            if (text.contains("bad")) {
                ws.send("{\"message\":\"Could not parse input message, make sure it is a json and follows the schema outlined in "
                        + "protocol.\",\"error\":\"invalid_input_message\",\"code\":1008}");
                ws.close(1008, "invalid message");
            }
        });

        try (InputStreamingSession session = provider.openInputStream(request("", AudioFormat.MP3_44K_128), ctx(), s -> { })) {
            session.send("bad ");
            IOException e = assertThrows(IOException.class, () -> session.audio().read());
            ValidationException cause = assertInstanceOf(ValidationException.class, e.getCause());
            assertTrue(cause.getMessage().contains("invalid_input_message"), cause.getMessage());
            assertTrue(cause.getMessage().contains("1008"));
            assertThrows(ValidationException.class, () -> session.send("more "));
        }
    }

    @Test
    void inactivityCloseIsUnavailableBeforeAnyAudio() throws Exception {
        upgrade((ws, text) -> ws.close(1008, "Have not received a new text input within the timeout of 20 seconds. "
                + "Streaming input terminated. Please make sure to send text input within the timeout."));

        try (InputStreamingSession session = provider.openInputStream(request("", AudioFormat.MP3_44K_128), ctx(), s -> { })) {
            IOException e = assertThrows(IOException.class, () -> session.audio().readAllBytes());
            assertInstanceOf(ProviderUnavailableException.class, e.getCause());
        }
    }

    @Test
    void policyCloseAfterTheFirstByteIsAStreamInterruption() throws Exception {
        ServerSocket socket = upgrade((ws, text) -> {
            if (text.equals("{\"text\":\"Hi \"}")) ws.send("{\"audio\":\"AAECAw==\",\"isFinal\":false}");
        });

        try (InputStreamingSession session = provider.openInputStream(request("Hi ", AudioFormat.MP3_44K_128), ctx(), s -> { })) {
            AudioStream audio = session.audio();
            assertEquals(0, audio.read());
            WebSocket serverSide = socket.opened.poll(5, TimeUnit.SECONDS);
            assertNotNull(serverSide);
            serverSide.close(1008, "Have not received a new text input within the timeout of 20 seconds.");
            IOException e = assertThrows(IOException.class, audio::readAllBytes);
            StreamInterruptedException cause = assertInstanceOf(StreamInterruptedException.class, e.getCause());
            assertInstanceOf(ProviderUnavailableException.class, cause.getCause());
        }
    }

    @Test
    void keepAliveIsSentBeforeTheInactivityTimeout() throws Exception {
        ServerSocket socket = upgrade((ws, text) -> { });
        provider = builder().inactivityTimeout(Duration.ofSeconds(1)).keepAliveInterval(Duration.ofMillis(50)).build();

        try (InputStreamingSession session = provider.openInputStream(request("", AudioFormat.MP3_44K_128), ctx(), s -> { })) {
            assertEquals(" ", socket.next().get("text").asText());
            JsonNode keepAlive = socket.next();
            assertEquals("{\"text\":\" \"}", keepAlive.toString());
            session.finish();
            // More keep-alives may have gone out before finish() on a slow machine: the end follows them.
            JsonNode next = socket.next();
            while (next.toString().equals("{\"text\":\" \"}")) next = socket.next();
            assertEquals("{\"text\":\"\"}", next.toString());
        }
    }

    @Test
    void handshakeRejectionIsMappedLikeRest() throws Exception {
        server.enqueue(json(401, "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}"));

        // The open waits for the handshake, so the rejection is always the typed error, thrown by the open.
        assertThrows(AuthenticationException.class,
                () -> provider.openInputStream(request("Hi ", AudioFormat.MP3_44K_128), ctx(), s -> { }).close());
    }

    @Test
    void deadlineEndsASilentSession() throws Exception {
        upgrade((ws, text) -> { });

        // Under load the 300 ms may already run out during the handshake: then the open throws the timeout.
        TtsException timeout;
        try (InputStreamingSession session = provider.openInputStream(request("Hi ", AudioFormat.MP3_44K_128),
                ctx(Duration.ofMillis(300)), s -> { })) {
            IOException e = assertThrows(IOException.class, () -> session.audio().read());
            timeout = assertInstanceOf(TtsException.class, e.getCause());
        } catch (TtsException e) {
            timeout = e;
        }
        assertInstanceOf(TtsTimeoutException.class, timeout, timeout.toString());
    }

    @Test
    void cancellationEndsTheSession() throws Exception {
        upgrade((ws, text) -> { });
        CancellationToken token = new CancellationToken();
        CallContext c = CallContext.of(Duration.ofSeconds(10), Clock.systemUTC(), token, resources);

        try (InputStreamingSession session = provider.openInputStream(request("Hi ", AudioFormat.MP3_44K_128), c, s -> { })) {
            token.cancel();
            IOException e = assertThrows(IOException.class, () -> session.audio().read());
            assertInstanceOf(CancelledException.class, e.getCause());
        }
    }

    @Test
    void emptyPiecesAreRefusedBecauseTheyWouldEndTheInput() throws Exception {
        upgrade((ws, text) -> { });
        try (InputStreamingSession session = provider.openInputStream(request("", AudioFormat.MP3_44K_128), ctx(), s -> { })) {
            assertThrows(ValidationException.class, () -> session.send(""));
        }
    }

    @Test
    void closingTheProviderClosesOpenSessions() throws Exception {
        upgrade((ws, text) -> { });
        InputStreamingSession session = provider.openInputStream(request("", AudioFormat.MP3_44K_128), ctx(), s -> { });

        provider.close();

        assertTrue(session.audio().isClosed());
        assertThrows(IllegalStateException.class, () -> session.send("x "));
    }

    /** A server end that never answers a close frame, and records when the connection drops. */
    static final class SilentCloser extends WebSocketListener {
        final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch dropped = new java.util.concurrent.CountDownLatch(1);
        volatile WebSocket socket;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
            opened.countDown();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            dropped.countDown();
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            dropped.countDown();
        }
    }

    @Test
    void aFirstSendThatFailsEndsTheSessionAndDropsTheSocket() throws Exception {
        SilentCloser server = new SilentCloser();
        this.server.enqueue(new MockResponse.Builder().webSocketUpgrade(server).build());
        try (InputStreamingSession session = provider.openInputStream(request("", AudioFormat.MP3_44K_128),
                ctx(Duration.ofMinutes(10)), s -> { })) {
            assertTrue(server.opened.await(5, TimeUnit.SECONDS));
            // More than OkHttp queues for one socket (16 MiB): it refuses the message and starts a close
            // the server never answers.
            String tooLarge = "a".repeat((16 << 20) + 1);
            ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> session.send(tooLarge));
            assertEquals("elevenlabs", e.provider().orElseThrow());

            IOException read = assertThrows(IOException.class, () -> session.audio().read(),
                    "the reader gets the failure instead of waiting for the ten-minute deadline");
            assertEquals(e, read.getCause());
            assertEquals(e, assertThrows(TtsException.class, () -> session.send("more ")), "later sends get the same typed failure");
            // The server's reader stops once it has read the close frame OkHttp started, so whether it
            // ever sees the socket go by reading is a race; writing shows it, as a dropped peer answers
            // with a reset. The limit is well below the 60 s after which OkHttp itself gives up on an
            // unanswered close, so only the session's own drop passes.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!server.dropped.await(100, TimeUnit.MILLISECONDS) && System.nanoTime() < until) {
                server.socket.send("still there?");
            }
            assertEquals(0, server.dropped.getCount(), "the socket was never dropped");
        }
    }
}
