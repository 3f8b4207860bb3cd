package dev.ttskit.benchmarks.routing;

import dev.ttskit.BreakerPolicy;
import dev.ttskit.CachePolicy;
import dev.ttskit.CircuitState;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResourceManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the router costs per call, against an instant in-memory provider:
 * <ul>
 *   <li>{@code directProviderCall}: the provider alone (the baseline);</li>
 *   <li>{@code routed}: the same call through the client (planning, breaker, bulkhead, audio checks), on
 *   the caller's thread since the provider declares it honours its deadline;</li>
 *   <li>{@code routedOnWorker}: the same for a provider that does not declare it, called on a worker
 *   while the caller waits;</li>
 *   <li>{@code failoverPastOpenBreaker}: the primary's breaker is open, the backup answers;</li>
 *   <li>{@code cacheHit}: answered from the result cache.</li>
 * </ul>
 * Run: {@code java -jar tts-benchmarks/target/benchmarks.jar RouterBenchmark -bm sample -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouterBenchmark {
    private static final SpeechRequest REQUEST = SpeechRequest.of("Hello there, this is a short sentence.");

    private InstantProvider direct;
    private ProviderRequest directRequest;
    private ResourceManager directResources;
    private TtsClient routed;
    private TtsClient routedOnWorker;
    private TtsClient failover;
    private TtsClient cached;

    @Setup
    @SuppressWarnings("MustBeClosedChecker")   // directResources is closed in tearDown()
    public void setUp() {
        direct = new InstantProvider("direct", false);
        directRequest = ProviderRequest.of("direct", REQUEST, Optional.empty(), REQUEST.format());
        directResources = ResourceManager.create();

        routed = TtsClient.builder().provider(new InstantProvider("only", false)).build();
        routedOnWorker = TtsClient.builder().provider(new InstantProvider("third-party", false, false)).build();

        failover = TtsClient.builder().provider(new InstantProvider("down", true)).provider(new InstantProvider("up", false))
                .retry(RetryPolicy.NONE)
                .breaker(BreakerPolicy.builder().window(2, 2).openDuration(Duration.ofHours(1)).build()).build();
        for (int i = 0; i < 3; i++) failover.synthesize(REQUEST);
        if (failover.health().get(0).state() != CircuitState.OPEN) throw new IllegalStateException("primary breaker did not open");

        cached = TtsClient.builder().provider(new InstantProvider("cached", false)).cache(CachePolicy.maxBytes(10_000_000)).build();
        cached.synthesize(REQUEST);
    }

    @TearDown
    public void tearDown() {
        routed.close();
        routedOnWorker.close();
        failover.close();
        cached.close();
        directResources.close();
    }

    @Benchmark
    public SpeechResult directProviderCall() {
        CallContext ctx = CallContext.of(Duration.ofSeconds(60), Clock.systemUTC(), new CancellationToken(), directResources);
        return direct.synthesize(directRequest, ctx);
    }

    @Benchmark
    public SpeechResult routed() {
        return routed.synthesize(REQUEST);
    }

    @Benchmark
    public SpeechResult routedOnWorker() {
        return routedOnWorker.synthesize(REQUEST);
    }

    @Benchmark
    public SpeechResult failoverPastOpenBreaker() {
        return failover.synthesize(REQUEST);
    }

    @Benchmark
    public SpeechResult cacheHit() {
        return cached.synthesize(REQUEST);
    }
}
