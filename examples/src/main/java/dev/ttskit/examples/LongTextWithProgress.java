package dev.ttskit.examples;

import dev.ttskit.LongSpeechResult;
import dev.ttskit.ProgressListener;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.marytts.MaryTtsProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Speaks a text longer than any provider takes at once: the client splits it on sentence boundaries,
 * speaks the chunks in order and reports progress, which only grows and ends at exactly 100.
 */
public final class LongTextWithProgress {
    private LongTextWithProgress() {
    }

    public static void main(String[] args) throws IOException {
        try (TtsClient tts = TtsClient.builder().provider(MaryTtsProvider.create())
                .timeout(Duration.ofMinutes(5))     // one deadline covers every chunk
                .build()) {
            LongSpeechResult r = speak(tts, sampleText(30), Path.of(args.length > 0 ? args[0] : "long.wav"),
                    (percent, done, total) -> System.out.printf("%3d%%  chunk %d of %d%n", percent, done, total));
            System.out.println(r.chunks() + " chunks, " + r.result().duration().toSeconds() + " s of audio");
        }
    }

    /**
     * Speaks {@code text} into {@code out}, reporting progress to {@code progress}. The chunk size is
     * the strictest limit among the client's providers (1,000 characters for the embedded voice).
     */
    public static LongSpeechResult speak(TtsClient tts, String text, Path out, ProgressListener progress) throws IOException {
        LongSpeechResult result = tts.synthesizeLong(SpeechRequest.builder().text(text)
                .format(AudioFormat.WAV_PCM16_22K).build(), progress);
        Files.write(out, result.result().audioBytes());
        return result;
    }

    /** Some paragraphs of plain English, about 90 characters per sentence. */
    public static String sampleText(int sentences) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= sentences; i++) {
            sb.append("This is sentence number ").append(i)
                    .append(" of a long text, spoken chunk by chunk and joined in order. ");
        }
        return sb.toString().trim();
    }
}
