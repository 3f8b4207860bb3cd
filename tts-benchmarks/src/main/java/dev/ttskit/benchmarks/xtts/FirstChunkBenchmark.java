package dev.ttskit.benchmarks.xtts;

import dev.ttskit.xtts.internal.ClonedVoice;
import dev.ttskit.xtts.internal.TextFrontEnd;
import dev.ttskit.xtts.internal.XttsModel;
import dev.ttskit.xtts.internal.XttsSynthesizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Time to the first streamed audio chunk: text cleaning and tokenising, GPT prefill, the first
 * codes and the first windowed vocoder call, stopping as soon as the first chunk reaches the sink.
 * {@code text=short} is one sentence (the baseline); {@code text=long} is about 2,000 characters,
 * which the front end splits into pieces as the provider does, the first sentence alone, so only one
 * sentence is generated before the first chunk. The ratio long / short should stay near 1.
 *
 * <p>Run: {@code java -jar tts-benchmarks/target/benchmarks.jar FirstChunk -p modelDir=/tmp/xtts-bench-model}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class FirstChunkBenchmark {
    private static final String SENTENCE = "The quick brown fox jumps over the lazy dog near the river bank.";

    /** The model directory; blank means the {@code xtts.bench.modelDir} system property. */
    @Param("")
    public String modelDir;

    @Param({"short", "long"})
    public String text;

    private XttsModel model;
    private XttsSynthesizer synthesizer;
    private TextFrontEnd frontEnd;
    private ClonedVoice voice;
    private String input;

    /** Thrown by the sink to end generation at the first chunk; no stack trace, nothing to build. */
    private static final class FirstChunk extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient float[] chunk;

        FirstChunk(float[] chunk) {
            super(null, null, false, false);
            this.chunk = chunk;
        }
    }

    @Setup
    public void setUp() {
        model = BenchModel.load(BenchModel.dir(modelDir));
        synthesizer = new XttsSynthesizer(model);
        frontEnd = new TextFrontEnd(model.tokenizer(), model.manifest(), model.gptSpec());
        voice = BenchModel.builtInVoice(model);
        input = switch (text) {
            case "short" -> SENTENCE;
            case "long" -> String.join(" ", Collections.nCopies(31, SENTENCE));
            default -> throw new IllegalArgumentException("text must be short or long, was " + text);
        };
    }

    @TearDown
    public void tearDown() {
        model.close();
    }

    @Benchmark
    public float[] firstChunk() {
        List<int[]> pieces = frontEnd.encode(input, frontEnd.resolve("en"), true); // as the provider pieces text
        XttsSynthesizer.Job job = new XttsSynthesizer.Job(pieces, voice, model.manifest().samplingDefaults(), new SplittableRandom(7),
                model.gptSpec().maxGenMelTokens(), 1.0, true, model.manifest().streamDefaults(), () -> { });
        try {
            synthesizer.run(job, chunk -> {
                throw new FirstChunk(chunk);
            });
        } catch (FirstChunk first) {
            return first.chunk;
        }
        throw new IllegalStateException("the synthesis ended without audio");
    }
}
