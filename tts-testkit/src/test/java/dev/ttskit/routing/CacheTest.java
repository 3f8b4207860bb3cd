package dev.ttskit.routing;

import dev.ttskit.testkit.ManualClock;
import dev.ttskit.CachePolicy;
import dev.ttskit.CacheStats;
import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The opt-in result cache: hits call no provider; keys cover every parameter; the byte budget evicts. */
@ExtendWith(NoLeaks.class)
class CacheTest {
    private final ManualClock clock = new ManualClock();
    private final Events events = new Events();

    private TtsClient client(CachePolicy policy, MockTtsProvider... providers) {
        TtsClient.Builder b = TtsClient.builder().clock(clock).cache(policy).listener(events);
        for (MockTtsProvider p : providers) b.provider(p);
        return b.build();
    }

    @Test
    void aHitCallsNoProvider() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        try (TtsClient tts = client(CachePolicy.maxBytes(1_000_000), a)) {
            SpeechResult first = tts.synthesize(SpeechRequest.of("Hello world."));
            SpeechResult second = tts.synthesize(SpeechRequest.of("  Hello \n world. "));
            assertEquals(1, a.callCount(), "normalised whitespace hits the cache");
            assertArrayEquals(first.audioBytes(), second.audioBytes());
            assertEquals(List.of("cache miss", "cache hit"), events.starting("cache"));
            CacheStats stats = tts.cacheStats().orElseThrow();
            assertEquals(1, stats.hits());
            assertEquals(1, stats.misses());
            assertEquals(1, stats.entries());
            assertTrue(stats.bytes() >= first.size(), "weighed by bytes: " + stats);
            assertEquals(0.5, stats.hitRate());
        }
    }

    @Test
    void everySynthesisParameterAndTheChainArePartOfTheKey() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(CachePolicy.maxBytes(10_000_000), a, b)) {
            SpeechRequest base = SpeechRequest.of("Hello world.");
            List<SpeechRequest> variants = List.of(base,
                    base.toBuilder().voice("narrator").build(),
                    base.toBuilder().language("de").build(),
                    base.toBuilder().format(AudioFormat.WAV_PCM16_16K).build(),
                    base.toBuilder().speed(1.2).build(),
                    base.toBuilder().seed(7).build(),
                    base.toBuilder().option("stability", 0.4).build(),
                    base.toBuilder().providers(List.of("b")).build(),
                    base.toBuilder().text("Hello World.").build());
            for (SpeechRequest r : variants) tts.synthesize(r);
            assertEquals(variants.size(), tts.cacheStats().orElseThrow().misses(), "each variant is its own entry");
            for (SpeechRequest r : variants) tts.synthesize(r);
            assertEquals(variants.size(), tts.cacheStats().orElseThrow().hits());
            assertEquals(variants.size(), a.callCount() + b.callCount());
        }
    }

    @Test
    void theByteBudgetEvicts() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        // 300 ms of 24 kHz PCM16 WAV is 14,444 bytes: two fit in 35,000, three do not.
        try (TtsClient tts = client(CachePolicy.maxBytes(35_000), a)) {
            for (String text : List.of("One.", "Two.", "Three.")) tts.synthesize(SpeechRequest.of(text));
            CacheStats stats = tts.cacheStats().orElseThrow();
            assertEquals(1, stats.evictions(), stats.toString());
            assertEquals(2, stats.entries());
            assertTrue(stats.bytes() <= 35_000 && stats.bytes() > 28_000, stats.toString());
            assertEquals(35_000, stats.maxBytes());
        }
    }

    @Test
    void entriesExpireOnTheInjectedClock() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        try (TtsClient tts = client(CachePolicy.maxBytes(1_000_000).expireAfterWrite(Duration.ofMinutes(1)), a)) {
            tts.synthesize(SpeechRequest.of("Hi."));
            clock.advance(Duration.ofSeconds(30));
            tts.synthesize(SpeechRequest.of("Hi."));
            assertEquals(1, a.callCount());
            clock.advance(Duration.ofSeconds(31));
            tts.synthesize(SpeechRequest.of("Hi."));
            assertEquals(2, a.callCount());
        }
    }

    @Test
    void failuresAreNotCached() {
        MockTtsProvider a = MockTtsProvider.builder("a")
                .then(dev.ttskit.testkit.MockOutcome.error(dev.ttskit.AuthenticationException.builder("401").provider("a").build())).build();
        try (TtsClient tts = client(CachePolicy.maxBytes(1_000_000), a)) {
            assertThrows(dev.ttskit.AuthenticationException.class, () -> tts.synthesize(SpeechRequest.of("Hi.")));
            tts.synthesize(SpeechRequest.of("Hi."));
            assertEquals(2, a.callCount());
        }
    }

    @Test
    void theSettingTurnsTheCacheOnAndItIsOffByDefault() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        try (TtsClient tts = TtsClient.builder().provider(a).build()) {
            assertTrue(tts.cacheStats().isEmpty());
        }
        try (TtsClient tts = TtsClient.builder().provider(a).settings(Settings.of(Map.of("TTSKIT_CACHE_MAX_BYTES", "2000000"))).build()) {
            assertEquals(2_000_000, tts.cacheStats().orElseThrow().maxBytes());
        }
        try (TtsClient tts = TtsClient.builder().provider(a).settings(Settings.of(Map.of("TTSKIT_CACHE_MAX_BYTES", "2000000")))
                .noCache().build()) {
            assertTrue(tts.cacheStats().isEmpty());
        }
        assertThrows(IllegalArgumentException.class, () -> CachePolicy.maxBytes(0));
    }
}
