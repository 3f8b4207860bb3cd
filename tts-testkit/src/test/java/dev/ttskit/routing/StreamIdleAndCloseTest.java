package dev.ttskit.routing;

import dev.ttskit.AttemptPolicy;
import dev.ttskit.AudioCheckPolicy;
import dev.ttskit.AudioStream;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream the provider stops feeding, and a stream the caller closes while a read waits: the first
 * is the provider's TIMEOUT, ended by the idle limit; the second is the caller's doing and no failure.
 */
@ExtendWith(NoLeaks.class)
class StreamIdleAndCloseTest {
    private static final AudioFormat PCM = AudioFormat.PCM16_24K;
    private static final Duration IDLE = Duration.ofSeconds(2);

    private final ManualClock clock = new ManualClock();

    /** Sends its first bytes, then blocks each read until closed; a read ended by close throws. */
    private static final class StallingBody extends InputStream {
        private final byte[] first;
        private final CountDownLatch closed = new CountDownLatch(1);
        final CountDownLatch stalled = new CountDownLatch(1);
        private int pos;

        StallingBody(byte[] first) {
            this.first = first;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos < first.length) {
                int n = Math.min(len, first.length - pos);
                System.arraycopy(first, pos, b, off, n);
                pos += n;
                return n;
            }
            stalled.countDown();
            try {
                if (!closed.await(30, TimeUnit.SECONDS)) throw new IOException("test stalled for 30 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            throw new IOException("stream closed while reading");
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** A provider whose streams are whatever the test supplies. */
    private static final class RawStreamProvider implements TtsProvider {
        private final String id;
        private final AudioFormat format;
        private final ProviderCapabilities caps;
        private final Supplier<InputStream> body;

        RawStreamProvider(String id, AudioFormat format, Supplier<InputStream> body) {
            this.id = id;
            this.format = format;
            this.caps = MockTtsProvider.defaultCapabilities().toBuilder().formats(format).streaming(true).build();
            this.body = body;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ProviderCapabilities capabilities() {
            return caps;
        }

        @Override
        public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
            throw ProviderUnavailableException.builder("streams only").provider(id).build();
        }

        @Override
        public AudioStream stream(ProviderRequest request, CallContext ctx) {
            return new AudioStream(body.get(), format, id, id + "-req", null);
        }

        @Override
        public List<Voice> voices(CallContext ctx) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private TtsClient client(AudioCheckPolicy checks, TtsProvider provider) {
        return TtsClient.builder().clock(clock).sleeper(new ManualSleeper(clock)).retry(RetryPolicy.NONE)
                .attemptLimits(AttemptPolicy.builder().idleTimeout(IDLE).build()).audioChecks(checks).provider(provider).build();
    }

    private static SpeechRequest request(AudioFormat format) {
        return SpeechRequest.builder().text("Hello there, this is a stream.").format(format).build();
    }

    /** Reads the first chunk, then reads on in the background until that read blocks in the provider. */
    private static CompletableFuture<Integer> stalledRead(AudioStream s, StallingBody body, int firstChunk) throws Exception {
        byte[] buffer = new byte[firstChunk];
        int got = 0;
        while (got < firstChunk) got += s.read(buffer, got, firstChunk - got);
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return s.read(new byte[4096], 0, 4096);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(body.stalled.await(10, TimeUnit.SECONDS), "the read reached the provider");
        return read;
    }

    @Test
    void aProviderThatStopsSendingIsEndedByTheIdleLimitAsItsTimeout() throws Exception {
        byte[] tone = MockAudio.tone(PCM, Duration.ofMillis(400));
        StallingBody body = new StallingBody(tone);
        try (TtsClient tts = client(AudioCheckPolicy.DEFAULT, new RawStreamProvider("slow", PCM, () -> body));
             AudioStream s = tts.stream(request(PCM))) {
            CompletableFuture<Integer> read = stalledRead(s, body, tone.length);
            assertFalse(read.isDone(), "a read the provider does not answer waits");
            clock.advance(IDLE.plusSeconds(1));

            ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
            IOException io = assertInstanceOf(IOException.class, e.getCause().getCause());
            StreamInterruptedException interrupted = assertInstanceOf(StreamInterruptedException.class, io.getCause());
            assertEquals("slow", interrupted.provider().orElseThrow());
            assertTrue(interrupted.getMessage().contains("after " + tone.length + " bytes (TIMEOUT)"), interrupted.getMessage());
            TtsTimeoutException idle = assertInstanceOf(TtsTimeoutException.class, interrupted.getCause());
            assertTrue(idle.getMessage().contains("idle stream"), idle.getMessage());
            assertEquals(1, interrupted.getSuppressed().length, "the read's own failure is kept beside the timeout");
            assertEquals(ErrorCategory.STREAM, tts.health().get(0).lastErrorCategory().orElseThrow(),
                    "an idle provider counts against it");
        }
    }

    @Test
    void closingAStreamWhileAReadWaitsEndsTheReadWithoutChargingTheProvider() throws Exception {
        byte[] tone = MockAudio.tone(PCM, Duration.ofMillis(400));
        StallingBody body = new StallingBody(tone);
        try (TtsClient tts = client(AudioCheckPolicy.DEFAULT, new RawStreamProvider("p", PCM, () -> body))) {
            AudioStream s = tts.stream(request(PCM));
            CompletableFuture<Integer> read = stalledRead(s, body, tone.length);
            s.close();

            ExecutionException e = assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
            IOException io = assertInstanceOf(IOException.class, e.getCause().getCause());
            assertEquals("stream closed while reading", io.getMessage(), "the caller's own close, not a provider failure");
            assertEquals(0, tts.health().get(0).failedCalls(), "closing early is not the provider's failure");
            // A late tick of the idle watch finds nothing to end.
            clock.advance(IDLE.plusSeconds(1));
            assertEquals(0, tts.health().get(0).failedCalls());
        }
    }

    @Test
    void afterTheFirstChunkAvailableAsksTheProvider() throws Exception {
        byte[] tone = MockAudio.tone(PCM, Duration.ofMillis(400));
        StallingBody body = new StallingBody(tone);
        try (TtsClient tts = client(AudioCheckPolicy.DEFAULT, new RawStreamProvider("p", PCM, () -> body));
             AudioStream s = tts.stream(request(PCM))) {
            assertTrue(s.available() > 0, "the checked first chunk is there at once");
            s.readNBytes(tone.length);
            assertEquals(0, s.available(), "then only what the provider has");
        }
    }

    @Test
    void withAudioChecksOffASilentStreamIsDeliveredAsSent() throws IOException {
        byte[] silence = MockAudio.silence(PCM, Duration.ofMillis(600));
        try (TtsClient tts = client(AudioCheckPolicy.OFF, new RawStreamProvider("p", PCM, () -> new ByteArrayInputStream(silence)));
             AudioStream s = tts.stream(request(PCM))) {
            assertArrayEquals(silence, s.readAllBytes());
        }
    }

    @Test
    void aMuLawStreamIsProbedForSoundByteBySample() throws IOException {
        AudioFormat mulaw = AudioFormat.MULAW_8K;
        byte[] silentThenTone = concat(MockAudio.silence(mulaw, Duration.ofMillis(300)), MockAudio.tone(mulaw, Duration.ofMillis(600)));
        byte[] silent = MockAudio.silence(mulaw, Duration.ofMillis(2_000));
        try (TtsClient good = client(AudioCheckPolicy.DEFAULT, new RawStreamProvider("p", mulaw, () -> new ByteArrayInputStream(silentThenTone)));
             AudioStream s = good.stream(request(mulaw))) {
            assertArrayEquals(silentThenTone, s.readAllBytes());
        }
        try (TtsClient bad = client(AudioCheckPolicy.DEFAULT, new RawStreamProvider("p", mulaw, () -> new ByteArrayInputStream(silent)))) {
            assertEquals(ErrorCategory.BAD_AUDIO, assertThrows(dev.ttskit.TtsException.class, () -> bad.stream(request(mulaw))).category());
        }
    }

    @Test
    void aWavHeaderSentAloneAndChunksThatMerelyStartLikeDataAreReadPast() throws IOException {
        // A LIST chunk holding "d", "da" and "dat" before the real data chunk, and a first read that ends
        // right after the data chunk's header: no samples yet, so the probe reads on.
        byte[] pcm = MockAudio.tone(PCM, Duration.ofMillis(500));
        byte[] info = "dXdaXdatXX".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + 8 + info.length + 8 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(24_000).putInt(48_000).putShort((short) 2).putShort((short) 16);
        b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(info.length).put(info);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        byte[] wav = b.array();
        int headerEnd = wav.length - pcm.length;
        InputStream split = new ByteArrayInputStream(wav) {
            @Override
            public synchronized int read(byte[] into, int off, int len) {
                return super.read(into, off, pos < headerEnd ? Math.min(len, headerEnd - pos) : len);
            }
        };
        try (TtsClient tts = client(AudioCheckPolicy.DEFAULT, new RawStreamProvider("p", AudioFormat.WAV_PCM16_24K, () -> split));
             AudioStream s = tts.stream(request(AudioFormat.WAV_PCM16_24K))) {
            assertArrayEquals(wav, s.readAllBytes());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
