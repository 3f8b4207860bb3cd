package dev.ttskit.routing;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.AudioCheckPolicy;
import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.ErrorCategory;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Audio that makes sense: energy over time, duration against the text, MP3 included, streams' starts too. */
@ExtendWith(NoLeaks.class)
class AudioChecksTest {
    private static final String SENTENCE = "This sentence has sixty characters or so, said at a pace.";
    private static final AudioFormat PCM = AudioFormat.PCM16_24K;

    private final ManualClock clock = new ManualClock();

    private TtsClient.Builder client(MockTtsProvider... providers) {
        TtsClient.Builder b = TtsClient.builder().clock(clock).sleeper(new ManualSleeper(clock)).retry(RetryPolicy.NONE);
        for (MockTtsProvider p : providers) b.provider(p);
        return b;
    }

    /** One second of digital silence with a single full-scale click in the middle. */
    private static byte[] silenceWithAClick() {
        byte[] pcm = MockAudio.silence(PCM, Duration.ofSeconds(1));
        int mid = pcm.length / 2 & ~1;
        pcm[mid] = (byte) 0xFF;
        pcm[mid + 1] = (byte) 0x7F;
        return pcm;
    }

    private static TtsException failureOf(TtsClient tts, SpeechRequest request, String provider) {
        AllProvidersFailedException all = assertThrows(AllProvidersFailedException.class, () -> tts.synthesize(request));
        return all.attempts().stream().filter(f -> f.provider().orElse("").equals(provider)).findFirst().orElseThrow();
    }

