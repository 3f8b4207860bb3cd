package dev.ttskit.benchmarks.xtts;

import dev.ttskit.AttemptPolicy;
import dev.ttskit.AudioStream;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.xtts.XttsProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;

/**
 * Time to the first audio byte where the caller sits: from {@link TtsClient#stream} to the first
 * byte the caller reads from the returned stream, through routing, validation, the provider's text
 * front end and voice, the hand-off thread, GPT prefill, the first codes, the first windowed
 * vocoder call, PCM conversion and the queue to the reader. The format is raw PCM, so the first
 * byte is audio (a WAV stream would hand out its header before synthesis starts).
 *
 * <p>{@code text=short} is one sentence (the baseline); {@code text=long} is about 2,000
 * characters in one request, which the provider pieces with the first sentence alone, so only one
 * sentence is generated before the first chunk. The ratio long / short should stay near 1. The
 * benchmark model's manifest raises the English character limit so that one request may carry the
 * long text (XTTS-v2's own limit of 250 would have the router refuse it).
 *
 * <p>Closing the stream after the first byte stops generation at its next step; the invocation
 * teardown then waits for that step to finish, outside the measurement, so one invocation's
 * leftover step never overlaps the next.
 *
 * <p>{@link FirstChunkDriver} times the same calls by wall clock and by this process's CPU time,
 * which other processes on a shared machine cannot inflate.
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
    /** Longer than one GPT step plus one vocoder call of the benchmark model, the most a stopping generation still runs. */
    static final long SETTLE_MILLIS = 150;

    /** The model directory; blank means the {@code xtts.bench.modelDir} system property. */
    @Param("")
    public String modelDir;

    @Param({"short", "long"})
    public String text;

    private TtsClient client;
    private SpeechRequest request;

    @Setup
    public void setUp() throws IOException {
        client = client(BenchModel.dir(modelDir));
        request = request(text);
        firstByte(); // loads the model and clones nothing: the first built-in voice speaks
        settle();
    }

    /** A client with the local XTTS provider on the benchmark model, and nothing else. */
    static TtsClient client(Path dir) {
        // The first call loads the model, which on a busy machine outlasts the default 10 s to the first
        // byte; the limits are not what is measured, so they are set out of the way.
        return TtsClient.builder()
                .provider(XttsProvider.builder().modelDir(dir).intraOpThreads(BenchModel.threads()).build())
                .timeout(Duration.ofMinutes(5))
                .attemptLimits(AttemptPolicy.builder().attemptTimeout(Duration.ofMinutes(4)).firstByteTimeout(Duration.ofMinutes(4))
                        .idleTimeout(Duration.ofMinutes(4)).build())
                .build();
    }

    /** The request for {@code short} (one sentence) or {@code long} (about 2,000 characters), as raw PCM. */
    static SpeechRequest request(String text) {
        String input = switch (text) {
            case "short" -> SENTENCE;
            case "long" -> String.join(" ", Collections.nCopies(31, SENTENCE));
            default -> throw new IllegalArgumentException("text must be short or long, was " + text);
        };
        return SpeechRequest.builder().text(input).language("en").format(AudioFormat.PCM16_24K).build();
    }

    /** Reads the first byte of a stream of {@code request}, then closes it (which stops generation). */
    static int firstByte(TtsClient client, SpeechRequest request) {
        try (AudioStream stream = client.stream(request)) {
            int b = stream.read();
            if (b < 0) throw new IllegalStateException("the stream ended without audio");
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown
    public void tearDown() {
        client.close();
    }

    /** Lets the generation stopped by the last invocation's close finish its step, outside the measurement. */
    @TearDown(Level.Invocation)
    public void settle() {
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Benchmark
    public int firstByte() {
        return firstByte(client, request);
    }
}
