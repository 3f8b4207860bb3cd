package dev.ttskit.examples;

import dev.ttskit.LongSpeechResult;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioAnalysis;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.marytts.MaryTtsProvider;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs each example that needs no network, the way a reader would. */
@ExtendWith(NoLeaks.class)
class ExamplesTest {
    @TempDir
    Path dir;

    @Test
    void quickstartWritesSpeech() throws IOException {
        Path out = dir.resolve("q.wav");
        SpeechResult r = Quickstart.speak(out);
        assertEquals("marytts", r.provider());
        PcmAudio pcm = WavCodec.decode(Files.readAllBytes(out));
        assertEquals(24_000, pcm.sampleRate());
        assertTrue(AudioAnalysis.rms(pcm) > 0.02);
    }

    @Test
    void failoverChainEndsWithTheEmbeddedVoice() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SpeechResult r;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            r = FailoverChain.run(out);
        }
        assertEquals("marytts", r.provider());
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("failover: primary -> marytts (UNAVAILABLE)"), text);
        assertTrue(text.contains("primary ") && text.contains("marytts "), "health of both providers: " + text);
    }

    @Test
    void streamToFileWritesRawPcm() throws IOException {
        Path out = dir.resolve("s.pcm");
        try (TtsClient tts = TtsClient.builder().provider(MaryTtsProvider.create()).build()) {
            long bytes = StreamToFile.stream(tts, out);
            assertEquals(bytes, Files.size(out));
            assertTrue(AudioAnalysis.rms(PcmAudio.fromPcm16(Files.readAllBytes(out), 16_000, 1)) > 0.02);
        }
    }

    @Test
    void longTextReportsProgressToExactlyOneHundred() throws IOException {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        // A mock that takes 200 characters at a time keeps the test quick: ~80 characters per sentence,
        // so ten sentences need four or five chunks.
        // Each chunk answers with two seconds of tone: the router refuses audio too short for its text.
        MockTtsProvider mock = MockTtsProvider.builder("mock")
                .capabilities(MockTtsProvider.defaultCapabilities().toBuilder().maxChars(200).build())
                .otherwise(dev.ttskit.testkit.MockOutcome.audio(java.time.Duration.ofSeconds(2))).build();
        try (TtsClient tts = TtsClient.builder().provider(mock).build()) {
            LongSpeechResult r = LongTextWithProgress.speak(tts, LongTextWithProgress.sampleText(10), dir.resolve("l.wav"),
                    (percent, done, total) -> seen.add(percent));
            assertTrue(r.chunks() >= 4, "chunks: " + r.chunks());
            assertEquals(r.chunks(), mock.callCount(), "one call per chunk");
            assertTrue(r.complete());
            assertEquals(100, seen.get(seen.size() - 1));
            for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i) >= seen.get(i - 1), "monotonic: " + seen);
            assertEquals(22_050, WavCodec.readInfo(Files.readAllBytes(dir.resolve("l.wav"))).sampleRate());
        }
    }

    @Test
    void xttsVoiceCloningRunsOnTheTinyTestModel() throws IOException {
        // The XTTS module's tiny generated model: same layout and code path as the real one, but it
        // speaks noise. Present whenever the examples build inside the ttskit repository.
        Path tiny = Path.of("..", "tts-adapter-local-xtts", "src", "test", "resources", "tiny-xtts");
        Assumptions.assumeTrue(Files.isRegularFile(tiny.resolve("xtts.json")), "tiny XTTS model not found at " + tiny);
        // The validator accepts voice references under the working directory (or TTSKIT_REFERENCE_DIRS).
        Path reference = Files.createDirectories(Path.of("target", "xtts-example")).resolve("me.wav");
        Files.write(reference, MockAudio.tone(AudioFormat.wav(22_050), Duration.ofSeconds(8)));
        Path out = dir.resolve("cloned.wav");
        SpeechResult r = XttsVoiceCloning.speakAs(tiny, reference, "Hello there.", out);
        assertEquals("local-xtts", r.provider());
        assertEquals(24_000, WavCodec.readInfo(Files.readAllBytes(out)).sampleRate());
        assertTrue(r.duration().toMillis() > 0);
    }
}
