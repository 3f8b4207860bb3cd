package dev.ttskit.routing;

import dev.ttskit.AudioStream;
import dev.ttskit.CachePolicy;
import dev.ttskit.CircuitState;
import dev.ttskit.RateLimitException;
import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import dev.ttskit.testkit.TestSharedState;
import dev.ttskit.testkit.TestSharedStateFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared-state hooks: the cache's far tier, a permit per provider attempt, ownership by the client. */
@ExtendWith(NoLeaks.class)
class SharedStateTest {

    @Test
    void aResultStoredByOneClientIsAHitOnAnotherThatCallsNoProvider() {
        TestSharedState shared = new TestSharedState();
        MockTtsProvider onA = MockTtsProvider.alwaysAudio("mock");
        MockTtsProvider onB = MockTtsProvider.alwaysAudio("mock");
        try (TtsClient a = TtsClient.builder().sharedState(shared).cache(CachePolicy.maxBytes(1 << 20)).provider(onA).build();
             TtsClient b = TtsClient.builder().sharedState(shared).cache(CachePolicy.maxBytes(1 << 20)).provider(onB).build()) {
            SpeechResult first = a.synthesize(SpeechRequest.of("Mind the gap."));
            assertEquals(1, shared.stored.size());
            assertFalse(shared.stored.keySet().iterator().next().contains("gap"), "the key is a digest, not the text");
            SpeechResult hit = b.synthesize(SpeechRequest.of("Mind  the gap."));   // same after normalising
            assertArrayEquals(first.audioBytes(), hit.audioBytes());
            assertEquals(0, onB.callCount());
            // Now near on B too: the far tier is not asked again.
            int reads = shared.storeReads.get();
            b.synthesize(SpeechRequest.of("Mind the gap."));
            assertEquals(reads, shared.storeReads.get());
        }
        assertEquals(0, shared.closed.get(), "a state given to the builder stays the caller's");
        shared.close();
    }

    @Test
    void everyAttemptHoldsAPermitUntilItEndsAndAStreamUntilItIsClosed() throws IOException {
        TestSharedState shared = new TestSharedState();
        try (TtsClient tts = TtsClient.builder().sharedState(shared).provider(MockTtsProvider.alwaysAudio("mock")).build()) {
            tts.synthesize(SpeechRequest.of("One."));
            assertEquals(1, shared.acquired.get());
            assertEquals(1, shared.released.get());
            try (AudioStream s = tts.stream(SpeechRequest.of("Two, streamed."))) {
                assertEquals(2, shared.acquired.get());
                assertEquals(1, shared.released.get(), "held while the stream is open");
                s.readAllBytes();
            }
            assertEquals(2, shared.released.get());
        }
        shared.close();
    }

    @Test
    void anAccountLimitRefusalFailsOverAndNeverOpensTheBreaker() {
        TestSharedState shared = new TestSharedState();
        shared.refuse((id, request) -> id.equals("primary")
                ? RateLimitException.builder("all call slots taken").provider(id).concurrencyLimit(true).build() : null);
        MockTtsProvider primary = MockTtsProvider.alwaysAudio("primary");
        try (TtsClient tts = TtsClient.builder().sharedState(shared).provider(primary).provider(MockTtsProvider.alwaysAudio("backup")).build()) {
            for (int i = 0; i < 12; i++) assertEquals("backup", tts.synthesize(SpeechRequest.of("Refused " + i + ".")).provider());
            assertEquals(0, primary.callCount());
            assertEquals(CircuitState.CLOSED, tts.health().get(0).state());
        }
        shared.close();
    }

    @Test
    void sharedStateFromSettingsIsFoundAndClosedWithTheClient() {
        TtsClient tts = TtsClient.builder().settings(Settings.of(Map.of("ENVMOCK_ENABLED", "1", "TESTSHARED_ENABLED", "1"))).build();
        TestSharedState made = TestSharedStateFactory.last;
        try (tts) {
            tts.synthesize(SpeechRequest.of("From the environment."));
            assertTrue(made.acquired.get() >= 1);
        }
        assertEquals(1, made.closed.get());
        TtsClient plain = TtsClient.builder().settings(Settings.of(Map.of("ENVMOCK_ENABLED", "1"))).build();
        try (plain) {
            assertSame(made, TestSharedStateFactory.last, "no shared state without its settings");
            plain.synthesize(SpeechRequest.of("Alone."));
        }
    }
}
