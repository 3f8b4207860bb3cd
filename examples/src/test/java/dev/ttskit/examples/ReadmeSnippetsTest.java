package dev.ttskit.examples;

import dev.ttskit.ApiKey;
import dev.ttskit.CachePolicy;
import dev.ttskit.AuthenticationException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.cluster.TtsCluster;
import dev.ttskit.audio.AudioAnalysis;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.elevenlabs.ElevenLabsProvider;
import dev.ttskit.marytts.MaryTtsProvider;
import dev.ttskit.micrometer.TtsMetrics;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Java snippets, compiled and run. Each is copied here word for word (modulo indentation);
 * {@link ReadmeIsCompiledTest} fails when the README and these sources drift apart.
 */
class ReadmeSnippetsTest {
    @TempDir
    Path dir;

    /** The first sample, in a JVM whose environment holds no provider settings: the offline voice answers. */
    @Test
    void firstSampleSpeaksWithNothingConfigured() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReadmeQuickstart.class.getName())
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TTSKIT_") || k.startsWith("ELEVENLABS_")
                || k.startsWith("REPLICATE_") || k.startsWith("XTTS_"));
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the first sample did not finish within 120 s");
        }
        String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertEquals(List.of("marytts answered after 1 attempt(s)"),
                Files.readAllLines(dir.resolve("stdout.txt"), StandardCharsets.UTF_8));
        byte[] wav = Files.readAllBytes(dir.resolve("hello.wav"));
        assertEquals(24_000, WavCodec.readInfo(wav).sampleRate());
        assertTrue(AudioAnalysis.rms(WavCodec.decode(wav)) > 0.02, "the sample speaks, it is not silence");
    }

    /**
     * The README's second sample. It needs a real ElevenLabs key to run, so it is compiled here (the
     * README cannot name a method that no longer exists) and not called.
     */
    static void chooseProvidersInCode(String elevenLabsKey) throws IOException {
        try (TtsClient tts = TtsClient.builder()
                .provider(ElevenLabsProvider.builder().apiKey(ApiKey.of(elevenLabsKey)).build())
                .provider(MaryTtsProvider.create())                  // offline last resort
                .voice("narrator", v -> v.on("elevenlabs", "21m00Tcm4TlvDq8ikWAM").on("marytts", "cmu-slt-hsmm"))
                .build()) {
            SpeechResult r = tts.synthesize(SpeechRequest.builder().text("Hello there.").voice("narrator").build());
            Files.write(Path.of("hello.wav"), r.audioBytes());
        }
    }

    /** "Testing your code": an error that is not retried fails over to the backup at once. */
    @Test
    void testingYourCodeFailsOver() {
        MockTtsProvider primary = MockTtsProvider.builder("primary")
                .then(MockOutcome.error(AuthenticationException.builder("HTTP 401").provider("primary").build()))
                .build();
        try (TtsClient tts = TtsClient.builder().provider(primary).provider(MockTtsProvider.alwaysAudio("backup")).build()) {
            assertEquals("backup", tts.synthesize(SpeechRequest.of("Hi.")).provider());
            assertEquals(1, primary.callCount());                    // a rejected key is not retried: straight to failover
        }
    }

    /** "Testing your code": a 503 is retried after a backoff that the manual sleeper records instead of sleeping. */
    @Test
    void testingYourCodeRetriesWithoutSleeping() {
        ManualClock clock = new ManualClock();
        ManualSleeper sleeper = new ManualSleeper(clock);
        MockTtsProvider flaky = MockTtsProvider.builder("flaky")
                .then(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("flaky").build()))
                .build();
        try (TtsClient tts = TtsClient.builder().clock(clock).sleeper(sleeper).provider(flaky).build()) {
            assertEquals("flaky", tts.synthesize(SpeechRequest.of("Hi.")).provider());    // the retry answered
            assertEquals(2, flaky.callCount());
            assertEquals(1, sleeper.sleeps().size());                                     // one backoff, recorded
        }
    }

    /** "Metrics and tracing": the snippet with a simple registry and an observation registry that keeps what it sees. */
    @Test
    void metricsAndTracing() {
        SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
        ObservationRegistry observationRegistry = ObservationRegistry.create();
        List<String> observed = new CopyOnWriteArrayList<>();
        observationRegistry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public void onStop(Observation.Context context) {
                observed.add(context.getName() + " " + context.getLowCardinalityKeyValue("provider").getValue());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });

        TtsMetrics metrics = TtsMetrics.builder(meterRegistry).observations(observationRegistry).build();
        try (TtsClient tts = TtsClient.builder().provider(MaryTtsProvider.create()).listener(metrics.listener()).build()) {
            metrics.bindTo(tts);                                     // breaker state per provider, cache size
            tts.synthesize(SpeechRequest.of("Hello there."));
        }

        assertEquals(1, meterRegistry.get("ttskit.requests").tags("provider", "marytts", "outcome", "success").timer().count());
        assertTrue(observed.contains("ttskit.request marytts"), observed.toString());
        assertEquals(1.0, meterRegistry.get("ttskit.breaker.state").tags("provider", "marytts", "state", "closed").gauge().value());
    }

    /**
     * "Many instances as one": the snippet against a database that is not there. The cluster degrades
     * to local defaults (one WARN per piece) and the request is answered all the same.
     */
    @Test
    void manyInstancesAsOne() {
        String dbUrl = "jdbc:postgresql://127.0.0.1:1/ttskit";
        String dbUser = "ttskit";
        String dbPassword = "unused";
        SpeechResult r;

        try (TtsCluster cluster = TtsCluster.builder().jdbcUrl(dbUrl, dbUser, dbPassword).concurrencyLimit("elevenlabs", 4).build();
             TtsClient tts = TtsClient.builder().sharedState(cluster).cache(CachePolicy.maxBytes(64 << 20))
                     .provider(MaryTtsProvider.create()).build()) {
            r = tts.synthesize(SpeechRequest.of("Hello there."));
        }

        assertEquals("marytts", r.provider());
    }
}