    @Test
    void aSecondOfSilenceWithOneClickIsBadAudioAndFailsOver() {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.bytes(silenceWithAClick(), PCM)).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        SpeechRequest hi = SpeechRequest.builder().text("Hi.").format(PCM).build();
        try (TtsClient tts = client(a, b).build()) {
            SpeechResult r = tts.synthesize(hi);
            assertEquals("b", r.provider());
            assertEquals(ErrorCategory.BAD_AUDIO, tts.health().get(0).lastErrorCategory().orElseThrow());
        }
        MockTtsProvider only = MockTtsProvider.builder("a").otherwise(MockOutcome.bytes(silenceWithAClick(), PCM)).build();
        try (TtsClient tts = client(only).build()) {
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> tts.synthesize(hi));
            assertEquals("a", e.provider().orElseThrow());
            assertTrue(e.getMessage().contains("silent audio") && e.getMessage().contains("frames above"), e.getMessage());
        }
    }

    @Test
    void audioTooShortForItsTextIsBadAudio() {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.audio(Duration.ofMillis(40))).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        SpeechRequest sentence = SpeechRequest.builder().text(SENTENCE).format(PCM).build();
        try (TtsClient tts = client(a, b).build()) {
            assertEquals("b", tts.synthesize(sentence).provider());
        }
        try (TtsClient tts = client(MockTtsProvider.builder("a").otherwise(MockOutcome.audio(Duration.ofMillis(40))).build(),
                MockTtsProvider.builder("c").otherwise(MockOutcome.audio(Duration.ofMillis(40))).build()).build()) {
            TtsException e = failureOf(tts, sentence, "a");
            assertInstanceOf(AudioFormatException.class, e);
            assertTrue(e.getMessage().contains("40 ms of audio for") && e.getMessage().contains("speakable characters"), e.getMessage());
        }
    }

    @Test
    void anMp3IsJudgedByTheDurationOfItsFrames() {
        AudioFormat mp3 = AudioFormat.MP3_44K_128;
        var caps = MockTtsProvider.defaultCapabilities().toBuilder().formats(mp3).build();
        SpeechRequest sentence = SpeechRequest.builder().text(SENTENCE).format(mp3).build();
        MockTtsProvider shortOne = MockTtsProvider.builder("a").capabilities(caps).otherwise(MockOutcome.bytes(mp3Frames(2), mp3)).build();
        MockTtsProvider longOne = MockTtsProvider.builder("b").capabilities(caps).otherwise(MockOutcome.bytes(mp3Frames(60), mp3)).build();
        try (TtsClient tts = client(shortOne, longOne).build()) {
            SpeechResult r = tts.synthesize(sentence);
            assertEquals("b", r.provider(), "two frames (52 ms) are too short for the sentence; sixty (1.6 s) are not");
            assertArrayEquals(mp3Frames(60), r.audioBytes(), "MP3 is delivered as the provider sent it");
        }
        MockTtsProvider garbage = MockTtsProvider.builder("a").capabilities(caps).otherwise(MockOutcome.bytes(new byte[4000], mp3)).build();
        try (TtsClient tts = client(garbage).build()) {
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> tts.synthesize(sentence));
            assertTrue(e.getMessage().contains("without a single MPEG frame"), e.getMessage());
        }
    }

    /** MPEG-1 layer III frames, 44.1 kHz, 128 kbit/s (417 bytes, 1152 samples each), zero payload. */
    private static byte[] mp3Frames(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] frame = new byte[417];
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB;
            frame[2] = (byte) 0x90;
            frame[3] = (byte) 0x00;
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    @Test
    void checksCanBeTunedOrTurnedOff() {
        SpeechRequest hi = SpeechRequest.builder().text("Hi.").format(PCM).build();
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.bytes(silenceWithAClick(), PCM)).build();
        try (TtsClient tts = client(a).audioChecks(AudioCheckPolicy.OFF).build()) {
            assertEquals("a", tts.synthesize(hi).provider(), "off: only empty audio is refused");
        }
        MockTtsProvider again = MockTtsProvider.builder("a").otherwise(MockOutcome.bytes(silenceWithAClick(), PCM)).build();
        try (TtsClient tts = client(again).audioChecks(AudioCheckPolicy.builder().minActiveFraction(0.01).build()).build()) {
            assertEquals("a", tts.synthesize(hi).provider(), "one active frame in fifty passes a 1 % threshold");
        }
        MockTtsProvider empty = MockTtsProvider.builder("a").otherwise(MockOutcome.bytes(new byte[0], PCM)).build();
        try (TtsClient tts = client(empty).audioChecks(AudioCheckPolicy.OFF).build()) {
            assertThrows(AudioFormatException.class, () -> tts.synthesize(hi));
        }
    }

    @Test
    void impossibleBoundsFailAtBuildTime() {
        IllegalArgumentException floor = assertThrows(IllegalArgumentException.class, () -> AudioCheckPolicy.builder().frameFloorDbfs(3));
        assertTrue(floor.getMessage().contains("frameFloorDbfs") && floor.getMessage().contains("3.0"), floor.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> AudioCheckPolicy.builder().minActiveFraction(1.5));
        assertTrue(fraction.getMessage().contains("minActiveFraction") && fraction.getMessage().contains("1.5"), fraction.getMessage());
        IllegalArgumentException never = assertThrows(IllegalArgumentException.class,
                () -> AudioCheckPolicy.builder().frameFloorDbfs(0).build());
        assertTrue(never.getMessage().contains("frameFloorDbfs 0.0"), never.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AudioCheckPolicy.builder().minDurationPerChar(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> AudioCheckPolicy.builder().streamProbe(Duration.ofMillis(5)));
    }

    @Test
    void aStreamOfSilenceFailsOverBeforeItsFirstByte() throws IOException {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.silence(Duration.ofSeconds(2))).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(a, b).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text("Hello there.").format(PCM).build())) {
            assertEquals("b", s.provider());
            assertTrue(s.readAllBytes().length > 0);
        }
        try (TtsClient tts = client(MockTtsProvider.builder("a").otherwise(MockOutcome.silence(Duration.ofMillis(300))).build()).build()) {
            AudioFormatException e = assertThrows(AudioFormatException.class,
                    () -> tts.stream(SpeechRequest.builder().text("Hello there.").format(AudioFormat.WAV_PCM16_24K).build()).close());
            assertTrue(e.getMessage().contains("ended without sound"), e.getMessage());
        }
    }

    @Test
    void aStreamStartingWithShortSilenceIsDeliveredWhole() throws IOException {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        audio.writeBytes(MockAudio.silence(PCM, Duration.ofMillis(400)));
        audio.writeBytes(MockAudio.tone(PCM, Duration.ofMillis(600)));
        byte[] expected = audio.toByteArray();
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.bytes(expected, PCM)).build();
        try (TtsClient tts = client(a).build(); AudioStream s = tts.stream(SpeechRequest.builder().text("Hello there.").format(PCM).build())) {
            assertArrayEquals(expected, s.readAllBytes(), "every byte, in order, the probed ones included");
        }
        byte[] wav = WavCodec.encode(dev.ttskit.audio.PcmAudio.fromPcm16(expected, 24_000, 1));
        MockTtsProvider w = MockTtsProvider.builder("w").otherwise(MockOutcome.bytes(wav, AudioFormat.WAV_PCM16_24K)).build();
        try (TtsClient tts = client(w).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text("Hello there.").format(AudioFormat.WAV_PCM16_24K).build())) {
            assertArrayEquals(wav, s.readAllBytes());
        }
    }
}
