package dev.ttskit.benchmarks.xtts;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import dev.ttskit.xtts.ExecutionProvider;
import dev.ttskit.xtts.internal.ClonedVoice;
import dev.ttskit.xtts.internal.LoadOptions;
import dev.ttskit.xtts.internal.XttsManifest;
import dev.ttskit.xtts.internal.XttsModel;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates and loads the benchmark model. The model is a larger random-weight directory in the
 * xtts-onnx v1 layout, generated outside the repository (it is never committed): see
 * {@link #HOW_TO_GENERATE}.
 */
final class BenchModel {
    /** System property naming the model directory. */
    static final String DIR_PROPERTY = "xtts.bench.modelDir";
    /** System property for the GPT's intra-op threads (default 1: stable numbers on a shared machine). */
    static final String THREADS_PROPERTY = "xtts.bench.threads";

    static final String HOW_TO_GENERATE = "generate one outside the repository with\n"
            + "  XTTS_FIXTURE_D_MODEL=512 XTTS_FIXTURE_HEADS=8 XTTS_FIXTURE_LAYERS=8 XTTS_FIXTURE_BENCH=1 \\\n"
            + "  /usr/bin/python3 tts-adapter-local-xtts/tools/make_tiny_model.py /tmp/xtts-bench-model\n"
            + "and pass -D" + DIR_PROPERTY + "=/tmp/xtts-bench-model (or, to JMH, -p modelDir=/tmp/xtts-bench-model)";

    private BenchModel() {
    }

    /** The model directory: {@code param} when not blank, else the system property; fails with how to make one. */
    static Path dir(@Nullable String param) {
        String value = param != null && !param.isBlank() ? param : System.getProperty(DIR_PROPERTY, "");
        if (value.isBlank()) {
            throw new IllegalStateException("no XTTS benchmark model: " + HOW_TO_GENERATE);
        }
        Path dir = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("xtts.json"))) {
            throw new IllegalStateException(dir + " holds no xtts.json: " + HOW_TO_GENERATE);
        }
        return dir;
    }

    /** The GPT's intra-op threads: {@value #THREADS_PROPERTY}, default 1. */
    static int threads() {
        int threads = Integer.getInteger(THREADS_PROPERTY, 1);
        if (threads < 0) throw new IllegalArgumentException(THREADS_PROPERTY + " must be >= 0, was " + threads);
        return threads;
    }

    /** Loads all four graphs on the CPU. */
    static XttsModel load(Path dir) {
        return XttsModel.load(XttsManifest.read(dir), new LoadOptions(ExecutionProvider.CPU, threads(), null));
    }

    /** The directory's first built-in voice (the benchmark generator writes some). */
    static ClonedVoice builtInVoice(XttsModel model) {
        if (model.speakers().isEmpty()) throw new IllegalStateException("the benchmark model has no built-in voices: " + HOW_TO_GENERATE);
        return Objects.requireNonNull(model.speakers().get(model.speakers().names().get(0)));
    }

    /** One line describing the model, for the report. */
    static String describe(XttsModel model) {
        return model.manifest().model() + " d_model=" + model.gptSpec().dModel() + " heads=" + model.gptSpec().nHead()
                + " layers=" + model.gptSpec().nLayer() + " threads=" + Integer.getInteger(THREADS_PROPERTY, 1);
    }
}
