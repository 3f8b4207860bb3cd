package dev.ttskit.benchmarks.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ttskit.xtts.internal.ClonedVoice;
import dev.ttskit.xtts.internal.GptGenerator;
import dev.ttskit.xtts.internal.GptSpec;
import dev.ttskit.xtts.internal.FrameInterpolator;
import dev.ttskit.xtts.internal.KvCache;
import dev.ttskit.xtts.internal.PrefixKv;
import dev.ttskit.xtts.internal.StreamingVocoder;
import dev.ttskit.xtts.internal.Vocoder;
import dev.ttskit.xtts.internal.Sampler;
import dev.ttskit.xtts.internal.SamplingParams;
import dev.ttskit.xtts.internal.Tensors;
import dev.ttskit.xtts.internal.TextFrontEnd;
import dev.ttskit.xtts.internal.XttsModel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Per-step GPT decode timing, which JMH cannot isolate inside one generation. Each round runs the
 * adapter's generation loop ({@link GptGenerator}: sampling with the manifest defaults, KV cache fed
 * back, latents read) past step {@value #DEFAULT_STEPS} with a step listener stamping every step,
 * then replays the same codes as bare {@code OrtSession.run} calls on the same session, prefix and
 * input tensors, timing the run call alone. Adapter and bare rounds alternate, so the baseline
 * shares the machine state of the measurement.
 *
 * <p>A third run per round streams: the same generation with the adapter's {@link StreamingVocoder}
 * decoding a chunk every chunk_codes codes, reported as the vocoder call near step 50 against the
 * call near step 500, and the cost per code (vocoder included) around each.
 *
 * <p>Each step's time is its best over the rounds (other load on the machine only ever adds time);
 * the step-50 and step-500 figures are the median of those over a window of +-5 steps. Reports
 * step 500 / step 50 (the KV cache keeps a step's cost nearly flat; without it, step 500 would
 * recompute ten times the positions) and adapter step / bare run (the Java overhead per step).
 *
 * <p>Run: {@code java -Dxtts.bench.modelDir=/tmp/xtts-bench-model -cp tts-benchmarks/target/benchmarks.jar
 * dev.ttskit.benchmarks.xtts.DecodeStepDriver} (optional {@code -Dxtts.bench.rounds=5},
 * {@code -Dxtts.bench.threads=1}).
 */
public final class DecodeStepDriver {
    private static final int DEFAULT_STEPS = 520;
    private static final int EARLY = 50;
    private static final int LATE = 500;
    private static final int WINDOW = 5;
    private static final String TEXT = "The quick brown fox jumps over the lazy dog near the river bank.";
    /**
     * Clock indexes: wall time, and the CPU time of the thread that runs the generation, which other
     * processes on a shared machine cannot inflate. With one intra-op thread (the default here) ONNX
     * Runtime runs the GPT on that thread, so its CPU time is the step's whole cost; the vocoder's
     * session has a second thread whose share this clock does not see.
     */
    private static final int WALL = 0;
    private static final int CPU = 1;
    private static final int CLOCKS = 2;
    private static final String[] CLOCK_NAMES = {"wall", "thread cpu"};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DecodeStepDriver() {
    }

    public static void main(String[] args) throws OrtException {
        int rounds = Integer.getInteger("xtts.bench.rounds", 5);
        if (!THREADS.isCurrentThreadCpuTimeSupported()) throw new IllegalStateException("this JVM cannot measure thread CPU time");
        THREADS.setThreadCpuTimeEnabled(true);
        try (XttsModel model = BenchModel.load(BenchModel.dir(null))) {
            int steps = Math.min(DEFAULT_STEPS, model.gptSpec().maxGenMelTokens());
            if (steps <= LATE + WINDOW) {
                throw new IllegalStateException("the model allows only " + steps + " codes; step " + LATE + " needs more");
            }
            ClonedVoice voice = BenchModel.builtInVoice(model);
            TextFrontEnd front = new TextFrontEnd(model.tokenizer(), model.manifest(), model.gptSpec());
            int[] textIds = front.encode(TEXT, front.resolve("en")).get(0);
            SamplingParams sampling = model.manifest().samplingDefaults();
            GptGenerator generator = new GptGenerator(model);
            System.out.println("model: " + BenchModel.describe(model) + ", " + steps + " codes per round, " + rounds + " rounds");

            // Warm-up: JIT, ORT's allocator arenas and the voice's prefix cache.
            int[] codes = adapterRound(generator, textIds, voice, sampling, steps).codes;
            bareRound(model, voice, textIds, codes);

            long[][] bestAdapter = best(steps);
            long[][] bestBare = best(steps);
            long[][] bestBareClosed = best(steps);
            long[][] bestStreaming = best(steps);
            long[][] bestVocoder = best(steps);
            for (int r = 0; r < rounds; r++) {
                AdapterRun a = adapterRound(generator, textIds, voice, sampling, steps);
                BareRun b = bareRound(model, voice, textIds, a.codes);
                StreamingRun st = streamingRound(model, generator, textIds, voice, sampling, steps);
                for (int clock = 0; clock < CLOCKS; clock++) {
                    keepBest(bestAdapter[clock], a.stepNanos[clock]);
                    keepBest(bestBare[clock], b.runNanos[clock]);
                    keepBest(bestBareClosed[clock], b.runAndCloseNanos[clock]);
                    keepBest(bestStreaming[clock], st.stepNanos[clock]);
                    keepBest(bestVocoder[clock], st.vocoderNanos[clock]);
                }
                System.out.printf(Locale.ROOT, "round %d (wall): adapter step50 %.3f ms, step500 %.3f ms | bare run step50 %.3f ms,"
                                + " step500 %.3f ms | all steps adapter %.1f ms, bare %.1f ms%n",
                        r + 1, windowMedian(a.stepNanos[WALL], EARLY) / 1e6, windowMedian(a.stepNanos[WALL], LATE) / 1e6,
                        windowMedian(b.runNanos[WALL], EARLY) / 1e6, windowMedian(b.runNanos[WALL], LATE) / 1e6,
                        sum(a.stepNanos[WALL]) / 1e6, sum(b.runNanos[WALL]) / 1e6);
            }
            for (int clock = 0; clock < CLOCKS; clock++) {
                report(CLOCK_NAMES[clock], rounds, steps, bestAdapter[clock], bestBare[clock], bestBareClosed[clock]);
                reportStreaming(model, CLOCK_NAMES[clock], bestStreaming[clock], bestVocoder[clock], bestAdapter[clock]);
            }
            System.out.printf(Locale.ROOT, "of which sampling (HF order, manifest defaults): %.1f us per step%n",
                    samplingNanos(model.gptSpec().numAudioTokens(), sampling) / 1e3);
        }
    }

    /** Per clock, per step: Long.MAX_VALUE until a round beats it; step 0 (the prefill) counts as 0. */
    private static long[][] best(int steps) {
        long[][] best = new long[CLOCKS][steps];
        for (long[] b : best) {
            Arrays.fill(b, Long.MAX_VALUE);
            b[0] = 0;
        }
        return best;
    }

    private static void keepBest(long[] best, long[] round) {
        for (int k = 1; k < best.length; k++) best[k] = Math.min(best[k], round[k]);
    }

    /** Other load only ever adds time: each step's best over the rounds is its cost on a quiet machine. */
    private static void report(String clock, int rounds, int steps, long[] adapter, long[] bare, long[] bareClosed) {
        double a50 = windowMedian(adapter, EARLY);
        double a500 = windowMedian(adapter, LATE);
        double b50 = windowMedian(bare, EARLY);
        double b500 = windowMedian(bare, LATE);
        System.out.printf(Locale.ROOT, "[%s] best of %d rounds: adapter step50 %.3f ms, step500 %.3f ms | bare run step50 %.3f ms,"
                + " step500 %.3f ms%n", clock, rounds, a50 / 1e6, a500 / 1e6, b50 / 1e6, b500 / 1e6);
        System.out.printf(Locale.ROOT, "[%s] KV cache: step %d / step %d = %.3f adapter, %.3f bare run (target <= 1.3)%n",
                clock, LATE, EARLY, a500 / a50, b500 / b50);
        System.out.printf(Locale.ROOT, "[%s] Java overhead: adapter step / bare run at step %d = %.4f, at step %d = %.4f,"
                + " over all %d steps = %.4f (target <= 1.05)%n", clock, EARLY, a50 / b50, LATE, a500 / b500, steps - 1,
                sum(adapter) / sum(bare));
        System.out.printf(Locale.ROOT, "[%s] Java overhead against run plus closing its result (what any caller pays):"
                + " step %d = %.4f, step %d = %.4f, all steps = %.4f%n", clock, EARLY, a50 / windowMedian(bareClosed, EARLY), LATE,
                a500 / windowMedian(bareClosed, LATE), sum(adapter) / sum(bareClosed));
    }

    /** Step k's time by each clock (k = 1 .. steps-1, index k) through the adapter, and the codes it fed. */
    private record AdapterRun(long[][] stepNanos, int[] codes) {
    }

    private static AdapterRun adapterRound(GptGenerator generator, int[] textIds, ClonedVoice voice, SamplingParams sampling,
                                           int steps) {
        long[][] stamps = new long[CLOCKS][steps];
        GptGenerator.Generation g = generator.generate(textIds, voice, sampling, new SplittableRandom(42), steps,
                (latents, codes) -> stamp(stamps, codes));
        if (g.codes().length != steps) {
            throw new IllegalStateException("generation stopped after " + g.codes().length + " codes: the model samples its stop token; "
                    + BenchModel.HOW_TO_GENERATE + " (XTTS_FIXTURE_BENCH=1 keeps it from stopping)");
        }
        return new AdapterRun(differences(stamps), g.codes());
    }

    /** Per clock and step: the bare {@code run} call alone, and the call plus closing the previous result. */
    private record BareRun(long[][] runNanos, long[][] runAndCloseNanos) {
    }

    /**
     * The same decode as bare session calls: the same prefix, the same code and position tensors (made
     * before timing), a {@link KvCache} grown exactly as the adapter's; only {@code run} is timed, the
     * cache writes between calls are not (they are part of the adapter's Java overhead).
     */
    private static BareRun bareRound(XttsModel model, ClonedVoice voice, int[] textIds, int[] codes) throws OrtException {
        GptSpec spec = model.gptSpec();
        OrtEnvironment env = model.env();
        OrtSession gpt = model.gptSession();
        int steps = codes.length;
        long[][] step = new long[CLOCKS][steps];
        long[][] closed = new long[CLOCKS][steps];
        OnnxTensor[] ids = new OnnxTensor[steps];
        OnnxTensor[] positions = new OnnxTensor[steps];
        long[] text = Arrays.stream(textIds).asLongStream().toArray();
        PrefixKv prefix = model.prefixes().get(voice);
        int prefill = text.length + 1;
        try (OnnxTensor textTensor = Tensors.longs(env, text, 1, text.length);
             OnnxTensor startId = Tensors.longs(env, new long[] {spec.startAudioToken()}, 1, 1);
             OnnxTensor startPos = Tensors.longs(env, new long[] {0}, 1, 1);
             OnnxTensor noCond = Tensors.emptyFloats(env, 1, 0, spec.dModel());
             OnnxTensor noText = Tensors.emptyLongs(env, 1, 0);
             KvCache cache = KvCache.create(env, spec, prefix.positions() + prefill, prefix.positions() + prefill + steps - 1)) {
            for (int k = 1; k < steps; k++) {
                ids[k] = Tensors.longs(env, new long[] {codes[k - 1]}, 1, 1);
                positions[k] = Tensors.longs(env, new long[] {k}, 1, 1);
            }
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("cond_latents", noCond);
            inputs.put("text_ids", textTensor);
            inputs.put("audio_ids", startId);
            inputs.put("audio_pos", startPos);
            cache.append(prefix);
            cache.putInputs(inputs);
            OrtSession.Result out = gpt.run(inputs);
            try {
                cache.append(out, prefill);
                inputs.put("text_ids", noText);
                for (int k = 1; k < steps; k++) {
                    inputs.put("audio_ids", ids[k]);
                    inputs.put("audio_pos", positions[k]);
                    cache.reserve(1);
                    cache.putInputs(inputs);
                    long t0 = System.nanoTime();
                    long c0 = cpuNanos();
                    OrtSession.Result next = gpt.run(inputs);
                    long t1 = System.nanoTime();
                    long c1 = cpuNanos();
                    out.close();
                    out = next;
                    step[WALL][k] = t1 - t0;
                    step[CPU][k] = c1 - c0;
                    closed[WALL][k] = System.nanoTime() - t0;
                    closed[CPU][k] = cpuNanos() - c0;
                    cache.append(out, 1);
                }
            } finally {
                out.close();
            }
        } finally {
            for (int k = 1; k < steps; k++) {
                if (ids[k] != null) ids[k].close();
                if (positions[k] != null) positions[k].close();
            }
        }
        return new BareRun(step, closed);
    }

    /** Per step of a streaming generation: the whole step (GPT and, every chunk_codes codes, the vocoder) and the vocoder alone. */
    private record StreamingRun(long[][] stepNanos, long[][] vocoderNanos) {
    }

    /**
     * The adapter's streaming path as {@code XttsSynthesizer} runs it: the same generation with a
     * {@link StreamingVocoder} offered the latents after every step, so the first chunk is decoded
     * after first_chunk_codes codes and then one every chunk_codes codes.
     */
    private static StreamingRun streamingRound(XttsModel model, GptGenerator generator, int[] textIds, ClonedVoice voice,
                                               SamplingParams sampling, int steps) {
        long[][] stamps = new long[CLOCKS][steps];
        long[][] vocoder = new long[CLOCKS][steps];
        long[] samples = new long[1];
        float[] speaker = voice.speakerEmbedding();
        StreamingVocoder sv = new StreamingVocoder(new Vocoder(model), speaker, FrameInterpolator.stages(1.0, model.decoderSpec()),
                model.decoderSpec().samplesPerFrame(), model.manifest().streamDefaults(), chunk -> samples[0] += chunk.length);
        GptGenerator.Generation g = generator.generate(textIds, voice, sampling, new SplittableRandom(42), steps, (latents, codes) -> {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            sv.offer(latents, codes);
            stamp(stamps, codes);
            vocoder[WALL][codes] = stamps[WALL][codes] - t0;
            vocoder[CPU][codes] = stamps[CPU][codes] - c0;
        });
        sv.finish(g.latents());
        if (samples[0] != (long) FrameInterpolator.frameCount(g.latents().length, FrameInterpolator.stages(1.0, model.decoderSpec()))
                * model.decoderSpec().samplesPerFrame()) {
            throw new IllegalStateException("the streamed audio has " + samples[0] + " samples, not a one-pass decode's count");
        }
        return new StreamingRun(differences(stamps), vocoder);
    }

    /** CPU time of the calling thread (nanosecond resolution on Linux, unlike the process's CPU time). */
    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static void stamp(long[][] stamps, int k) {
        stamps[WALL][k] = System.nanoTime();
        stamps[CPU][k] = cpuNanos();
    }

    /** Per clock, step k's time as stamp k minus stamp k-1 (index 0 stays 0). */
    private static long[][] differences(long[][] stamps) {
        long[][] step = new long[CLOCKS][stamps[0].length];
        for (int c = 0; c < CLOCKS; c++) {
            for (int k = 1; k < step[c].length; k++) step[c][k] = stamps[c][k] - stamps[c][k - 1];
        }
        return step;
    }

    /** Best-of-three average time of one {@link Sampler#next} on Gaussian logits: the main Java cost of a step. */
    private static double samplingNanos(int vocabulary, SamplingParams sampling) {
        SplittableRandom random = new SplittableRandom(3);
        float[] logits = new float[vocabulary];
        for (int i = 0; i < vocabulary; i++) logits[i] = (float) (random.nextGaussian() * 3);
        boolean[] seen = new boolean[vocabulary];
        for (int i = 0; i < vocabulary; i += 7) seen[i] = true;
        int calls = 2_000;
        double best = Double.MAX_VALUE;
        long checksum = 0;
        for (int round = 0; round < 4; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) checksum += Sampler.next(logits, seen, sampling, random);
            if (round > 0) best = Math.min(best, (double) (System.nanoTime() - t0) / calls);
        }
        if (checksum < 0) throw new IllegalStateException("negative code sampled");
        return best;
    }

    /**
     * The streaming run: the vocoder calls (after first_chunk_codes codes, then every chunk_codes) near
     * step 50 and step 500, and the cost per code over two chunks around each, vocoder calls included.
     */
    private static void reportStreaming(XttsModel model, String clock, long[] step, long[] vocoder, long[] adapter) {
        double adapter50 = windowMedian(adapter, EARLY);
        double adapter500 = windowMedian(adapter, LATE);
        int first = model.manifest().streamDefaults().firstChunkCodes();
        int chunk = model.manifest().streamDefaults().chunkCodes();
        int early = first;
        while (early + chunk <= EARLY) early += chunk;
        int late = early;
        while (late + chunk <= LATE) late += chunk;
        double[] earlyCalls = new double[3];
        double[] lateCalls = new double[3];
        for (int i = 0; i < 3; i++) {
            earlyCalls[i] = vocoder[early - chunk + i * chunk];
            lateCalls[i] = vocoder[late - chunk + i * chunk];
        }
        double v50 = median(earlyCalls);
        double v500 = median(lateCalls);
        double perCode50 = windowMean(step, EARLY, chunk);
        double perCode500 = windowMean(step, LATE, chunk);
        System.out.printf(Locale.ROOT, "[%s] streaming (vocoder after %d codes, then every %d): vocoder call near code %d %.3f ms,"
                + " near code %d %.3f ms (median of 3 calls each), ratio %.3f%n", clock, first, chunk, early, v50 / 1e6, late,
                v500 / 1e6, v500 / v50);
        System.out.printf(Locale.ROOT, "[%s] streaming: cost per code over codes %d..%d %.3f ms, over %d..%d %.3f ms, ratio %.3f"
                        + " (GPT step alone %.3f / %.3f ms)%n", clock, EARLY - chunk, EARLY + chunk - 1, perCode50 / 1e6, LATE - chunk,
                LATE + chunk - 1, perCode500 / 1e6, perCode500 / perCode50, adapter50 / 1e6, adapter500 / 1e6);
    }

    /** Mean of steps [at - half, at + half): whole vocoder periods, so each window holds the same number of calls. */
    private static double windowMean(long[] stepNanos, int at, int half) {
        double total = 0;
        for (int k = at - half; k < at + half; k++) total += stepNanos[k];
        return total / (2 * half);
    }

    /** Median of steps [at - WINDOW, at + WINDOW]: one step can hit a GC pause or a busy core. */
    private static double windowMedian(long[] stepNanos, int at) {
        double[] w = new double[2 * WINDOW + 1];
        for (int i = 0; i < w.length; i++) w[i] = stepNanos[at - WINDOW + i];
        return median(w);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double sum(long[] values) {
        double total = 0;
        for (long v : values) total += v;
        return total;
    }
}
