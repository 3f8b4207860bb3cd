package dev.ttskit.xtts.internal;

import dev.ttskit.xtts.ExecutionProvider;
import org.jspecify.annotations.Nullable;

/**
 * How to load a model directory.
 *
 * @param executionProvider CPU or CUDA
 * @param intraOpThreads    threads for the GPT graph; 0 lets ONNX Runtime choose
 * @param gptVariant        a {@code files.gpt_variants} name (e.g. {@code int8}) to use when present, or null
 */
public record LoadOptions(ExecutionProvider executionProvider, int intraOpThreads, @Nullable String gptVariant) {
}
