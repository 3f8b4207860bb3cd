package dev.ttskit.xtts;

import dev.ttskit.testkit.ManualClock;
import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ModelException;
import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import dev.ttskit.spi.VoiceTarget;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ttskit.xtts.internal.TinyModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(NoLeaks.class)
class XttsProviderTest {
    private final ResourceManager resources = ResourceManager.create();
    private final XttsProvider provider = XttsProvider.builder().modelDir(TinyModel.dir()).intraOpThreads(1).build();

    @TempDir
    Path tmp;

    @AfterEach
    void close() {
        provider.close();
        resources.close();
    }

    private CallContext ctx() {
        return CallContext.of(Duration.ofMinutes(1), Clock.systemUTC(), new CancellationToken(), resources);
    }

    private static ProviderRequest request(String text, AudioFormat format, VoiceTarget voice, Map<String, Object> options) {
        SpeechRequest.Builder b = SpeechRequest.builder().text(text).language("en").format(format).seed(11);
        options.forEach(b::option);
        return ProviderRequest.of(XttsProvider.ID, b.build(), Optional.ofNullable(voice), format);
    }

    /** Greedy, and capped: the random built-in voices need not sample the stop token early. */
    private static ProviderRequest greedy(String text, AudioFormat format) {
        return request(text, format, null, Map.of("do_sample", false, "max_codes", 40));
    }

