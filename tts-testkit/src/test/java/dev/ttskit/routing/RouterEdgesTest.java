package dev.ttskit.routing;

import dev.ttskit.AudioStream;
import dev.ttskit.LongSpeechResult;
import dev.ttskit.LongTextPolicy;
import dev.ttskit.ProgressListener;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router's less travelled paths, through the public client only. */
@ExtendWith(NoLeaks.class)
class RouterEdgesTest {
    private static final String LONG = "First sentence here. Second sentence here. Third sentence here. Fourth one.";

    private static byte[] mp3Frames(int n) {
        byte[] b = new byte[417 * n];
        for (int o = 0; o < b.length; o += 417) {
            b[o] = (byte) 0xFF; b[o + 1] = (byte) 0xFB; b[o + 2] = (byte) 0x90; b[o + 3] = (byte) 0xC4;
        }
        return b;
    }

    private static ProviderCapabilities small(AudioFormat... formats) {
        return MockTtsProvider.defaultCapabilities().toBuilder().formats(formats).maxChars(25).maxUtf8Bytes(100).build();
    }

    @Test
    void longTextAsMp3IsJoinedFrameByFrame() {
        // Enough frames per chunk to pass the audio checks (at least 4 ms per speakable character).
        byte[] frames = mp3Frames(20);
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(small(AudioFormat.MP3_44K_128))
                .otherwise(MockOutcome.bytes(frames, AudioFormat.MP3_44K_128)).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            LongSpeechResult r = tts.synthesizeLong(SpeechRequest.builder().text(LONG).format(AudioFormat.MP3_44K_128).build(),
                    ProgressListener.NONE);
            assertTrue(r.chunks() > 1, "split into chunks: " + r.chunks());
            assertEquals(frames.length * r.chunks(), r.result().audioBytes().length);
            assertEquals(AudioFormat.MP3_44K_128, r.result().format());
        }
    }

    @Test
    void longTextInAFormatThatCannotBeJoinedIsUnsupported() {
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(small(AudioFormat.OPUS_48K_64)).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build()) {
            assertThrows(UnsupportedRequestException.class, () -> tts.synthesizeLong(
                    SpeechRequest.builder().text(LONG).format(AudioFormat.OPUS_48K_64).build(), ProgressListener.NONE));
            assertEquals(0, p.callCount());
        }
    }

    @Test
    void aFailedChunkFailsTheJobUnlessSilenceIsAllowed() {
        TtsException down = ProviderUnavailableException.builder("HTTP 503").provider("p").build();
        MockTtsProvider failing = MockTtsProvider.builder("p").capabilities(small(AudioFormat.WAV_PCM16_24K))
                .then(MockOutcome.error(down)).otherwise(MockOutcome.audio(Duration.ofMillis(200))).build();
        try (TtsClient tts = TtsClient.builder().provider(failing).retry(RetryPolicy.NONE)
                .longText(LongTextPolicy.builder().parallelism(1).build()).build()) {
            assertThrows(TtsException.class, () -> tts.synthesizeLong(SpeechRequest.of(LONG), ProgressListener.NONE));
        }
        MockTtsProvider once = MockTtsProvider.builder("p").capabilities(small(AudioFormat.WAV_PCM16_24K))
                .then(MockOutcome.error(down)).otherwise(MockOutcome.audio(Duration.ofMillis(200))).build();
        try (TtsClient tts = TtsClient.builder().provider(once).retry(RetryPolicy.NONE)
                .longText(LongTextPolicy.builder().parallelism(1).silenceFailedChunks(true).build()).build()) {
            LongSpeechResult r = tts.synthesizeLong(SpeechRequest.of(LONG), ProgressListener.NONE);
            assertEquals(1, r.failedChunks().size(), r.failedChunks().toString());
            assertEquals(24_000, WavCodec.readInfo(r.result().audioBytes()).sampleRate());
        }
        MockTtsProvider never = MockTtsProvider.builder("p").capabilities(small(AudioFormat.WAV_PCM16_24K))
                .otherwise(MockOutcome.error(down)).build();
        try (TtsClient tts = TtsClient.builder().provider(never).retry(RetryPolicy.NONE)
                .longText(LongTextPolicy.builder().silenceFailedChunks(true).build()).build()) {
            assertThrows(TtsException.class, () -> tts.synthesizeLong(SpeechRequest.of(LONG), ProgressListener.NONE),
                    "all chunks failed: silence is no answer");
        }
    }

    @Test
    void rawPcmFromTheProviderIsWrappedWhenWavWasAskedForWhileStreaming() throws IOException {
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(MockTtsProvider.defaultCapabilities().toBuilder()
                .formats(AudioFormat.PCM16_24K).build()).otherwise(MockOutcome.chunked(3, Duration.ofMillis(100), Duration.ZERO)).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text("Hi there.").format(AudioFormat.WAV_PCM16_24K).build())) {
            int first = s.read();
            assertEquals('R', first);
            byte[] rest = s.readAllBytes();
            assertEquals(-1, s.read());
            assertEquals("IFF", new String(rest, 0, 3, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    @Test
    void theSingleByteReadOfARoutedStreamMatchesTheBulkRead() throws IOException {
        byte[] pcm = new byte[4_800];
        for (int i = 0; i < pcm.length; i++) pcm[i] = (byte) (i * 7);
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(MockTtsProvider.defaultCapabilities().toBuilder()
                .formats(AudioFormat.PCM16_24K).build()).otherwise(MockOutcome.bytes(pcm, AudioFormat.PCM16_24K)).build();
        try (TtsClient tts = TtsClient.builder().provider(p).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text("Hi there.").format(AudioFormat.PCM16_24K).build())) {
            byte[] got = new byte[pcm.length];
            for (int i = 0; i < got.length; i++) got[i] = (byte) s.read();
            assertArrayEquals(pcm, got);
            assertEquals(-1, s.read());
        }
    }
    /** A provider that breaks the contract by answering null instead of a result, a stream or an exception. */
    private static final class NullAnswer implements dev.ttskit.spi.TtsProvider {
        private final boolean honoursDeadline;

        NullAnswer(boolean honoursDeadline) {
            this.honoursDeadline = honoursDeadline;
        }

        @Override
        public String id() {
            return "null";
        }

        @Override
        public ProviderCapabilities capabilities() {
            return MockTtsProvider.defaultCapabilities().toBuilder().honoursDeadline(honoursDeadline).build();
        }

        @Override
        @SuppressWarnings("NullAway")
        public dev.ttskit.SpeechResult synthesize(dev.ttskit.spi.ProviderRequest request, dev.ttskit.spi.CallContext ctx) {
            return null;
        }

        @Override
        @SuppressWarnings("NullAway")
        public AudioStream stream(dev.ttskit.spi.ProviderRequest request, dev.ttskit.spi.CallContext ctx) {
            return null;
        }

        @Override
        public java.util.List<dev.ttskit.Voice> voices(dev.ttskit.spi.CallContext ctx) {
            return java.util.List.of();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aProviderAnsweringNullIsThatProvidersFailureAndTheNextOneSpeaks() {
        for (boolean onCallersThread : new boolean[] {false, true}) {
            String where = "on the caller's thread: " + onCallersThread;
            try (TtsClient alone = TtsClient.builder().provider(new NullAnswer(onCallersThread)).retry(RetryPolicy.NONE)
                    .timeout(Duration.ofSeconds(10)).build()) {
                TtsException e = assertThrows(TtsException.class, () -> alone.synthesize(SpeechRequest.of("Hello there, this is the text.")));
                TtsException attempt = e instanceof dev.ttskit.AllProvidersFailedException all ? all.attempts().get(0) : e;
                assertTrue(attempt instanceof ProviderUnavailableException && attempt.getMessage().contains("no result"),
                        where + ": " + attempt);
                TtsException streamed = assertThrows(TtsException.class, () -> alone.stream(SpeechRequest.of("Hello there, this is the text.")));
                attempt = streamed instanceof dev.ttskit.AllProvidersFailedException all ? all.attempts().get(0) : streamed;
                assertTrue(attempt instanceof ProviderUnavailableException && attempt.getMessage().contains("no result"),
                        where + ", streamed: " + attempt);
            }
            MockTtsProvider backup = MockTtsProvider.alwaysAudio("backup");
            try (TtsClient tts = TtsClient.builder().provider(new NullAnswer(onCallersThread)).provider(backup)
                    .retry(RetryPolicy.NONE).timeout(Duration.ofSeconds(10)).build()) {
                assertEquals("backup", tts.synthesize(SpeechRequest.of("Hello there, this is the text.")).provider(), where);
            }
        }
    }
}
