package dev.ttskit.polly;

import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streamed synthesis through the SDK: incremental, byte-exact, and every way it can end badly. */
class StreamTest extends PollyTestSupport {

    @Test
    void chunkedAudioReassemblesByteExactly() throws Exception {
        byte[] mp3 = bytes(60_000, 7);
        server.enqueue(audio(mp3, "audio/mpeg", 17));
        try (AudioStream s = provider.stream(request("Hello from Polly.", AudioFormat.mp3(24_000, 48)), ctx())) {
            assertEquals(REQUEST_ID, s.providerRequestId().orElseThrow());
            assertArrayEquals(mp3, s.readAllBytes());
        }
    }

    @Test
    void firstChunkReachesTheCallerWhileTheServerStillHoldsTheRest() throws Exception {
        byte[] first = bytes(1000, 1);
        byte[] rest = bytes(5000, 2);
        LatchedBody body = new LatchedBody(first, rest);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm").body(body).build());
        try (AudioStream s = provider.stream(request("Hi.", AudioFormat.PCM16_16K), ctx())) {
            assertTrue(body.awaitFirstSent());
            assertArrayEquals(first, s.readNBytes(first.length), "the first part arrived before the rest was released");
            body.release();
            assertArrayEquals(rest, s.readAllBytes());
        } finally {
            body.release();
        }
    }

    @Test
    void wavStreamIsAHeaderThenThePcm() throws Exception {
        byte[] pcm = bytes(3200, 4);
        server.enqueue(audio(pcm, "audio/pcm", 3));
        try (AudioStream s = provider.stream(request("Hi.", AudioFormat.wav(8_000)), ctx())) {
            byte[] wav = s.readAllBytes();
            assertEquals(44 + pcm.length, wav.length);
            assertArrayEquals(pcm, Arrays.copyOfRange(wav, 44, wav.length));
        }
    }

    @Test
    void bodyCutAfterTheFirstByteIsAStreamInterruption() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm")
                .body(new okio.Buffer().write(bytes(200_000, 2))).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        try (AudioStream s = provider.stream(request("Hi.", AudioFormat.PCM16_16K), ctx())) {
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            assertInstanceOf(StreamInterruptedException.class, e.getCause());
        }
    }

    @Test
    void aHangBeforeTheHeadersEndsAtTheDeadline() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).build());
        long start = System.nanoTime();
        assertThrows(TtsTimeoutException.class, () -> provider.stream(request("Hi.", AudioFormat.PCM16_16K), ctx(Duration.ofMillis(300))));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "ended near its deadline, not the server's 30 s");
    }

    @Test
    void cancellingBeforeTheHeadersStopsTheCall() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).build());
        CallContext ctx = ctx(Duration.ofSeconds(60));
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<?> call = caller.submit(() -> provider.synthesize(request("Hi.", AudioFormat.PCM16_16K), ctx));
            assertTrue(server.takeRequest(5, TimeUnit.SECONDS) != null);
            ctx.cancellation().cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
            assertInstanceOf(CancelledException.class, e.getCause());
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void cancellingMidBodyStopsTheRead() throws Exception {
        LatchedBody body = new LatchedBody(bytes(1000, 1), bytes(1000, 2));
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm").body(body).build());
        CallContext ctx = ctx(Duration.ofSeconds(30));
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (AudioStream s = provider.stream(request("Hi.", AudioFormat.PCM16_16K), ctx)) {
            assertEquals(1000, s.readNBytes(1000).length);
            Future<Integer> blocked = reader.submit(() -> s.read());
            Thread.sleep(100);
            ctx.cancellation().cancel();
            ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(5, TimeUnit.SECONDS));
            assertInstanceOf(CancelledException.class, e.getCause().getCause());
        } finally {
            body.release();
            reader.shutdownNow();
        }
    }

    @Test
    void errorsBeforeTheStreamAreTyped() {
        server.enqueue(error(400, "ThrottlingException", "Rate exceeded"));
        TtsException e = assertThrows(TtsException.class, () -> provider.stream(request("Hi.", AudioFormat.PCM16_16K), ctx()));
        assertEquals(dev.ttskit.ErrorCategory.RATE_LIMIT, e.category());
    }
}
