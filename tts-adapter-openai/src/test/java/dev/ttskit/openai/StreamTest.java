package dev.ttskit.openai;

import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunked answers handed on as they arrive, and every way a stream can end badly. */
class StreamTest extends OpenAiTestSupport {

    @Test
    void chunkedBodyReassemblesByteExactly() throws Exception {
        byte[] mp3 = bytes(100_000, 9);
        server.enqueue(audio(mp3));

        try (AudioStream s = provider.stream(request(TEXT, OpenAiProvider.OPENAI_MP3), ctx())) {
            assertEquals(OpenAiProvider.OPENAI_MP3, s.format());
            assertEquals("req_5d1f0c3b9e2a4c7d8e9f00112233aabb", s.providerRequestId().orElseThrow());
            assertArrayEquals(mp3, s.readAllBytes());
        }
    }

    @Test
    void firstChunkReachesTheCallerWhileTheServerStillHoldsTheRest() throws Exception {
        byte[] first = bytes(1000, 1);
        byte[] rest = bytes(5000, 2);
        LatchedBody body = new LatchedBody(first, rest);
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());

        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.PCM16_24K), ctx())) {
            assertTrue(body.awaitFirstSent());
            assertArrayEquals(first, s.readNBytes(first.length), "the first part arrived before the rest was released");
            body.release();
            assertArrayEquals(rest, s.readAllBytes());
        } finally {
            body.release();
        }
    }

    @Test
    void wavStreamIsAHeaderOfUnknownLengthThenThePcm() throws Exception {
        byte[] pcm = bytes(9600, 4);
        server.enqueue(audio(pcm));

        byte[] wav;
        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.WAV_PCM16_24K), ctx())) {
            wav = s.readAllBytes();
        }
        assertEquals(44 + pcm.length, wav.length);
        ByteBuffer h = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24_000, h.getInt(24));
        assertArrayEquals(pcm, Arrays.copyOfRange(wav, 44, wav.length));
    }

    @Test
    void bodyCutAfterTheFirstByteIsAStreamInterruption() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(bytes(200_000, 2)))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.PCM16_24K), ctx())) {
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            assertInstanceOf(StreamInterruptedException.class, e.getCause());
            IOException again = assertThrows(IOException.class, s::read, "the failure is sticky");
            assertInstanceOf(StreamInterruptedException.class, again.getCause());
        }
    }

    @Test
    void emptyStreamFailsBeforeAnyByteAsBadAudio() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.WAV_PCM16_24K), ctx())) {
            IOException e = assertThrows(IOException.class, s::read);
            assertInstanceOf(AudioFormatException.class, e.getCause(), "no WAV header was handed out for an empty answer");
        }
    }

    @Test
    void aHangBeforeTheHeadersEndsAtTheDeadline() {
        LatchedBody hanging = new LatchedBody(new byte[0], new byte[10]);
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).body(hanging).build());
        try {
            assertThrows(TtsTimeoutException.class, () -> provider.stream(request(TEXT, AudioFormat.PCM16_24K), ctx(Duration.ofMillis(300))));
        } finally {
            hanging.release();
        }
    }

    @Test
    void aHangMidBodyEndsAtTheDeadline() throws Exception {
        LatchedBody body = new LatchedBody(bytes(1000, 1), bytes(1000, 2));
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        // The deadline also covers connecting, the headers and the first bytes: long enough for those on a loaded machine.
        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.PCM16_24K), ctx(Duration.ofMillis(1500)))) {
            assertEquals(1000, s.readNBytes(1000).length);
            IOException e = assertThrows(IOException.class, s::read);
            assertInstanceOf(StreamInterruptedException.class, e.getCause());
            assertInstanceOf(TtsTimeoutException.class, e.getCause().getCause());
        } finally {
            body.release();
        }
    }

    @Test
    void cancellingDuringTheBodyStopsTheRead() throws Exception {
        LatchedBody body = new LatchedBody(bytes(1000, 1), bytes(1000, 2));
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        CallContext ctx = ctx(Duration.ofSeconds(30));
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (AudioStream s = provider.stream(request(TEXT, AudioFormat.PCM16_24K), ctx)) {
            assertEquals(1000, s.readNBytes(1000).length);
            Future<Integer> blocked = reader.submit(() -> s.read());
            Thread.sleep(100);
            ctx.cancellation().cancel();
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> blocked.get(5, TimeUnit.SECONDS));
            assertInstanceOf(CancelledException.class, e.getCause().getCause());
        } finally {
            body.release();
            reader.shutdownNow();
        }
    }
}
