package dev.ttskit.routing;

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
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streams as providers really send them: odd WAV layouts, silent starts, reads of nothing, raw I/O failures. */
@ExtendWith(NoLeaks.class)
class RoutedStreamEdgesTest {
    private static final int RATE = 24_000;
    private static final String TEXT = "Hello there.";

    private final ManualClock clock = new ManualClock();

    /** A provider whose streams are whatever the test's input stream does. */
    private static final class RawStreamProvider implements TtsProvider {
        private final String id;
        private final AudioFormat format;
        private final Supplier<InputStream> body;

        RawStreamProvider(String id, AudioFormat format, Supplier<InputStream> body) {
            this.id = id;
            this.format = format;
            this.body = body;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ProviderCapabilities capabilities() {
            return MockTtsProvider.defaultCapabilities();
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

    private TtsClient client(TtsProvider... providers) {
        TtsClient.Builder b = TtsClient.builder().clock(clock).sleeper(new ManualSleeper(clock)).retry(RetryPolicy.NONE);
        for (TtsProvider p : providers) b.provider(p);
        return b.build();
    }

    private static SpeechRequest request(AudioFormat format) {
        return SpeechRequest.builder().text(TEXT).format(format).build();
    }

    /** PCM16 mono: {@code silentSeconds} of silence, then {@code toneSeconds} of a loud 440 Hz tone. */
    private static byte[] pcm(double silentSeconds, double toneSeconds) {
        int silent = (int) (silentSeconds * RATE);
        int total = silent + (int) (toneSeconds * RATE);
        ByteBuffer b = ByteBuffer.allocate(total * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < total; i++) {
            b.putShort(i < silent ? 0 : (short) (12_000 * Math.sin(2 * Math.PI * 440 * i / RATE)));
        }
        return b.array();
    }

    /** A WAV with the given magic ("RIFF" or "RF64") and a LIST chunk before its data. */
    private static byte[] wav(String magic, byte[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + 16 + 8 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(magic.getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
        b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(8).put("INFOISFT".getBytes(StandardCharsets.US_ASCII));
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        return b.array();
    }

    /** Answers every other read with nothing, as a non-blocking source may. */
    private static InputStream stuttering(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            private boolean skip;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                skip = !skip;
                if (skip && len > 0) return 0;
                return super.read(b, off, Math.min(len, 4096));
            }
        };
    }

    /** Sends {@code bytes}, then fails the next read with {@code failure}. */
    private static InputStream failingAfter(byte[] bytes, Exception failure) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= bytes.length) {
                    if (failure instanceof IOException io) throw io;
                    throw (RuntimeException) failure;
                }
                int n = Math.min(len, Math.min(4096, bytes.length - pos));
                System.arraycopy(bytes, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Test
    void aWavThatStartsSilentWithAListChunkIsProbedFurtherAndDeliveredWhole() throws IOException {
        byte[] source = wav("RIFF", pcm(0.3, 1.0));
        try (TtsClient tts = client(new RawStreamProvider("a", AudioFormat.WAV_PCM16_24K, () -> stuttering(source)));
             AudioStream s = tts.stream(request(AudioFormat.WAV_PCM16_24K))) {
            assertEquals("a", s.provider(), "the silence at the start is not a silent stream: sound follows within the probe");
            assertTrue(s.available() > 0, "what the probe read is available at once");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int c = s.read(); c >= 0; c = s.read()) out.write(c);
            assertArrayEquals(source, out.toByteArray(), "byte for byte what the provider sent");
        }
    }

    @Test
    void anRf64StreamIsAWavStream() throws IOException {
        byte[] source = wav("RF64", pcm(0, 1.0));
        try (TtsClient tts = client(new RawStreamProvider("a", AudioFormat.WAV_PCM16_24K, () -> new ByteArrayInputStream(source)));
             AudioStream s = tts.stream(request(AudioFormat.WAV_PCM16_24K))) {
            assertArrayEquals(source, s.readAllBytes());
        }
    }

    @Test
    void aWavWhoseDataNeverComesWithinTheProbeIsSilentAndFailsOver() throws IOException {
        // A header that names no data chunk in the probe's reach: nothing to judge, so nothing sounds.
        byte[] header = wav("RIFF", new byte[0]);
        byte[] noData = new byte[header.length - 8 + 200_000];
        System.arraycopy(header, 0, noData, 0, header.length - 8);
        try (TtsClient tts = client(new RawStreamProvider("a", AudioFormat.WAV_PCM16_24K, () -> new ByteArrayInputStream(noData)),
                new RawStreamProvider("b", AudioFormat.WAV_PCM16_24K, () -> new ByteArrayInputStream(wav("RIFF", pcm(0, 1.0)))));
             AudioStream s = tts.stream(request(AudioFormat.WAV_PCM16_24K))) {
            assertEquals("b", s.provider());
            assertEquals(ErrorCategory.BAD_AUDIO, tts.health().get(0).lastErrorCategory().orElseThrow());
            s.readAllBytes();
        }
    }

    @Test
    void aRawIoFailureAfterTheFirstByteIsAStreamInterruptionNamingIt() throws IOException {
        byte[] first = pcm(0, 1.0);
        try (TtsClient tts = client(new RawStreamProvider("a", AudioFormat.PCM16_24K,
                () -> failingAfter(first, new IOException("connection reset by peer"))));
             AudioStream s = tts.stream(request(AudioFormat.PCM16_24K))) {
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            StreamInterruptedException interrupted = assertInstanceOf(StreamInterruptedException.class, e.getCause());
            assertTrue(interrupted.getMessage().contains("IOException"), interrupted.getMessage());
            assertEquals("a", interrupted.provider().orElseThrow());
            assertEquals("a-req", interrupted.requestId().orElseThrow());
            assertInstanceOf(IOException.class, interrupted.getCause());
        }
    }

    @Test
    void aTypedFailureWrappedInAnIoExceptionKeepsItsCategory() throws IOException {
        byte[] first = pcm(0, 1.0);
        IOException wrapped = new IOException("read timed out", TtsTimeoutException.builder("no byte").provider("a").build());
        try (TtsClient tts = client(new RawStreamProvider("a", AudioFormat.PCM16_24K, () -> failingAfter(first, wrapped)));
             AudioStream s = tts.stream(request(AudioFormat.PCM16_24K))) {
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            StreamInterruptedException interrupted = assertInstanceOf(StreamInterruptedException.class, e.getCause());
            assertTrue(interrupted.getMessage().contains("TIMEOUT"), interrupted.getMessage());
        }
    }

    @Test
    void aProviderBugMidStreamIsAStreamInterruptionToo() throws IOException {
        byte[] first = pcm(0, 1.0);
        try (TtsClient tts = client(new RawStreamProvider("a", AudioFormat.PCM16_24K,
                () -> failingAfter(first, new IllegalStateException("decoder state lost"))));
             AudioStream s = tts.stream(request(AudioFormat.PCM16_24K))) {
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            StreamInterruptedException interrupted = assertInstanceOf(StreamInterruptedException.class, e.getCause());
            assertTrue(interrupted.getMessage().contains("IllegalStateException"), interrupted.getMessage());
        }
    }

    @Test
    void aRawIoFailureBeforeTheFirstByteFailsOverAsUnavailable() throws IOException {
        try (TtsClient tts = client(new RawStreamProvider("a", AudioFormat.PCM16_24K, () -> failingAfter(new byte[0], new IOException("refused"))),
                new RawStreamProvider("b", AudioFormat.PCM16_24K, () -> new ByteArrayInputStream(pcm(0, 1.0))));
             AudioStream s = tts.stream(request(AudioFormat.PCM16_24K))) {
            assertEquals("b", s.provider());
            assertEquals(ErrorCategory.UNAVAILABLE, tts.health().get(0).lastErrorCategory().orElseThrow());
            assertEquals(pcm(0, 1.0).length, s.readAllBytes().length);
        }
    }
}
