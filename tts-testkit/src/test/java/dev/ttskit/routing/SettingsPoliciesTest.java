package dev.ttskit.routing;

import dev.ttskit.AudioCheckPolicy;
import dev.ttskit.CircuitState;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RetryPolicy;
import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policies a client reads from its settings change what the router does; a policy set on the
 * builder wins over the settings.
 */
@ExtendWith(NoLeaks.class)
class SettingsPoliciesTest {
    private final ManualClock clock = new ManualClock();
    private final ManualSleeper sleeper = new ManualSleeper(clock);

    private static MockTtsProvider unavailable(String id, int times) {
        MockTtsProvider.Builder b = MockTtsProvider.builder(id);
        for (int i = 0; i < times; i++) {
            b.then(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider(id).providerStatus(503).build()));
        }
        return b.build();
    }

    @Test
    void retrySettingsDecideHowOftenAProviderIsCalled() {
        MockTtsProvider flaky = unavailable("flaky", 10);
        Settings s = Settings.of(Map.of("TTSKIT_RETRY_MAX_ATTEMPTS", "5", "TTSKIT_RETRY_INITIAL_BACKOFF", "1s", "TTSKIT_RETRY_MAX_BACKOFF", "1s"));
        try (TtsClient tts = TtsClient.builder().settings(s).provider(flaky).clock(clock).sleeper(sleeper).build()) {
            assertThrows(TtsException.class, () -> tts.synthesize(SpeechRequest.of("Hello there, settings.")));
            assertEquals(5, flaky.callCount());
            assertEquals(4, sleeper.sleeps().size());
            assertTrue(sleeper.sleeps().stream().allMatch(d -> d.compareTo(Duration.ofSeconds(1)) <= 0), sleeper.sleeps().toString());
        }
    }

    @Test
    void aRetryPolicyOnTheBuilderWinsOverTheSettings() {
        MockTtsProvider flaky = unavailable("flaky", 10);
        Settings s = Settings.of(Map.of("TTSKIT_RETRY_MAX_ATTEMPTS", "5"));
        try (TtsClient tts = TtsClient.builder().settings(s).retry(RetryPolicy.NONE).provider(flaky).clock(clock).sleeper(sleeper).build()) {
            assertThrows(TtsException.class, () -> tts.synthesize(SpeechRequest.of("Hello there, builder.")));
            assertEquals(1, flaky.callCount());
        }
    }

    @Test
    void breakerSettingsDecideWhenItOpens() {
        MockTtsProvider down = unavailable("down", 10);
        Settings s = Settings.of(Map.of("TTSKIT_RETRY_MAX_ATTEMPTS", "1", "TTSKIT_BREAKER_WINDOW_SIZE", "2",
                "TTSKIT_BREAKER_MINIMUM_CALLS", "2", "TTSKIT_BREAKER_OPEN_DURATION", "10m"));
        try (TtsClient tts = TtsClient.builder().settings(s).provider(down).clock(clock).sleeper(sleeper).build()) {
            for (int i = 0; i < 2; i++) {
                int n = i;
                assertThrows(TtsException.class, () -> tts.synthesize(SpeechRequest.of("Request number " + n + " to a dead provider.")));
            }
            assertEquals(CircuitState.OPEN, tts.health().get(0).state());
            assertThrows(TtsException.class, () -> tts.synthesize(SpeechRequest.of("A third request, refused by the breaker.")));
            assertEquals(2, down.callCount());
        }
    }

    @Test
    void audioChecksOffLetSilenceThrough() {
        String text = "Silence is not speech, unless the checks are off.";
        MockTtsProvider quiet = MockTtsProvider.builder("quiet").then(MockOutcome.silence(Duration.ofSeconds(2))).build();
        try (TtsClient tts = TtsClient.builder().settings(Settings.of(Map.of("TTSKIT_AUDIO_CHECKS", "false"))).provider(quiet)
                .clock(clock).sleeper(sleeper).build()) {
            assertEquals("quiet", tts.synthesize(SpeechRequest.of(text)).provider());
        }
        MockTtsProvider checked = MockTtsProvider.builder("checked").then(MockOutcome.silence(Duration.ofSeconds(2))).build();
        try (TtsClient tts = TtsClient.builder().settings(Settings.of(Map.of("TTSKIT_AUDIO_CHECKS", "false")))
                .audioChecks(AudioCheckPolicy.DEFAULT).retry(RetryPolicy.NONE).provider(checked).clock(clock).sleeper(sleeper).build()) {
            assertThrows(TtsException.class, () -> tts.synthesize(SpeechRequest.of(text)));
        }
    }

    @Test
    void aBadSettingFailsTheBuildNamingIt() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TtsClient.builder()
                .settings(Settings.of(Map.of("TTSKIT_BREAKER_FAILURE_RATE", "150"))).provider(a).build());
        assertTrue(e.getMessage().contains("TTSKIT_BREAKER_FAILURE_RATE") && e.getMessage().contains("150"), e.getMessage());
        IllegalArgumentException load = assertThrows(IllegalArgumentException.class, () -> TtsClient.builder()
                .settings(Settings.of(Map.of("TTSKIT_MODEL_LOAD_TIMEOUT", "eventually"))).provider(a).build());
        assertTrue(load.getMessage().contains("TTSKIT_MODEL_LOAD_TIMEOUT") && load.getMessage().contains("eventually"), load.getMessage());
        IllegalArgumentException reserve = assertThrows(IllegalArgumentException.class, () -> TtsClient.builder()
                .settings(Settings.of(Map.of("TTSKIT_ATTEMPT_RESERVE", "0.95"))).provider(a).build());
        assertTrue(reserve.getMessage().contains("TTSKIT_ATTEMPT_RESERVE") && reserve.getMessage().contains("0.95"), reserve.getMessage());
    }

    @Test
    void withoutDiscoveryOnlyTheProvidersAddedCount() {
        Settings s = Settings.of(Map.of("ENVMOCK_ENABLED", "true"));
        try (TtsClient tts = TtsClient.builder().settings(s).build()) {
            assertEquals(java.util.List.of("envmock"), tts.providerIds());          // found on the class path
        }
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> TtsClient.builder().settings(s).discoverProviders(false).build());
        assertTrue(none.getMessage().contains("no provider"), none.getMessage());
        try (TtsClient tts = TtsClient.builder().settings(s).discoverProviders(false).provider(MockTtsProvider.alwaysAudio("own")).build()) {
            assertEquals(java.util.List.of("own"), tts.providerIds());
        }
    }
}
