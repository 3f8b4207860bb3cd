package dev.ttskit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicySettingsTest {
    private static final Settings NONE = Settings.of(Map.of());

    @Test
    void withNoSettingEveryPolicyIsItsDefault() {
        assertSame(RetryPolicy.DEFAULT, PolicySettings.retry(NONE));
        assertSame(BreakerPolicy.DEFAULT, PolicySettings.breaker(NONE));
        assertSame(AudioCheckPolicy.DEFAULT, PolicySettings.audioChecks(NONE));
        assertSame(HedgePolicy.OFF, PolicySettings.hedging(NONE));
        assertSame(HttpSettings.DEFAULTS, PolicySettings.http(NONE));
        assertSame(LongTextPolicy.DEFAULT, PolicySettings.longText(NONE));
        assertEquals(Optional.empty(), PolicySettings.cache(NONE));
    }

    @Test
    void retrySettings() {
        RetryPolicy p = PolicySettings.retry(Settings.of(Map.of("TTSKIT_RETRY_MAX_ATTEMPTS", "5", "TTSKIT_RETRY_INITIAL_BACKOFF", "200ms",
                "TTSKIT_RETRY_MAX_BACKOFF", "4s", "TTSKIT_RETRY_MAX_RETRY_AFTER", "30s", "TTSKIT_RETRY_BUDGET_RATIO", "0.25",
                "TTSKIT_RETRY_BUDGET_BURST", "3")));
        assertEquals(5, p.maxAttempts());
        assertEquals(Duration.ofMillis(200), p.initialBackoff());
        assertEquals(Duration.ofSeconds(4), p.maxBackoff());
        assertEquals(Duration.ofSeconds(30), p.maxRetryAfter());
        assertEquals(0.25, p.budgetRatio());
        assertEquals(3, p.budgetBurst());
    }

    @Test
    void aLongerInitialBackoffAloneRaisesTheCapWithIt() {
        RetryPolicy p = PolicySettings.retry(Settings.of(Map.of("TTSKIT_RETRY_INITIAL_BACKOFF", "5s")));
        assertEquals(Duration.ofSeconds(5), p.initialBackoff());
        assertEquals(Duration.ofSeconds(5), p.maxBackoff());
        assertEquals(RetryPolicy.DEFAULT.maxAttempts(), p.maxAttempts());
    }

    @Test
    void breakerSettings() {
        BreakerPolicy p = PolicySettings.breaker(Settings.of(Map.of("TTSKIT_BREAKER_WINDOW_SIZE", "50", "TTSKIT_BREAKER_MINIMUM_CALLS", "10",
                "TTSKIT_BREAKER_FAILURE_RATE", "75.5", "TTSKIT_BREAKER_OPEN_DURATION", "1m", "TTSKIT_BREAKER_HALF_OPEN_CALLS", "4",
                "TTSKIT_BREAKER_MAX_HALF_OPEN_WAIT", "90s")));
        assertEquals(50, p.windowSize());
        assertEquals(10, p.minimumCalls());
        assertEquals(75.5f, p.failureRateThreshold());
        assertEquals(Duration.ofMinutes(1), p.openDuration());
        assertEquals(4, p.halfOpenCalls());
        assertEquals(Duration.ofSeconds(90), p.maxHalfOpenWait());
        // A window smaller than the default minimum takes the window as its minimum.
        assertEquals(3, PolicySettings.breaker(Settings.of(Map.of("TTSKIT_BREAKER_WINDOW_SIZE", "3"))).minimumCalls());
    }

    @Test
    void audioCheckSettings() {
        AudioCheckPolicy p = PolicySettings.audioChecks(Settings.of(Map.of("TTSKIT_AUDIO_FRAME_FLOOR_DBFS", "-40",
                "TTSKIT_AUDIO_MIN_ACTIVE_FRACTION", "0.2", "TTSKIT_AUDIO_MIN_RMS_DBFS", "-55", "TTSKIT_AUDIO_MIN_DURATION_PER_CHAR", "10ms",
                "TTSKIT_AUDIO_STREAM_PROBE", "500ms")));
        assertTrue(p.enabled());
        assertEquals(-40, p.frameFloorDbfs());
        assertEquals(0.2, p.minActiveFraction());
        assertEquals(-55, p.minRmsDbfs());
        assertEquals(Duration.ofMillis(10), p.minDurationPerChar());
        assertEquals(Duration.ofMillis(500), p.streamProbe());
        assertSame(AudioCheckPolicy.OFF, PolicySettings.audioChecks(Settings.of(Map.of("TTSKIT_AUDIO_CHECKS", "off"))));
        assertEquals(Duration.ZERO, PolicySettings.audioChecks(Settings.of(Map.of("TTSKIT_AUDIO_MIN_DURATION_PER_CHAR", "0")))
                .minDurationPerChar());
    }

    @Test
    void hedgingIsOnOnlyWithADelay() {
        HedgePolicy fixed = PolicySettings.hedging(Settings.of(Map.of("TTSKIT_HEDGE_DELAY", "800ms")));
        assertTrue(fixed.enabled());
        assertFalse(fixed.adaptive());
        assertEquals(Duration.ofMillis(800), fixed.delay());
        HedgePolicy p95 = PolicySettings.hedging(Settings.of(Map.of("TTSKIT_HEDGE_DELAY", "2s", "TTSKIT_HEDGE_ADAPTIVE", "true",
                "TTSKIT_HEDGE_PROVIDERS", "local-xtts, marytts", "TTSKIT_HEDGE_ALLOW_PAID", "yes")));
        assertTrue(p95.adaptive());
        assertEquals(Set.of("local-xtts", "marytts"), p95.providers());
        assertTrue(p95.allowPaid());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicySettings.hedging(Settings.of(Map.of("TTSKIT_HEDGE_PROVIDERS", "marytts"))));
        assertTrue(e.getMessage().contains("TTSKIT_HEDGE_DELAY") && e.getMessage().contains("TTSKIT_HEDGE_PROVIDERS"), e.getMessage());
    }

    @Test
    void httpSettings() {
        HttpSettings h = PolicySettings.http(Settings.of(Map.of("TTSKIT_HTTP_CONNECT_TIMEOUT", "3s", "TTSKIT_HTTP_READ_TIMEOUT", "45s",
                "TTSKIT_HTTP_WRITE_TIMEOUT", "20s", "TTSKIT_HTTP_MAX_REQUESTS", "32")));
        assertEquals(Duration.ofSeconds(3), h.connectTimeout());
        assertEquals(Duration.ofSeconds(45), h.readTimeout());
        assertEquals(Duration.ofSeconds(20), h.writeTimeout());
        assertEquals(32, h.maxRequests());
        assertEquals(32, h.maxRequestsPerHost());         // the default per-host limit is capped by the total
        HttpSettings pool = PolicySettings.http(Settings.of(Map.of("TTSKIT_HTTP_MAX_IDLE_CONNECTIONS", "40", "TTSKIT_HTTP_KEEP_ALIVE", "15s")));
        assertEquals(40, pool.maxIdleConnections());
        assertEquals(Duration.ofSeconds(15), pool.keepAlive());
        assertEquals(HttpSettings.DEFAULTS.maxRequests(), pool.maxRequests());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicySettings.http(Settings.of(Map.of("TTSKIT_HTTP_MAX_IDLE_CONNECTIONS", "-1"))));
        assertTrue(e.getMessage().contains("TTSKIT_HTTP_MAX_IDLE_CONNECTIONS") && e.getMessage().contains("'-1'"), e.getMessage());
    }

    @Test
    void cacheAndLongText() {
        CachePolicy c = PolicySettings.cache(Settings.of(Map.of("TTSKIT_CACHE_MAX_BYTES", "1048576", "TTSKIT_CACHE_TTL", "10m")))
                .orElseThrow();
        assertEquals(1 << 20, c.maxBytes());
        assertEquals(Optional.of(Duration.ofMinutes(10)), c.expireAfterWrite());
        assertEquals(4, PolicySettings.longText(Settings.of(Map.of("TTSKIT_LONG_TEXT_PARALLELISM", "4"))).parallelism());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicySettings.cache(Settings.of(Map.of("TTSKIT_CACHE_TTL", "10m"))));
        assertTrue(e.getMessage().contains("TTSKIT_CACHE_MAX_BYTES"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "TTSKIT_RETRY_MAX_ATTEMPTS|11",
            "TTSKIT_RETRY_MAX_ATTEMPTS|three",
            "TTSKIT_RETRY_INITIAL_BACKOFF|soon",
            "TTSKIT_RETRY_BUDGET_RATIO|1.5",
            "TTSKIT_RETRY_BUDGET_BURST|-1",
            "TTSKIT_BREAKER_WINDOW_SIZE|0",
            "TTSKIT_BREAKER_MINIMUM_CALLS|30",
            "TTSKIT_BREAKER_FAILURE_RATE|150",
            "TTSKIT_BREAKER_FAILURE_RATE|NaN",
            "TTSKIT_BREAKER_OPEN_DURATION|-5s",
            "TTSKIT_BREAKER_HALF_OPEN_CALLS|0",
            "TTSKIT_AUDIO_CHECKS|maybe",
            "TTSKIT_AUDIO_FRAME_FLOOR_DBFS|10",
            "TTSKIT_AUDIO_MIN_ACTIVE_FRACTION|2",
            "TTSKIT_AUDIO_MIN_RMS_DBFS|0",
            "TTSKIT_AUDIO_MIN_DURATION_PER_CHAR|2s",
            "TTSKIT_AUDIO_STREAM_PROBE|5ms",
            "TTSKIT_HEDGE_DELAY|0",
            "TTSKIT_HEDGE_ADAPTIVE|sometimes",
            "TTSKIT_HTTP_CONNECT_TIMEOUT|fast",
            "TTSKIT_HTTP_MAX_REQUESTS|0",
            "TTSKIT_HTTP_MAX_REQUESTS_PER_HOST|2000",
            "TTSKIT_HTTP_MAX_IDLE_CONNECTIONS|-1",
            "TTSKIT_HTTP_KEEP_ALIVE|0s",
            "TTSKIT_CACHE_MAX_BYTES|0",
            "TTSKIT_CACHE_MAX_BYTES|lots",
            "TTSKIT_LONG_TEXT_PARALLELISM|0",
    })
    void aBadValueNamesTheSettingAndTheValue(String name, String value) {
        Settings s = Settings.of(Map.of(name, value));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            PolicySettings.retry(s);
            PolicySettings.breaker(s);
            PolicySettings.audioChecks(s);
            PolicySettings.hedging(s);
            PolicySettings.http(s);
            PolicySettings.cache(s);
            PolicySettings.longText(s);
        });
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }
}
