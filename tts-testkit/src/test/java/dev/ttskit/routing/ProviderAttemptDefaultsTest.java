package dev.ttskit.routing;

import dev.ttskit.AttemptPolicy;
import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.spi.CallContext;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A provider declares its own default attempt limits (a slow cloud prediction, a local model that
 * loads on its first call); what the application sets overrides them, field by field for settings,
 * whole for the builder. The router hands the limits to each attempt in its {@link CallContext}.
 */
@ExtendWith(NoLeaks.class)
class ProviderAttemptDefaultsTest {
    private static final SpeechRequest HI = SpeechRequest.of("Hello there.");
    private static final AttemptPolicy SLOW = AttemptPolicy.builder().attemptTimeout(Duration.ofSeconds(45))
            .firstByteTimeout(Duration.ofSeconds(20)).idleTimeout(Duration.ofSeconds(7)).build();

    private final ManualClock clock = new ManualClock();
    private final ManualSleeper sleeper = new ManualSleeper(clock);

    private static ContextRecorder declaring(String id, AttemptPolicy defaults) {
        return new ContextRecorder(MockTtsProvider.builder(id)
                .capabilities(MockTtsProvider.defaultCapabilities().toBuilder().attemptDefaults(defaults).build()).build());
    }

    /** The only call's context: its deadline is the attempt's cap (one provider, so no reserve). */
    private CallContext only(ContextRecorder p, TtsClient.Builder builder) {
        try (TtsClient tts = builder.provider(p).clock(clock).sleeper(sleeper).build()) {
            tts.synthesize(HI);
        }
        return p.contexts.get(0);
    }

    @Test
    void aProvidersDeclaredLimitsApplyWhenTheApplicationSetsNone() {
        ContextRecorder slow = declaring("slow", SLOW);
        Instant start = clock.instant();
        CallContext ctx = only(slow, TtsClient.builder());
        assertEquals(start.plusSeconds(45), ctx.deadline(), "the declared attempt cap");
        assertEquals(Duration.ofSeconds(20), ctx.firstByteTimeout().orElseThrow());
        assertEquals(Duration.ofSeconds(7), ctx.idleTimeout().orElseThrow());
    }

    @Test
    void aProviderThatDeclaresNoneGetsTheDefaults() {
        ContextRecorder plain = new ContextRecorder(MockTtsProvider.alwaysAudio("plain"));
        Instant start = clock.instant();
        CallContext ctx = only(plain, TtsClient.builder());
        assertEquals(start.plus(AttemptPolicy.DEFAULT.attemptTimeout()), ctx.deadline());
        assertEquals(AttemptPolicy.DEFAULT.firstByteTimeout(), ctx.firstByteTimeout().orElseThrow());
        assertEquals(AttemptPolicy.DEFAULT.idleTimeout(), ctx.idleTimeout().orElseThrow());
    }

    @Test
    void settingsOverrideTheDeclaredLimitsFieldByField() {
        Instant start = clock.instant();
        CallContext idleOnly = only(declaring("slow", SLOW),
                TtsClient.builder().settings(Settings.of(Map.of("TTSKIT_IDLE_TIMEOUT", "3s"))));
        assertEquals(start.plusSeconds(45), idleOnly.deadline(), "the declared cap stays");
        assertEquals(Duration.ofSeconds(20), idleOnly.firstByteTimeout().orElseThrow(), "the declared first byte stays");
        assertEquals(Duration.ofSeconds(3), idleOnly.idleTimeout().orElseThrow(), "TTSKIT_IDLE_TIMEOUT wins");

        CallContext capped = only(declaring("slow", SLOW),
                TtsClient.builder().settings(Settings.of(Map.of("TTSKIT_ATTEMPT_TIMEOUT", "10s"))));
        assertEquals(start.plusSeconds(10), capped.deadline(), "TTSKIT_ATTEMPT_TIMEOUT wins");
        assertEquals(Duration.ofSeconds(10), capped.firstByteTimeout().orElseThrow(), "a declared first byte never outlasts the cap set");

        CallContext firstByte = only(declaring("slow", SLOW),
                TtsClient.builder().settings(Settings.of(Map.of("TTSKIT_FIRST_BYTE_TIMEOUT", "4s"))));
        assertEquals(start.plusSeconds(45), firstByte.deadline());
        assertEquals(Duration.ofSeconds(4), firstByte.firstByteTimeout().orElseThrow(), "TTSKIT_FIRST_BYTE_TIMEOUT wins");
    }

    @Test
    void theBuildersLimitsReplaceTheDeclaredOnesAndOneProvidersWinOverAll() {
        Instant start = clock.instant();
        AttemptPolicy all = AttemptPolicy.builder().attemptTimeout(Duration.ofSeconds(12)).build();
        CallContext forAll = only(declaring("slow", SLOW), TtsClient.builder().attemptLimits(all));
        assertEquals(start.plusSeconds(12), forAll.deadline());
        assertEquals(Duration.ofSeconds(10), forAll.idleTimeout().orElseThrow(), "the builder's policy is taken whole");

        AttemptPolicy mine = AttemptPolicy.builder().attemptTimeout(Duration.ofSeconds(50)).firstByteTimeout(Duration.ofSeconds(30)).build();
        CallContext forOne = only(declaring("slow", SLOW), TtsClient.builder().attemptLimits(all).attemptLimits("slow", mine));
        assertEquals(start.plusSeconds(50), forOne.deadline());
        assertEquals(Duration.ofSeconds(30), forOne.firstByteTimeout().orElseThrow());
    }

    @Test
    void declaredLimitsLongerThanTheDeadlineAreCappedByItNotRefused() {
        AttemptPolicy long2m = AttemptPolicy.builder().attemptTimeout(Duration.ofMinutes(2)).firstByteTimeout(Duration.ofMinutes(1)).build();
        Instant start = clock.instant();
        CallContext ctx = only(declaring("slow", long2m), TtsClient.builder().timeout(Duration.ofSeconds(5)));
        assertEquals(start.plusSeconds(5), ctx.deadline(), "the request's deadline bounds the declared cap");
    }
}