    private static short[] pcm(byte[] bytes, int offset) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, bytes.length - offset).order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[(bytes.length - offset) / 2];
        for (int i = 0; i < out.length; i++) out[i] = b.getShort();
        return out;
    }

    @Test
    void capabilitiesComeFromTheManifest() {
        ProviderCapabilities c = provider.capabilities();
        assertEquals("local-xtts", provider.id());
        assertTrue(c.formats().contains(AudioFormat.WAV_PCM16_24K));
        assertTrue(c.formats().contains(AudioFormat.PCM16_24K));
        assertTrue(c.streaming());
        assertTrue(c.voiceCloning());
        assertTrue(c.local());
        assertFalse(c.paid());
        assertEquals(java.util.Set.of("en", "es", "fr", "de", "ru"), c.languages());
        assertEquals(250, c.maxCharsFor(Optional.of("en-GB")));
        assertEquals(182, c.maxCharsFor(Optional.of("ru")));
        assertEquals(0.85, provider.samplingDefaults().topP());
    }

    @Test
    void builderFailsFastAndOverridesSamplingDefaults() {
        assertThrows(IllegalStateException.class, () -> XttsProvider.builder().build());
        assertThrows(IllegalArgumentException.class, () -> XttsProvider.builder().topP(0));
        assertThrows(IllegalArgumentException.class, () -> XttsProvider.builder().intraOpThreads(-1));
        assertThrows(ModelException.class, () -> XttsProvider.builder().modelDir(tmp).build());
        XttsProvider p = XttsProvider.builder().modelDir(TinyModel.dir()).temperature(0.5).topK(3).greedy(true).build();
        assertEquals(0.5, p.samplingDefaults().temperature());
        assertEquals(3, p.samplingDefaults().topK());
        assertFalse(p.samplingDefaults().doSample());
    }

    @Test
    void synthesizesWav24kWithTheDefaultVoiceAndAccountsTheModel() {
        SpeechResult r = provider.synthesize(greedy("Hello there.", AudioFormat.WAV_PCM16_24K), ctx());
        byte[] wav = r.audioBytes();
        assertEquals("local-xtts", r.provider());
        assertEquals(AudioFormat.WAV_PCM16_24K, r.format());
        assertEquals(0x46464952, ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
        assertEquals(24000, ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(24));
        assertEquals(wav.length - 44, ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(40));
        short[] samples = pcm(wav, 44);
        assertTrue(samples.length > 0 && samples.length % 256 == 0, "whole frames: " + samples.length);
        assertTrue(Arrays.stream(toInts(samples)).map(Math::abs).max().orElse(0) > 10, "not silent");
        assertEquals(1, resources.stats().loadedModels());
        assertTrue(resources.stats().modelNativeBytes() > 700_000);
    }

    private static int[] toInts(short[] s) {
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) out[i] = s[i];
        return out;
    }

    @Test
    void greedyIsDeterministicAndSeededSamplingIsReproducible() {
        byte[] a = provider.synthesize(greedy("Hello there.", AudioFormat.PCM16_24K), ctx()).audioBytes();
        byte[] b = provider.synthesize(greedy("Hello there.", AudioFormat.PCM16_24K), ctx()).audioBytes();
        assertArrayEquals(a, b);
        byte[] s1 = provider.synthesize(request("Hello there.", AudioFormat.PCM16_24K, null, Map.of("max_codes", 30)), ctx()).audioBytes();
        byte[] s2 = provider.synthesize(request("Hello there.", AudioFormat.PCM16_24K, null, Map.of("max_codes", 30)), ctx()).audioBytes();
        assertArrayEquals(s1, s2);
    }

    @Test
    void builtInVoicesAreListedAndSelectable() {
        List<Voice> voices = provider.voices(ctx());
        assertEquals(List.of("Tiny Alice", "Tiny Bob"), voices.stream().map(v -> v.id().value()).toList());
        byte[] alice = provider.synthesize(request("Hello.", AudioFormat.PCM16_24K, VoiceTarget.id("Tiny Alice"), Map.of("do_sample", false)), ctx()).audioBytes();
        byte[] bob = provider.synthesize(request("Hello.", AudioFormat.PCM16_24K, VoiceTarget.id("Tiny Bob"), Map.of("do_sample", false)), ctx()).audioBytes();
        assertFalse(Arrays.equals(alice, bob));
        assertThrows(UnsupportedRequestException.class,
                () -> provider.synthesize(request("Hello.", AudioFormat.PCM16_24K, VoiceTarget.id("Nobody"), Map.of()), ctx()));
    }

    @Test
    void unsupportedFormatLanguageAndBadOptionsAreTyped() {
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(greedy("Hi.", AudioFormat.MP3_44K_128), ctx()));
        ProviderRequest italian = ProviderRequest.of(XttsProvider.ID, SpeechRequest.builder().text("Ciao.").language("it").build(),
                Optional.empty(), AudioFormat.WAV_PCM16_24K);
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(italian, ctx()));
        assertThrows(ValidationException.class,
                () -> provider.synthesize(request("Hi.", AudioFormat.PCM16_24K, null, Map.of("top_p", 2.0)), ctx()));
        ValidationException topK = assertThrows(ValidationException.class,
                () -> provider.synthesize(request("Hi.", AudioFormat.PCM16_24K, null, Map.of("top_k", 2.5)), ctx()));
        assertTrue(topK.getMessage().contains("option top_k for provider local-xtts must be a whole number, was 2.5"), topK.getMessage());
        ValidationException codes = assertThrows(ValidationException.class,
                () -> provider.synthesize(request("Hi.", AudioFormat.PCM16_24K, null, Map.of("max_codes", "0")), ctx()));
        assertTrue(codes.getMessage().contains("max_codes") && codes.getMessage().contains(">= 1"), codes.getMessage());
        ValidationException sample = assertThrows(ValidationException.class,
                () -> provider.synthesize(request("Hi.", AudioFormat.PCM16_24K, null, Map.of("do_sample", "maybe")), ctx()));
        assertTrue(sample.getMessage().contains("do_sample") && sample.getMessage().contains("'maybe'"), sample.getMessage());
    }

    @Test
    void clonesAVoiceFromAWavOncePersistsItAndReusesIt() throws IOException {
        float[] signal = TinyModel.f32("signal_44k.f32");
        byte[] wav = WavCodec.encode(PcmAudio.of(signal, 44100, 1));
        Path ref = tmp.resolve("ref.wav");
        Files.write(ref, wav);
        Path cache = tmp.resolve("voices");
        XttsProvider cloning = XttsProvider.builder().modelDir(TinyModel.dir()).voiceCacheDir(cache).build();
        ProviderRequest r = request("Hello.", AudioFormat.PCM16_24K, VoiceTarget.reference(ref), Map.of("do_sample", false));
        byte[] first = cloning.synthesize(r, ctx()).audioBytes();
        List<Path> stored;
        try (var files = Files.walk(cache)) {
            stored = files.filter(p -> p.toString().endsWith(".voice")).toList();
        }
        assertEquals(1, stored.size());
        try (var files = Files.walk(cache)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList(), "the write-then-rename file is gone");
        }
        assertEquals((32 * 32 + 16) * 4, Files.size(stored.get(0)));
        assertTrue(stored.get(0).getFileName().toString().startsWith(dev.ttskit.xtts.internal.VoiceCache.sha256(wav)));
        // A new provider reads the persisted voice; poisoning the record proves it is not cloned again.
        byte[] record = Files.readAllBytes(stored.get(0));
        XttsProvider again = XttsProvider.builder().modelDir(TinyModel.dir()).voiceCacheDir(cache).build();
        assertArrayEquals(first, again.synthesize(r, ctx()).audioBytes());
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putFloat(record.length - 4, 0.5f);
        Files.write(stored.get(0), record);
        XttsProvider third = XttsProvider.builder().modelDir(TinyModel.dir()).voiceCacheDir(cache).build();
        assertFalse(Arrays.equals(first, third.synthesize(r, ctx()).audioBytes()));
        // Audio too short for a conditioning chunk is a validation error.
        Path tiny = tmp.resolve("short.wav");
        Files.write(tiny, WavCodec.encode(PcmAudio.of(Arrays.copyOf(signal, 4000), 44100, 1)));
        assertThrows(ValidationException.class,
                () -> cloning.synthesize(request("Hi.", AudioFormat.PCM16_24K, VoiceTarget.reference(tiny), Map.of()), ctx()));
    }

    @Test
    void streamEqualsOnePassDecode() throws IOException {
        byte[] whole = provider.synthesize(greedy("Hello there.", AudioFormat.PCM16_24K), ctx()).audioBytes();
        byte[] streamed;
        try (AudioStream s = provider.stream(greedy("Hello there.", AudioFormat.PCM16_24K), ctx())) {
            streamed = s.readAllBytes();
        }
        short[] a = pcm(whole, 0);
        short[] b = pcm(streamed, 0);
        assertEquals(a.length, b.length);
        int worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        assertTrue(worst <= 1, "largest PCM difference " + worst + " LSB");
        try (AudioStream s = provider.stream(greedy("Hello there.", AudioFormat.WAV_PCM16_24K), ctx())) {
            byte[] wav = s.readAllBytes();
            assertEquals(-1, ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(40), "streaming header has unknown length");
            assertEquals(whole.length, wav.length - 44);
        }
    }

    /** A clock that stops at its n-th reading until the test lets it go: a deterministic point mid-generation. */
    private static final class GateClock extends Clock {
        final AtomicInteger reads = new AtomicInteger();
        final int stopAt;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        GateClock(int stopAt) {
            this.stopAt = stopAt;
        }

        @Override
        public Instant instant() {
            if (reads.incrementAndGet() == stopAt) {
                reached.countDown();
                try {
                    proceed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void cancellationStopsASynthesisMidGeneration() throws Exception {
        loaded();   // the gate below counts clock reads of generation, not of waiting for the load
        GateClock clock = new GateClock(10);
        CancellationToken token = new CancellationToken();
        CallContext c = CallContext.of(Duration.ofMinutes(1), clock, token, resources);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try {
            Future<SpeechResult> f = exec.submit(() -> provider.synthesize(greedy("Hello there.", AudioFormat.PCM16_24K), c));
            assertTrue(clock.reached.await(10, TimeUnit.SECONDS));
            token.cancel();
            clock.proceed.countDown();
            Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
            assertInstanceOf(CancelledException.class, e.getCause());
        } finally {
            exec.shutdownNow();
        }
    }

    @Test
    void deadlinePassingMidGenerationIsATimeout() throws Exception {
        loaded();   // the gate below counts clock reads of generation, not of waiting for the load
        GateClock clock = new GateClock(10);
        CallContext c = CallContext.of(Duration.ofSeconds(5), clock, new CancellationToken(), resources);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try {
            Future<SpeechResult> f = exec.submit(() -> provider.synthesize(greedy("Hello there.", AudioFormat.PCM16_24K), c));
            assertTrue(clock.reached.await(10, TimeUnit.SECONDS));
            clock.now = clock.now.plusSeconds(6);
            clock.proceed.countDown();
            Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
            assertInstanceOf(TtsTimeoutException.class, e.getCause());
        } finally {
            exec.shutdownNow();
        }
        CallContext expired = CallContext.of(Duration.ofMillis(1), Clock.offset(Clock.systemUTC(), Duration.ZERO), new CancellationToken(), resources)
                .withEarlierDeadline(Instant.EPOCH);
        assertThrows(TtsTimeoutException.class, () -> provider.synthesize(greedy("Hi.", AudioFormat.PCM16_24K), expired));
    }

    @Test
    void cancellingAStreamEndsItWithTheCancellation() throws Exception {
        loaded();   // the gate below counts clock reads of generation, not of waiting for the load
        GateClock clock = new GateClock(20);
        CancellationToken token = new CancellationToken();
        CallContext c = CallContext.of(Duration.ofMinutes(1), clock, token, resources);
        try (AudioStream s = provider.stream(greedy("Hello there.", AudioFormat.PCM16_24K), c)) {
            assertTrue(clock.reached.await(10, TimeUnit.SECONDS));
            token.cancel();
            clock.proceed.countDown();
            IOException e = assertThrows(IOException.class, () -> drain(s));
            assertInstanceOf(CancelledException.class, e.getCause());
        }
    }

    /** Loads the model before a test whose clock must see only generation. */
    private void loaded() {
        assertNotNull(provider.synthesize(greedy("Hi.", AudioFormat.PCM16_24K), ctx()));
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // read to the end or the failure
        }
    }

    @Test
    void concurrentSynthesesGiveTheSameAudio() throws Exception {
        byte[] expected = provider.synthesize(greedy("Hello there.", AudioFormat.PCM16_24K), ctx()).audioBytes();
        ExecutorService exec = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(exec.submit(() -> provider.synthesize(greedy("Hello there.", AudioFormat.PCM16_24K), ctx()).audioBytes()));
            }
            for (Future<byte[]> f : results) assertArrayEquals(expected, f.get(60, TimeUnit.SECONDS));
        } finally {
            exec.shutdownNow();
        }
    }

    @Test
    void idleUnloadAndCloseReleaseTheModel() {
        ManualClock clock = new ManualClock();
        ResourceManager rm = ResourceManager.builder().clock(clock).modelIdleTimeout(Duration.ofMinutes(1)).build();
        try {
            CallContext c = CallContext.of(Duration.ofMinutes(1), Clock.systemUTC(), new CancellationToken(), rm);
            provider.synthesize(greedy("Hi.", AudioFormat.PCM16_24K), c);
            assertEquals(1, rm.stats().loadedModels());
            clock.advance(Duration.ofMinutes(2));
            rm.sweep();
            assertEquals(0, rm.stats().loadedModels());
            assertEquals(0, rm.stats().modelNativeBytes());
            assertNotNull(provider.synthesize(greedy("Hi.", AudioFormat.PCM16_24K), c));
            assertEquals(1, rm.stats().loadedModels());
            rm.close();
            assertEquals(0, rm.stats().loadedModels());
            assertEquals(0, rm.stats().openStreams());
        } finally {
            rm.close();
        }
    }

    @Test
    void theModelLeaseIsReleasedWhenSynthesisFails() throws Exception {
        ManualClock idle = new ManualClock();
        ResourceManager rm = ResourceManager.builder().clock(idle).modelIdleTimeout(Duration.ofMinutes(1)).build();
        try {
            CallContext c = CallContext.of(Duration.ofMinutes(1), Clock.systemUTC(), new CancellationToken(), rm);
            ProviderRequest badOption = request("Hi.", AudioFormat.PCM16_24K, null, Map.of("max_codes", 0));
            assertThrows(ValidationException.class, () -> provider.synthesize(badOption, c));
            assertReleased(rm, idle, "a synthesis refused after the model was leased");

            assertThrows(ValidationException.class, () -> provider.stream(badOption, c));
            assertReleased(rm, idle, "a stream refused before it started");

            GateClock gate = new GateClock(10);
            CancellationToken token = new CancellationToken();
            CallContext gated = CallContext.of(Duration.ofMinutes(1), gate, token, rm);
            provider.synthesize(greedy("Hi.", AudioFormat.PCM16_24K), c);   // loaded, so the gate counts generation only
            ExecutorService exec = Executors.newSingleThreadExecutor();
            try {
                Future<SpeechResult> f = exec.submit(() -> provider.synthesize(greedy("Hello there.", AudioFormat.PCM16_24K), gated));
                assertTrue(gate.reached.await(10, TimeUnit.SECONDS));
                token.cancel();
                gate.proceed.countDown();
                Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
                assertInstanceOf(CancelledException.class, e.getCause());
            } finally {
                exec.shutdownNow();
            }
            assertReleased(rm, idle, "a synthesis cancelled mid-generation");

            GateClock streamGate = new GateClock(20);
            CancellationToken streamToken = new CancellationToken();
            provider.synthesize(greedy("Hi.", AudioFormat.PCM16_24K), c);
            try (AudioStream s = provider.stream(greedy("Hello there.", AudioFormat.PCM16_24K),
                    CallContext.of(Duration.ofMinutes(1), streamGate, streamToken, rm))) {
                assertTrue(streamGate.reached.await(10, TimeUnit.SECONDS));
                streamToken.cancel();
                streamGate.proceed.countDown();
                assertThrows(IOException.class, () -> drain(s));
            }
            assertReleased(rm, idle, "a stream whose generation failed");
        } finally {
            rm.close();
        }
    }

    /** A model still leased is never unloaded: so an idle sweep that unloads it proves the lease ended. */
    private static void assertReleased(ResourceManager rm, ManualClock idle, String after) {
        idle.advance(Duration.ofMinutes(2));
        rm.sweep();
        assertEquals(0, rm.stats().loadedModels(), "the model lease was released after " + after);
    }

    @Test
    void aCallerWhoseDeadlinePassesWhileTheModelLoadsGetsATimeoutNamingTheProviderAndTheLoadGoesOn() {
        // Each reading of this clock is a second later: the deadline passes at the first look after the
        // entry check, i.e. while the cold model loads.
        Clock stepping = new Clock() {
            private final AtomicInteger reads = new AtomicInteger();

            @Override
            public Instant instant() {
                return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(reads.getAndIncrement());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        CallContext hurried = CallContext.of(Duration.ofMillis(1500), stepping, new CancellationToken(), resources);
        TtsTimeoutException e = assertThrows(TtsTimeoutException.class,
                () -> provider.synthesize(greedy("Hi.", AudioFormat.PCM16_24K), hurried));
        assertEquals(Optional.of(XttsProvider.ID), e.provider());
        assertNotNull(provider.synthesize(greedy("Hi.", AudioFormat.PCM16_24K), ctx()), "the next caller gets the model");
        assertEquals(1, resources.stats().loadedModels());
    }

    @Test
    void brokenModelDirectoryFailsAsAModelError() throws IOException {
        TinyModel.copyTo(tmp);
        Files.write(tmp.resolve("gpt.onnx"), new byte[] {0, 1, 2});
        XttsProvider broken = XttsProvider.builder().modelDir(tmp).build();
        ModelException e = assertThrows(ModelException.class, () -> broken.synthesize(greedy("Hi.", AudioFormat.PCM16_24K), ctx()));
        assertEquals(ErrorCategory.MODEL, e.category());
        assertTrue(e.getMessage().contains("gpt.onnx"), e.getMessage());
        assertEquals(0, resources.stats().loadedModels());
    }

    @Test
    void factoryIsFoundByServiceLoaderAndConfiguredByXttsModelDir() {
        TtsProviderFactory factory = ServiceLoader.load(TtsProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.id().equals("local-xtts")).findFirst().orElseThrow();
        assertTrue(factory.create(Settings.of(Map.of())).isEmpty());
        Optional<TtsProvider> p = factory.create(Settings.of(Map.of("XTTS_MODEL_DIR", TinyModel.dir().toString(), "XTTS_THREADS", "1")));
        assertTrue(p.isPresent());
        assertEquals("local-xtts", p.get().id());
        assertThrows(IllegalArgumentException.class, () -> factory.create(Settings.of(Map.of(
                "XTTS_MODEL_DIR", TinyModel.dir().toString(), "XTTS_EXECUTION_PROVIDER", "tpu"))));
    }
}
