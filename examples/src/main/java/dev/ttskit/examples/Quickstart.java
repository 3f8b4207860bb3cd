package dev.ttskit.examples;

import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.marytts.MaryTtsProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The smallest program: one provider (the embedded MaryTTS voice, so no key or network), one
 * sentence, one WAV file.
 *
 * <pre>java -cp examples/target/ttskit-cli.jar dev.ttskit.examples.Quickstart hello.wav</pre>
 */
public final class Quickstart {
    private Quickstart() {
    }

    public static void main(String[] args) throws IOException {
        SpeechResult result = speak(Path.of(args.length > 0 ? args[0] : "quickstart.wav"));
        System.out.println("wrote " + result.duration().toMillis() + " ms of " + result.format() + " from " + result.provider());
    }

    /** Speaks a greeting into {@code out}. */
    public static SpeechResult speak(Path out) throws IOException {
        // The client owns threads and resources: always close it (try-with-resources).
        try (TtsClient tts = TtsClient.builder().provider(MaryTtsProvider.create()).build()) {
            SpeechRequest request = SpeechRequest.builder()
                    .text("Hello from ttskit. This voice runs inside the Java process.")
                    .language("en")
                    .format(AudioFormat.WAV_PCM16_24K)   // the caller's format wins; the client converts
                    .build();
            SpeechResult result = tts.synthesize(request);
            Files.write(out, result.audioBytes());
            return result;
        }
    }
}
