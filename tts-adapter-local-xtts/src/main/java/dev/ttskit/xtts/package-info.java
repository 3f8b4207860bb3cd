/**
 * XTTS-v2 on ONNX Runtime, inside the JVM: the {@code local-xtts} provider.
 *
 * <p>{@link dev.ttskit.xtts.XttsProvider} speaks from a model directory in the xtts-onnx v1 layout
 * (a manifest, a tokenizer and four graphs; the module's README shows how to export one from an
 * official checkpoint). It clones voices from a reference WAV, streams audio while the model is still
 * generating, and produces 24 kHz mono PCM or WAV that the client converts to the caller's format.
 * The model directory is read and checked when the provider is built; the graphs load on first use
 * through the client's {@link dev.ttskit.spi.ResourceManager}, which accounts their native memory and
 * unloads them when idle. {@link dev.ttskit.xtts.ExecutionProvider} chooses CPU or CUDA.
 *
 * <pre>{@code
 * try (TtsClient tts = TtsClient.builder()
 *         .provider(XttsProvider.builder().modelDir(Path.of("models/xtts-v2-onnx")).build())
 *         .voice("narrator", v -> v.on("local-xtts", Path.of("voices/narrator.wav")))
 *         .build()) {
 *     SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hallo.").voice("narrator").language("de").build());
 * }
 * }</pre>
 *
 * <p>{@link dev.ttskit.xtts.XttsProviderFactory} makes the provider for {@code TtsClient.fromEnv()}
 * when {@code XTTS_MODEL_DIR} is set. The XTTS-v2 weights are under the Coqui Public Model License;
 * ttskit ships none.
 */
@NullMarked
package dev.ttskit.xtts;

import org.jspecify.annotations.NullMarked;
