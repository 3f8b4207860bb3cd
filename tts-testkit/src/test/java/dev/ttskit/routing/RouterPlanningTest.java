package dev.ttskit.routing;

import dev.ttskit.AudioStream;
import dev.ttskit.ErrorCategory;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which provider is asked, for what, and what a first chunk must look like: through the client only. */
@ExtendWith(NoLeaks.class)
class RouterPlanningTest {
    private static ProviderCapabilities caps(ProviderCapabilities.Builder b) {
        return b.build();
    }

    private static TtsException rootOf(TtsException e) {
        return e.getSuppressed().length > 0 && e.getSuppressed()[0] instanceof TtsException t ? t : e;
    }

    @Test
    void aProviderWithoutTheLanguageIsSkipped() {
        MockTtsProvider english = MockTtsProvider.builder("english")
                .capabilities(caps(MockTtsProvider.defaultCapabilities().toBuilder().languages("en"))).build();
        MockTtsProvider any = MockTtsProvider.alwaysAudio("any");
        try (TtsClient tts = TtsClient.builder().provider(english).provider(any).build()) {
            assertEquals("any", tts.synthesize(SpeechRequest.builder().text("Hallo.").language("de").build()).provider());
            assertEquals(0, english.callCount());
        }
    }

    @Test
    void aVoiceMappedToAReferenceSkipsProvidersThatCannotClone() {
        MockTtsProvider plain = MockTtsProvider.builder("plain")
                .capabilities(caps(MockTtsProvider.defaultCapabilities().toBuilder().voiceCloning(false))).build();
        MockTtsProvider cloning = MockTtsProvider.alwaysAudio("cloning");
        try (TtsClient tts = TtsClient.builder().provider(plain).provider(cloning)
                .voice("narrator", v -> v.on("plain", Path.of("narrator.wav")).on("cloning", Path.of("narrator.wav"))).build()) {
            assertEquals("cloning", tts.synthesize(SpeechRequest.builder().text("Hi.").voice("narrator").build()).provider());
            assertEquals(0, plain.callCount());
        }
    }

    @Test
    void aWavStreamThatDoesNotStartWithAWavHeaderIsBadAudio() {
        byte[] notWav = "RIFX\u0000\u0000\u0000\u0000WAVEfmt this is not a header at all, just text".getBytes(StandardCharsets.ISO_8859_1);
        MockTtsProvider p = MockTtsProvider.builder("p")
                .capabilities(caps(MockTtsProvider.defaultCapabilities().toBuilder().formats(AudioFormat.WAV_PCM16_24K)))
                .otherwise(MockOutcome.bytes(notWav, AudioFormat.WAV_PCM16_24K)).build();
        try (TtsClient tts = TtsClient.builder().provider(p).retry(RetryPolicy.NONE).build()) {
            TtsException e = assertThrows(TtsException.class,
                    () -> tts.stream(SpeechRequest.builder().text("Hi.").format(AudioFormat.WAV_PCM16_24K).build()).close());
            assertEquals(ErrorCategory.BAD_AUDIO, rootOf(e).category(), e.toString());
        }
    }

    @Test
    void anRf64HeaderIsAWavHeader() throws IOException {
        byte[] wav = WavCodec.encode(dev.ttskit.audio.PcmAudio.of(tone(2_400), 24_000, 1));
        byte[] rf64 = wav.clone();
        System.arraycopy("RF64".getBytes(StandardCharsets.US_ASCII), 0, rf64, 0, 4);
        MockTtsProvider p = MockTtsProvider.builder("p")
                .capabilities(caps(MockTtsProvider.defaultCapabilities().toBuilder().formats(AudioFormat.WAV_PCM16_24K)))
                .otherwise(MockOutcome.bytes(rf64, AudioFormat.WAV_PCM16_24K)).build();
        try (TtsClient tts = TtsClient.builder().provider(p).retry(RetryPolicy.NONE).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text("Hi.").format(AudioFormat.WAV_PCM16_24K).build())) {
            assertTrue(s.available() >= 0);
            InputStream in = s;
            assertEquals('R', in.read());
            assertEquals(rf64.length - 1, in.readAllBytes().length);
        }
    }

    @Test
    void compressedAudioInAnotherFormatThanAskedIsBadAudio() {
        byte[] mp3 = new byte[417 * 3];
        for (int o = 0; o < mp3.length; o += 417) {
            mp3[o] = (byte) 0xFF; mp3[o + 1] = (byte) 0xFB; mp3[o + 2] = (byte) 0x90; mp3[o + 3] = (byte) 0xC4;
        }
        MockTtsProvider p = MockTtsProvider.builder("p")
                .capabilities(caps(MockTtsProvider.defaultCapabilities().toBuilder().formats(AudioFormat.MP3_44K_64, AudioFormat.MP3_44K_128)))
                .otherwise(MockOutcome.bytes(mp3, AudioFormat.MP3_44K_128)).build();
        try (TtsClient tts = TtsClient.builder().provider(p).retry(RetryPolicy.NONE).build()) {
            TtsException e = assertThrows(TtsException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text("Hi.").format(AudioFormat.MP3_44K_64).build()));
            assertEquals(ErrorCategory.BAD_AUDIO, rootOf(e).category(), e.toString());
        }
    }

    private static float[] tone(int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) s[i] = (float) Math.sin(i * 0.1) * 0.5f;
        return s;
    }

    @Test
    void silentAudioIsBadAudio() {
        MockTtsProvider p = MockTtsProvider.builder("p").otherwise(MockOutcome.silence(Duration.ofMillis(500))).build();
        try (TtsClient tts = TtsClient.builder().provider(p).retry(RetryPolicy.NONE).build()) {
            TtsException e = assertThrows(TtsException.class, () -> tts.synthesize(SpeechRequest.of("Hello there.")));
            assertEquals(ErrorCategory.BAD_AUDIO, rootOf(e).category(), e.toString());
        }
    }
}
