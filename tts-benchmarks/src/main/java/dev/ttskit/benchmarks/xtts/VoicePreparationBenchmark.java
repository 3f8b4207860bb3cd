package dev.ttskit.benchmarks.xtts;

import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.xtts.internal.ClonedVoice;
import dev.ttskit.xtts.internal.VoiceCache;
import dev.ttskit.xtts.internal.VoiceCloner;
import dev.ttskit.xtts.internal.XttsModel;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Preparing a voice from a 6 s reference WAV, along the provider's path for a reference recording
 * (read the file, hash it, look it up in the voice cache, on a miss decode, resample and run the
 * conditioning and speaker encoders):
 * <ul>
 *   <li>{@code firstClone}: an empty cache, so the voice is cloned (the baseline);</li>
 *   <li>{@code cachedLookup}: the voice is in memory;</li>
 *   <li>{@code persistedLookup}: a fresh cache over a directory that holds the voice (a restarted process).</li>
 * </ul>
 * The ratio firstClone / cachedLookup is the saving of the cache (target: at least 10).
 *
 * <p>Run: {@code java -jar tts-benchmarks/target/benchmarks.jar VoicePreparation -p modelDir=/tmp/xtts-bench-model}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class VoicePreparationBenchmark {
    private static final int REFERENCE_RATE = 24_000;
    private static final double REFERENCE_SECONDS = 6.0;

    /** The model directory; blank means the {@code xtts.bench.modelDir} system property. */
    @Param("")
    public String modelDir;

    private XttsModel model;
    private Path work;
    private Path reference;
    private Path persisted;
    private VoiceCache warm;

    @Setup
    public void setUp() throws IOException {
        model = BenchModel.load(BenchModel.dir(modelDir));
        work = Files.createTempDirectory("xtts-voice-bench");
        reference = work.resolve("reference.wav");
        Files.write(reference, WavCodec.encode(speechLike(REFERENCE_SECONDS, REFERENCE_RATE)));
        persisted = work.resolve("voices");
        prepare(new VoiceCache(persisted));
        warm = new VoiceCache(null);
        prepare(warm);
    }

    @TearDown
    public void tearDown() throws IOException {
        model.close();
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Benchmark
    public ClonedVoice firstClone() throws IOException {
        return prepare(new VoiceCache(null));
    }

    @Benchmark
    public ClonedVoice cachedLookup() throws IOException {
        return prepare(warm);
    }

    @Benchmark
    public ClonedVoice persistedLookup() throws IOException {
        return prepare(new VoiceCache(persisted));
    }

    /** What the provider does for a reference recording. */
    private ClonedVoice prepare(VoiceCache cache) throws IOException {
        byte[] bytes = Files.readAllBytes(reference);
        return cache.get(VoiceCache.sha256(bytes), model, () -> {
            PcmAudio mono = WavCodec.decode(bytes).toMono();
            VoiceCloner cloner = new VoiceCloner(model);
            return cloner.clone(List.of(cloner.prepare(mono.samples(), mono.sampleRate())));
        });
    }

    /** A voiced, slowly gliding harmonic tone with a little noise: real work for the DSP front end. */
    static PcmAudio speechLike(double seconds, int rate) {
        int n = (int) Math.round(seconds * rate);
        float[] s = new float[n];
        SplittableRandom noise = new SplittableRandom(11);
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double f0 = 120 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * f0 / rate;
            double v = 0;
            for (int h = 1; h <= 12; h++) v += Math.sin(h * phase) / h;
            double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 3 * t);
            s[i] = (float) (0.25 * envelope * v + 0.01 * (noise.nextDouble() * 2 - 1));
        }
        return PcmAudio.of(s, rate, 1);
    }
}
