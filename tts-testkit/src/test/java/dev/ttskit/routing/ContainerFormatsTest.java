package dev.ttskit.routing;

import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.LongTextPolicy;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AAC, FLAC, Ogg Vorbis and Ogg Opus through the router: requested and delivered as the provider made them,
 * judged by the duration their headers state, never converted, and refused where they cannot go.
 */
@ExtendWith(NoLeaks.class)
class ContainerFormatsTest {
    private static final String SENTENCE = "This sentence has sixty characters or so, said at a pace.";

    private final ManualClock clock = new ManualClock();

    private TtsClient.Builder client(MockTtsProvider... providers) {
        TtsClient.Builder b = TtsClient.builder().clock(clock).sleeper(new ManualSleeper(clock)).retry(RetryPolicy.NONE);
        for (MockTtsProvider p : providers) b.provider(p);
        return b;
    }

    private static ProviderCapabilities only(AudioFormat... formats) {
        return MockTtsProvider.defaultCapabilities().toBuilder().formats(formats).streaming(true).build();
    }

    @Test
    void eachIsDeliveredByteExactAndTooShortAudioFailsOver() {
        for (AudioFormat f : new AudioFormat[] {AudioFormat.AAC_24K, AudioFormat.FLAC_24K, AudioFormat.OGG_VORBIS_22K, AudioFormat.OPUS_48K_64}) {
            byte[] tooShort = MockAudio.tone(f, Duration.ofMillis(100));
            byte[] enough = MockAudio.tone(f, Duration.ofSeconds(4));
            MockTtsProvider a = MockTtsProvider.builder("a").capabilities(only(f)).otherwise(MockOutcome.bytes(tooShort, f)).build();
            MockTtsProvider b = MockTtsProvider.builder("b").capabilities(only(f)).otherwise(MockOutcome.bytes(enough, f)).build();
            try (TtsClient tts = client(a, b).build()) {
                SpeechResult r = tts.synthesize(SpeechRequest.builder().text(SENTENCE).format(f).build());
                assertEquals("b", r.provider(), f + ": 100 ms is too short for the sentence");
                assertArrayEquals(enough, r.audioBytes(), f + " is delivered as made");
                assertEquals(f, r.format());
                assertTrue(r.duration().compareTo(Duration.ofSeconds(4)) >= 0 && r.duration().compareTo(Duration.ofMillis(4100)) < 0,
                        f + " duration from its headers: " + r.duration());
            }
        }
    }

    @Test
    void bytesThatAreNotTheContainerAreBadAudio() {
        byte[] junk = new byte[3000];
        Arrays.fill(junk, (byte) 0x55);
        MockTtsProvider a = MockTtsProvider.builder("a").capabilities(only(AudioFormat.FLAC_24K))
                .otherwise(MockOutcome.bytes(junk, AudioFormat.FLAC_24K)).build();
        try (TtsClient tts = client(a).build()) {
            AudioFormatException e = assertThrows(AudioFormatException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text(SENTENCE).format(AudioFormat.FLAC_24K).build()));
            assertTrue(e.getMessage().contains("not valid flac_24000") && e.getMessage().contains("fLaC"), e.getMessage());
        }
    }

    @Test
    void aFlacThatStatesNoLengthIsDeliveredUnmeasured() {
        byte[] flac = MockAudio.tone(AudioFormat.FLAC_24K, Duration.ofSeconds(3));
        flac[4 + 4 + 13] &= (byte) 0xF0;                     // total samples 0: "unknown", as a streaming encoder leaves it
        Arrays.fill(flac, 4 + 4 + 14, 4 + 4 + 18, (byte) 0);
        MockTtsProvider a = MockTtsProvider.builder("a").capabilities(only(AudioFormat.FLAC_24K))
                .otherwise(MockOutcome.bytes(flac, AudioFormat.FLAC_24K)).build();
        try (TtsClient tts = client(a).build()) {
            assertArrayEquals(flac, tts.synthesize(SpeechRequest.builder().text(SENTENCE).format(AudioFormat.FLAC_24K).build()).audioBytes());
        }
    }

    @Test
    void theyStreamAsIs() throws IOException {
        byte[] aac = MockAudio.tone(AudioFormat.AAC_24K, Duration.ofSeconds(3));
        MockTtsProvider a = MockTtsProvider.builder("a").capabilities(only(AudioFormat.AAC_24K))
                .otherwise(MockOutcome.bytes(aac, AudioFormat.AAC_24K)).build();
        try (TtsClient tts = client(a).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text(SENTENCE).format(AudioFormat.AAC_24K).build())) {
            assertEquals(AudioFormat.AAC_24K, s.format());
            assertArrayEquals(aac, s.readAllBytes());
        }
    }

    @Test
    void noConversionToThemOrFromThem() {
        MockTtsProvider pcmOnly = MockTtsProvider.builder("pcm").capabilities(only(AudioFormat.PCM16_24K)).build();
        try (TtsClient tts = client(pcmOnly).build()) {
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text(SENTENCE).format(AudioFormat.FLAC_24K).build()));
            assertTrue(e.getMessage().contains("flac_24000"), e.getMessage());
        }
        MockTtsProvider flacOnly = MockTtsProvider.builder("flac").capabilities(only(AudioFormat.FLAC_24K)).build();
        try (TtsClient tts = client(flacOnly).build()) {
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                    () -> tts.synthesize(SpeechRequest.builder().text(SENTENCE).format(AudioFormat.WAV_PCM16_24K).build()));
            assertTrue(e.getMessage().contains("wav_24000"), e.getMessage());
        }
    }

    @Test
    void longTextCannotJoinThemAndSaysSo() {
        MockTtsProvider oggOnly = MockTtsProvider.builder("ogg").capabilities(only(AudioFormat.OGG_VORBIS_22K)).build();
        try (TtsClient tts = client(oggOnly).longText(LongTextPolicy.DEFAULT).build()) {
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                    () -> tts.synthesizeLong(SpeechRequest.builder().text(SENTENCE).format(AudioFormat.OGG_VORBIS_22K).build(),
                            dev.ttskit.ProgressListener.NONE));
            assertTrue(e.getMessage().contains("vorbis_22050"), e.getMessage());
        }
    }
}
