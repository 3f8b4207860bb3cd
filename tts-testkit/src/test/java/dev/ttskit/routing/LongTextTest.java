package dev.ttskit.routing;

import dev.ttskit.AuthenticationException;
import dev.ttskit.LongSpeechResult;
import dev.ttskit.LongTextPolicy;
import dev.ttskit.ProgressListener;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioConverter;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long text: chunked within the strictest limit, synthesized in parallel, joined in order, progress to exactly 100. */
@ExtendWith(NoLeaks.class)
class LongTextTest {
    private static final List<String> SENTENCES = List.of("First sentence here.", "Second one follows.",
            "Third comes next.", "Fourth is the last.");
    private static final String TEXT = String.join(" ", SENTENCES);
    private static final ProviderCapabilities SMALL = MockTtsProvider.defaultCapabilities().toBuilder().maxChars(25).build();

    /** Chunk i answers with (i + 1) x 100 ms of tone, so the order can be read back from the audio. */
    private static MockOutcome byLength(String text) {
        return MockOutcome.audio(Duration.ofMillis(100L * (SENTENCES.indexOf(text) + 1)));
    }

    /** Progress events as "percent/done/total". */
    private static final class Recorder implements ProgressListener {
        final List<int[]> events = new CopyOnWriteArrayList<>();

        @Override
        public void onProgress(int percent, int chunksDone, int chunksTotal) {
            events.add(new int[] {percent, chunksDone, chunksTotal});
        }

        void assertMonotonicToExactly100(int total) {
            assertEquals(0, events.get(0)[0]);
            for (int i = 1; i < events.size(); i++) {
                assertTrue(events.get(i)[0] >= events.get(i - 1)[0], "percent went down at " + i);
                assertTrue(events.get(i)[1] >= events.get(i - 1)[1]);
            }
            int[] last = events.get(events.size() - 1);
            assertEquals(100, last[0]);
            assertEquals(total, last[1]);
            assertEquals(total, last[2]);
            assertEquals(1, events.stream().filter(e -> e[0] == 100).count(), "100 only once, at the end");
        }
    }

    /** Lengths in ms of the non-silent runs of the audio, in order. */
    private static List<Long> toneRuns(PcmAudio pcm) {
        float[] s = pcm.samples();
        int window = pcm.sampleRate() / 100;
        List<Long> runs = new ArrayList<>();
        int runWindows = 0;
        for (int w = 0; w + window <= s.length; w += window) {
            boolean loud = false;
            for (int i = w; i < w + window; i++) loud |= Math.abs(s[i]) > 1e-3;
            if (loud) {
                runWindows++;
            } else if (runWindows > 0) {
                runs.add(runWindows * 10L);
                runWindows = 0;
            }
        }
        if (runWindows > 0) runs.add(runWindows * 10L);
        return runs;
    }

    @Test
    void chunksAreJoinedInTextOrderWhateverOrderTheyFinishIn() {
        CountDownLatch firstWaits = new CountDownLatch(1);
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(SMALL)
                .answering(r -> r.text().equals(SENTENCES.get(0)) ? MockOutcome.gated(firstWaits, byLength(r.text())) : byLength(r.text()))
                .build();
        Recorder progress = new Recorder();
        ProgressListener releaseFirst = (pct, done, total) -> {
            progress.onProgress(pct, done, total);
            if (done >= 1) firstWaits.countDown();
        };
        try (TtsClient tts = TtsClient.builder().provider(p).longText(LongTextPolicy.builder().parallelism(2).build()).build()) {
            LongSpeechResult r = tts.synthesizeLong(SpeechRequest.of(TEXT), releaseFirst);
            assertEquals(4, r.chunks());
            assertTrue(r.complete());
            PcmAudio pcm = AudioConverter.decode(r.result().audioBytes(), AudioFormat.WAV_PCM16_24K);
            List<Long> runs = toneRuns(pcm);
            assertEquals(4, runs.size(), "runs " + runs);
            for (int i = 0; i < 4; i++) assertTrue(Math.abs(runs.get(i) - 100L * (i + 1)) <= 20, "chunk " + i + " in place: " + runs);
            long expected = 1000 + 3 * 120;
            assertTrue(Math.abs(r.result().duration().toMillis() - expected) <= 20, "tone plus three 120 ms gaps: " + r.result().duration());
            progress.assertMonotonicToExactly100(4);
        }
    }

