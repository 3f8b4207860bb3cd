package dev.ttskit.elevenlabs;

import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamTest extends ElevenLabsTestSupport {

    @Test
    void chunkedBodyReassemblesByteExactly() throws Exception {
        byte[] mp3 = bytes(100_000, 9);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("request-id", "req-7")
                .chunkedBody(new okio.Buffer().write(mp3), 4096).build());

        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.MP3_44K_128), ctx())) {
            assertEquals(AudioFormat.MP3_44K_128, s.format());
            assertEquals("req-7", s.providerRequestId().orElseThrow());
            assertArrayEquals(mp3, s.readAllBytes());
        }
        assertEquals("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/stream", take().getUrl().encodedPath());
    }

    @Test
    void firstChunkReachesTheCallerWhileTheServerStillHoldsTheRest() throws Exception {
        byte[] first = bytes(1000, 1);
        byte[] rest = bytes(5000, 2);
        LatchedBody body = new LatchedBody(first, rest);
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());

        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.MP3_44K_128), ctx())) {
            assertTrue(body.awaitFirstSent());
            byte[] got = s.readNBytes(first.length);
            assertArrayEquals(first, got, "the first part arrived before the rest was released");
            body.release();
            assertArrayEquals(rest, s.readAllBytes());
        } finally {
            body.release();
        }
    }

    @Test
    void wavStreamGetsAHeaderOfUnknownLengthThenThePcm() throws Exception {
        byte[] pcm = bytes(9600, 4);
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new okio.Buffer().write(pcm), 1000).build());

        byte[] wav;
        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.WAV_PCM16_16K), ctx())) {
            wav = s.readAllBytes();
        }
        assertEquals("pcm_16000", take().getUrl().queryParameter("output_format"));
        assertEquals(44 + pcm.length, wav.length);
        assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer h = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xFFFF_FFFF, h.getInt(4));
        assertEquals(16_000, h.getInt(24));
        assertArrayEquals(pcm, Arrays.copyOfRange(wav, 44, wav.length));
    }

    @Test
    void disconnectAfterTheFirstByteIsAStreamInterruption() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("request-id", "req-9")
                .body(new okio.Buffer().write(bytes(256 * 1024, 3)))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.MP3_44K_128), ctx())) {
            IOException e = assertThrows(IOException.class, () -> s.transferTo(new ByteArrayOutputStream()));
            StreamInterruptedException cause = assertInstanceOf(StreamInterruptedException.class, e.getCause());
            assertEquals("req-9", cause.requestId().orElseThrow());
            assertEquals("elevenlabs", cause.provider().orElseThrow());
            // The failure is sticky: a later read says the same.
            IOException again = assertThrows(IOException.class, () -> s.read());
            assertInstanceOf(StreamInterruptedException.class, again.getCause());
        }
    }

    @Test
    void disconnectBeforeAnyAudioOfAWavStreamIsNotAnInterruption() throws Exception {
        // The header is only handed on with the first audio, so nothing has reached the caller yet.
        server.enqueue(new MockResponse.Builder().code(200)
                .body(new mockwebserver3.MockResponseBody() {
                    @Override
                    public long getContentLength() {
                        return 5000;
                    }

                    @Override
                    public void writeTo(okio.BufferedSink sink) {
                        // writes nothing: the server then closes a body promised as 5000 bytes
                    }
                }).onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());

        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.WAV_PCM16_24K), ctx())) {
            IOException e = assertThrows(IOException.class, s::read);
            assertInstanceOf(dev.ttskit.ProviderUnavailableException.class, e.getCause());
        }
    }

    @Test
    void theAccountsConcurrencyLimitIsNotedFromTheHeaders() throws Exception {
        server.enqueue(new MockResponse.Builder(audio(bytes(10, 1))).addHeader("maximum-concurrent-requests", "5")
                .addHeader("current-concurrent-requests", "1").build());
        assertTrue(provider.reportedConcurrencyLimit().isEmpty());

        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.MP3_44K_128), ctx())) {
            s.readAllBytes();
        }
        assertEquals(5, provider.reportedConcurrencyLimit().getAsInt());
    }

    @Test
    void stallBeforeAnyByteTimesOutAtTheDeadline() throws Exception {
        LatchedBody body = new LatchedBody(new byte[0], bytes(1000, 3));
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());

        // The deadline also covers connecting and the headers: long enough for those on a loaded machine.
        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.MP3_44K_128), ctx(Duration.ofMillis(1500)))) {
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            assertInstanceOf(TtsTimeoutException.class, e.getCause(), "nothing reached the caller, so the router may still fail over");
        } finally {
            body.release();
        }
    }

    @Test
    void stallMidBodyAfterTheFirstByteIsAnInterruptionCausedByTheTimeout() throws Exception {
        LatchedBody body = new LatchedBody(bytes(500, 1), bytes(500, 2));
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());

        // The deadline also covers connecting, the headers and the first bytes: long enough for those on a loaded machine.
        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.MP3_44K_128), ctx(Duration.ofMillis(1500)))) {
            assertEquals(500, s.readNBytes(500).length);
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            StreamInterruptedException cause = assertInstanceOf(StreamInterruptedException.class, e.getCause());
            assertInstanceOf(TtsTimeoutException.class, cause.getCause());
        } finally {
            body.release();
        }
    }

    @Test
    void stallInTheHeadersTimesOutInStream() {
        server.enqueue(new MockResponse.Builder().code(200).body("x").onResponseStart(SocketEffect.Stall.INSTANCE).build());

        assertThrows(TtsTimeoutException.class,
                () -> provider.stream(request(TEXT, AudioFormat.MP3_44K_128), ctx(Duration.ofMillis(300))));
    }

    @Test
    void emptyStreamIsBadAudioBeforeAnyByte() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new okio.Buffer(), 10).build());

        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.WAV_PCM16_24K), ctx())) {
            IOException e = assertThrows(IOException.class, s::read);
            assertInstanceOf(AudioFormatException.class, e.getCause(), "no WAV header was handed on for an empty answer");
        }
    }

    @Test
    void closingEarlyCancelsTheCall() throws Exception {
        LatchedBody body = new LatchedBody(bytes(100, 1), bytes(100, 2));
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        AudioStream s = provider.stream(request(TEXT, AudioFormat.MP3_44K_128), ctx());
        assertEquals(100, s.readNBytes(100).length);

        s.close();

        assertTrue(s.isClosed());
        assertThrows(IOException.class, s::read);
        assertEquals(0, resources.stats().gauges().getOrDefault("http.runningCalls", -1L));
        body.release();
    }

    @Test
    void cancellationMidStreamIsACancellationNotAnInterruption() throws Exception {
        LatchedBody body = new LatchedBody(bytes(100, 1), bytes(100, 2));
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        CancellationToken token = new CancellationToken();
        CallContext c = CallContext.of(Duration.ofSeconds(10), Clock.systemUTC(), token, resources);
        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.MP3_44K_128), c)) {
            assertEquals(100, s.readNBytes(100).length);
            token.cancel();
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            assertInstanceOf(CancelledException.class, e.getCause());
        } finally {
            body.release();
        }
    }

    @Test
    void oddPcmAtTheEndIsReported() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new okio.Buffer().write(bytes(1001, 1)), 100).build());

        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.PCM16_24K), ctx())) {
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            StreamInterruptedException cause = assertInstanceOf(StreamInterruptedException.class, e.getCause());
            assertInstanceOf(AudioFormatException.class, cause.getCause());
        }
    }
}
