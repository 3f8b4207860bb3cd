package dev.ttskit.benchmarks.elevenlabs;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One whole-file ElevenLabs call of 96 kB of MP3, one at a time, on the loopback mock: through a
 * {@link dev.ttskit.TtsClient} at its defaults ({@code client}) and through raw OkHttp reading the
 * body with {@code bytes()} ({@code raw}). Run with the allocation profiler to see the bytes each
 * allocates per call ({@code gc.alloc.rate.norm}; the mock's own allocation, the same for both, is in
 * both figures):
 *
 * <pre>java -jar tts-benchmarks/target/benchmarks.jar HotPathBenchmark -prof gc -f 1 -wi 3 -i 5 -w 2s -r 2s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HotPathBenchmark {
    private LoopbackServer server;
    private Contender client;
    private Contender raw;

    @Setup
    public void setUp() throws IOException {
        server = LoopbackServer.start(LoadDriver.mp3Frames(LoadDriver.AUDIO_BYTES), 0);
        server.account(300, false);
        client = new ClientContender(server.baseUrl());
        raw = new RawOkHttpContender(server.baseUrl());
    }

    @TearDown
    public void tearDown() throws IOException {
        client.close();
        raw.close();
        server.close();
    }

    @Benchmark
    public int client() throws IOException {
        return client.synthesize();
    }

    @Benchmark
    public int raw() throws IOException {
        return raw.synthesize();
    }
}