    @Test
    void noMoreChunksThanTheParallelismAreInFlight() {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(SMALL)
                .otherwise(MockOutcome.gated(gate, MockOutcome.audio(Duration.ofMillis(100)))).build();
        // The second half in capitals: identical chunks in flight together would share one call.
        String text = TEXT + " " + TEXT.toUpperCase(java.util.Locale.ROOT);
        try (TtsClient tts = TtsClient.builder().provider(p).longText(LongTextPolicy.builder().parallelism(3).build()).build()) {
            Thread opener = new Thread(() -> {
                Waits.until(() -> p.inFlight() == 3, "three chunks in flight");
                gate.countDown();
            });
            opener.start();
            LongSpeechResult r = tts.synthesizeLong(SpeechRequest.of(text), ProgressListener.NONE);
            assertEquals(8, r.chunks());
            assertEquals(8, p.callCount());
            assertEquals(3, p.maxConcurrentCalls());
        }
    }

    @Test
    void chunksFitTheStrictestCandidatesLimits() {
        MockTtsProvider roomy = MockTtsProvider.alwaysAudio("roomy");
        MockTtsProvider tight = MockTtsProvider.builder("tight").capabilities(SMALL).build();
        try (TtsClient tts = TtsClient.builder().provider(roomy).provider(tight).build()) {
            LongSpeechResult r = tts.synthesizeLong(SpeechRequest.of(TEXT), ProgressListener.NONE);
            assertEquals(4, r.chunks());
            roomy.calls().forEach(c -> assertTrue(c.request().text().length() <= 25, c.request().text().length() + " chars"));
        }
    }

    @Test
    void aChunkThatFinallyFailsFailsTheJobByDefault() {
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(SMALL)
                .answering(r -> r.text().equals(SENTENCES.get(2))
                        ? MockOutcome.error(new AuthenticationException("p", "HTTP 401", null, null)) : byLength(r.text()))
                .build();
        try (TtsClient tts = TtsClient.builder().provider(p).longText(LongTextPolicy.builder().parallelism(1).build()).build()) {
            assertThrows(AuthenticationException.class, () -> tts.synthesizeLong(SpeechRequest.of(TEXT), ProgressListener.NONE));
            assertEquals(3, p.callCount(), "the job stopped at the failed chunk");
        }
    }

    @Test
    void failedChunksCanBeReplacedBySilenceAndReported() {
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(SMALL)
                .answering(r -> r.text().equals(SENTENCES.get(2))
                        ? MockOutcome.error(new AuthenticationException("p", "HTTP 401", null, null)) : byLength(r.text()))
                .build();
        Recorder progress = new Recorder();
        try (TtsClient tts = TtsClient.builder().provider(p)
                .longText(LongTextPolicy.builder().parallelism(2).silenceFailedChunks(true).build()).build()) {
            LongSpeechResult r = tts.synthesizeLong(SpeechRequest.of(TEXT), progress);
            assertFalse(r.complete());
            assertEquals(List.of(2), r.failedChunks());
            List<Long> runs = toneRuns(AudioConverter.decode(r.result().audioBytes(), AudioFormat.WAV_PCM16_24K));
            assertEquals(3, runs.size(), "chunk 2 is silence: " + runs);
            assertTrue(Math.abs(runs.get(2) - 400) <= 20, runs.toString());
            assertTrue(r.result().duration().toMillis() > 700 + 3 * 120 + 500, "the silence stands in for the chunk: " + r.result().duration());
            progress.assertMonotonicToExactly100(4);
        }
    }

    @Test
    void chunksCanBeJoinedWithACrossfade() {
        MockTtsProvider p = MockTtsProvider.builder("p").capabilities(SMALL).answering(r -> byLength(r.text())).build();
        try (TtsClient tts = TtsClient.builder().provider(p)
                .longText(LongTextPolicy.builder().crossfade(Duration.ofMillis(20)).build()).build()) {
            LongSpeechResult r = tts.synthesizeLong(SpeechRequest.of(TEXT), ProgressListener.NONE);
            assertTrue(Math.abs(r.result().duration().toMillis() - (1000 - 3 * 20)) <= 5, r.result().duration().toString());
        }
    }

    @Test
    void policiesRejectBadValues() {
        assertThrows(IllegalArgumentException.class, () -> LongTextPolicy.builder().parallelism(0));
        assertThrows(IllegalArgumentException.class, () -> LongTextPolicy.builder().gap(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> LongTextPolicy.builder().crossfade(Duration.ofSeconds(1)));
        Map<String, Runnable> bad = Map.of(
                "maxAttempts", () -> dev.ttskit.RetryPolicy.builder().maxAttempts(0),
                "backoff", () -> dev.ttskit.RetryPolicy.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)),
                "budget", () -> dev.ttskit.RetryPolicy.builder().budget(1.5, 1),
                "window", () -> dev.ttskit.BreakerPolicy.builder().window(5, 6),
                "threshold", () -> dev.ttskit.BreakerPolicy.builder().failureRateThreshold(0),
                "hedge", () -> dev.ttskit.HedgePolicy.after(Duration.ZERO));
        bad.forEach((name, r) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run, name);
            assertTrue(e.getMessage().matches(".*-?[0-9].*"), "message names the bad value: " + e.getMessage());
        });
    }
}
