package dev.ttskit.examples;

import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.SpeechRequest;
import dev.ttskit.audio.AudioFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's first sample, word for word (ReadmeIsCompiledTest holds the README to it). It runs in a
 * JVM of its own (ReadmeSnippetsTest) so that the environment can be emptied of provider settings:
 * with nothing configured it must still speak.
 */
final class ReadmeQuickstart {
    private ReadmeQuickstart() {
    }

    public static void main(String[] args) throws IOException {
        try (TtsClient tts = TtsClient.fromEnv()) {            // the providers configured in the environment, the offline voice last
            SpeechResult r = tts.synthesize(SpeechRequest.builder()
                    .text("Hello there.").language("en")
                    .format(AudioFormat.WAV_PCM16_24K)               // whoever answers, you get this format
                    .build());
            Files.write(Path.of("hello.wav"), r.audioBytes());
            System.out.println(r.provider() + " answered after " + r.attempts() + " attempt(s)");
        }
    }
}
