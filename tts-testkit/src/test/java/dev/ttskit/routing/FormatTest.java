package dev.ttskit.routing;

import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caller's format wins whoever answers. */
@ExtendWith(NoLeaks.class)
class FormatTest {
    private static ProviderCapabilities only(AudioFormat... formats) {
        return ProviderCapabilities.builder().formats(formats).build();
    }

    private static void assertWav24k(SpeechResult r) {
        assertEquals(AudioFormat.WAV_PCM16_24K, r.format());
        WavInfo info = WavCodec.readInfo(r.audioBytes());
        assertEquals(24_000, info.sampleRate());
        assertEquals(1, info.channels());
        assertEquals(16, info.bitsPerSample());
        assertTrue(Math.abs(r.duration().toMillis() - 300) <= 20, "duration kept: " + r.duration());
    }

    @Test
    void aFailoverChainYieldsOneFormatFromProvidersThatProduceDifferentOnes() {
        MockTtsProvider raw16k = MockTtsProvider.builder("raw16k").capabilities(only(AudioFormat.PCM16_16K))
                .then(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("raw16k").build())).build();
        MockTtsProvider wav22k = MockTtsProvider.builder("wav22k").capabilities(only(AudioFormat.WAV_PCM16_22K)).build();
        try (TtsClient tts = TtsClient.builder().provider(raw16k).provider(wav22k).retry(RetryPolicy.NONE).build()) {
            SpeechResult first = tts.synthesize(SpeechRequest.of("Hi."));
            assertEquals("wav22k", first.provider());
            assertWav24k(first);
            SpeechResult second = tts.synthesize(SpeechRequest.of("Hi."));
            assertEquals("raw16k", second.provider());
            assertWav24k(second);
            assertEquals(AudioFormat.PCM16_16K, raw16k.calls().get(1).request().format());
            assertEquals(AudioFormat.WAV_PCM16_22K, wav22k.calls().get(0).request().format());
        }
    }

    @Test
    void audioInAnotherFormatThanAskedIsConvertedToTheCallersFormat() {
        MockTtsProvider odd = MockTtsProvider.builder("odd").then(MockOutcome.audio(Duration.ofMillis(300), AudioFormat.WAV_PCM16_48K)).build();
        try (TtsClient tts = TtsClient.builder().provider(odd).build()) {
            assertWav24k(tts.synthesize(SpeechRequest.of("Hi.")));
        }
    }

    @Test
    void rawPcmIsUnwrappedFromWav() {
        MockTtsProvider wav = MockTtsProvider.builder("wav").capabilities(only(AudioFormat.WAV_PCM16_24K)).build();
        try (TtsClient tts = TtsClient.builder().provider(wav).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hi.").format(AudioFormat.PCM16_24K).build());
            assertEquals(AudioFormat.PCM16_24K, r.format());
            assertEquals(24_000 * 2 * 300 / 1000, r.size(), "raw samples, no header");
        }
    }

    @Test
    void mp3ComesOnlyFromAProviderThatProducesItNatively() {
        MockTtsProvider pcmOnly = MockTtsProvider.alwaysAudio("pcm");
        MockTtsProvider mp3 = MockTtsProvider.builder("mp3").capabilities(only(AudioFormat.MP3_44K_128)).build();
        try (TtsClient tts = TtsClient.builder().provider(pcmOnly).provider(mp3).build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hi.").format(AudioFormat.MP3_44K_128).build());
            assertEquals("mp3", r.provider());
            assertEquals(AudioFormat.MP3_44K_128, r.format());
            assertEquals(0, pcmOnly.callCount(), "skipped before any call");
        }
    }

    @Test
    void undecodableAudioIsBadAudioAndFailsOver() {
        MockTtsProvider broken = MockTtsProvider.builder("broken")
                .otherwise(MockOutcome.bytes("RIFF-not-really".getBytes(java.nio.charset.StandardCharsets.US_ASCII), AudioFormat.WAV_PCM16_24K)).build();
        MockTtsProvider good = MockTtsProvider.alwaysAudio("good");
        try (TtsClient tts = TtsClient.builder().provider(broken).provider(good).sleeper(d -> { }).build()) {
            assertEquals("good", tts.synthesize(SpeechRequest.of("Hi.")).provider());
            assertEquals(3, broken.callCount(), "bad audio is retried, then failed over");
        }
    }
}
