package dev.ttskit.examples;

import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.xtts.XttsProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Voice cloning with XTTS-v2 running locally on ONNX Runtime: a few seconds of someone speaking
 * (a WAV) become a logical voice, and the model speaks new text in it. Nothing leaves the machine.
 *
 * <pre>
 * java -cp examples/target/ttskit-cli.jar dev.ttskit.examples.XttsVoiceCloning models/xtts-v2-onnx me.wav cloned.wav
 * </pre>
 *
 * The model directory is an XTTS-v2 export in the xtts-onnx v1 layout (see the README); the XTTS-v2
 * weights are under the Coqui Public Model License (non-commercial).
 */
public final class XttsVoiceCloning {
    private XttsVoiceCloning() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: XttsVoiceCloning MODEL_DIR REFERENCE.wav OUT.wav");
            System.exit(2);
        }
        SpeechResult r = speakAs(Path.of(args[0]), Path.of(args[1]), "This is my voice, spoken by a model on this computer.",
                Path.of(args[2]));
        System.out.println("wrote " + r.duration().toMillis() + " ms in the cloned voice");
    }

    /** Speaks {@code text} in the voice of {@code reference} into {@code out}. */
    public static SpeechResult speakAs(Path modelDir, Path reference, String text, Path out) throws IOException {
        try (TtsClient tts = TtsClient.builder()
                .provider(XttsProvider.builder().modelDir(modelDir).build())
                // "me" is a logical voice: on local-xtts it means "clone this recording"
                .voice("me", v -> v.on(XttsProvider.ID, reference))
                .build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder()
                    .text(text)
                    .voice("me")
                    .language("en")                    // XTTS needs the language of the text
                    .seed(42)                          // the same seed gives the same take
                    .format(AudioFormat.WAV_PCM16_24K) // XTTS's native rate
                    .build());
            Files.write(out, r.audioBytes());
            return r;
        }
    }
}
