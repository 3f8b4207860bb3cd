package dev.ttskit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the client's policies from {@link Settings}: every operational limit the builder takes as a
 * policy object also has a setting, so {@code TtsClient.fromEnv()} and the Spring properties reach
 * it. A policy with none of its settings present is the policy's default; a bad value fails with an
 * {@link IllegalArgumentException} naming the setting and the value.
 */
final class PolicySettings {
    static final String RETRY_MAX_ATTEMPTS = "TTSKIT_RETRY_MAX_ATTEMPTS";
    static final String RETRY_INITIAL_BACKOFF = "TTSKIT_RETRY_INITIAL_BACKOFF";
    static final String RETRY_MAX_BACKOFF = "TTSKIT_RETRY_MAX_BACKOFF";
    static final String RETRY_MAX_RETRY_AFTER = "TTSKIT_RETRY_MAX_RETRY_AFTER";
    static final String RETRY_BUDGET_RATIO = "TTSKIT_RETRY_BUDGET_RATIO";
    static final String RETRY_BUDGET_BURST = "TTSKIT_RETRY_BUDGET_BURST";

    static final String BREAKER_WINDOW_SIZE = "TTSKIT_BREAKER_WINDOW_SIZE";
    static final String BREAKER_MINIMUM_CALLS = "TTSKIT_BREAKER_MINIMUM_CALLS";
    static final String BREAKER_FAILURE_RATE = "TTSKIT_BREAKER_FAILURE_RATE";
    static final String BREAKER_OPEN_DURATION = "TTSKIT_BREAKER_OPEN_DURATION";
    static final String BREAKER_HALF_OPEN_CALLS = "TTSKIT_BREAKER_HALF_OPEN_CALLS";
    static final String BREAKER_MAX_HALF_OPEN_WAIT = "TTSKIT_BREAKER_MAX_HALF_OPEN_WAIT";

    static final String AUDIO_CHECKS = "TTSKIT_AUDIO_CHECKS";
    static final String AUDIO_FRAME_FLOOR_DBFS = "TTSKIT_AUDIO_FRAME_FLOOR_DBFS";
    static final String AUDIO_MIN_ACTIVE_FRACTION = "TTSKIT_AUDIO_MIN_ACTIVE_FRACTION";
    static final String AUDIO_MIN_RMS_DBFS = "TTSKIT_AUDIO_MIN_RMS_DBFS";
    static final String AUDIO_MIN_DURATION_PER_CHAR = "TTSKIT_AUDIO_MIN_DURATION_PER_CHAR";
    static final String AUDIO_STREAM_PROBE = "TTSKIT_AUDIO_STREAM_PROBE";

    static final String HEDGE_DELAY = "TTSKIT_HEDGE_DELAY";
    static final String HEDGE_ADAPTIVE = "TTSKIT_HEDGE_ADAPTIVE";
    static final String HEDGE_PROVIDERS = "TTSKIT_HEDGE_PROVIDERS";
    static final String HEDGE_ALLOW_PAID = "TTSKIT_HEDGE_ALLOW_PAID";

    static final String HTTP_CONNECT_TIMEOUT = "TTSKIT_HTTP_CONNECT_TIMEOUT";
    static final String HTTP_READ_TIMEOUT = "TTSKIT_HTTP_READ_TIMEOUT";
    static final String HTTP_WRITE_TIMEOUT = "TTSKIT_HTTP_WRITE_TIMEOUT";
    static final String HTTP_MAX_REQUESTS = "TTSKIT_HTTP_MAX_REQUESTS";
    static final String HTTP_MAX_REQUESTS_PER_HOST = "TTSKIT_HTTP_MAX_REQUESTS_PER_HOST";
    static final String HTTP_MAX_IDLE_CONNECTIONS = "TTSKIT_HTTP_MAX_IDLE_CONNECTIONS";
    static final String HTTP_KEEP_ALIVE = "TTSKIT_HTTP_KEEP_ALIVE";

    static final String CACHE_MAX_BYTES = "TTSKIT_CACHE_MAX_BYTES";
    static final String CACHE_TTL = "TTSKIT_CACHE_TTL";
    static final String MODEL_LOAD_TIMEOUT = "TTSKIT_MODEL_LOAD_TIMEOUT";
    static final String LONG_TEXT_PARALLELISM = "TTSKIT_LONG_TEXT_PARALLELISM";

    private PolicySettings() {
    }

    static RetryPolicy retry(Settings s) {
        Optional<Long> attempts = s.number(RETRY_MAX_ATTEMPTS);
        Optional<Duration> initial = s.duration(RETRY_INITIAL_BACKOFF);
        Optional<Duration> max = s.duration(RETRY_MAX_BACKOFF);
        Optional<Duration> retryAfter = s.duration(RETRY_MAX_RETRY_AFTER);
        Optional<Double> ratio = s.decimal(RETRY_BUDGET_RATIO);
        Optional<Long> burst = s.number(RETRY_BUDGET_BURST);
        if (noneSet(attempts, initial, max, retryAfter, ratio, burst)) return RetryPolicy.DEFAULT;
        RetryPolicy defaults = RetryPolicy.DEFAULT;
        RetryPolicy.Builder b = RetryPolicy.builder();
        attempts.ifPresent(n -> check(s, () -> b.maxAttempts(toInt(n)), RETRY_MAX_ATTEMPTS));
        if (initial.isPresent() || max.isPresent()) {
            Duration i = initial.orElse(defaults.initialBackoff());
            Duration m = max.orElse(i.compareTo(defaults.maxBackoff()) > 0 ? i : defaults.maxBackoff());
            check(s, () -> b.backoff(i, m), RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF);
        }
        retryAfter.ifPresent(d -> b.maxRetryAfter(d));
        if (ratio.isPresent() || burst.isPresent()) {
            double r = ratio.orElse(defaults.budgetRatio());
            long n = burst.orElse((long) defaults.budgetBurst());
            check(s, () -> b.budget(r, toInt(n)), RETRY_BUDGET_RATIO, RETRY_BUDGET_BURST);
        }
        return b.build();
    }

    static BreakerPolicy breaker(Settings s) {
        Optional<Long> window = s.number(BREAKER_WINDOW_SIZE);
        Optional<Long> minimum = s.number(BREAKER_MINIMUM_CALLS);
        Optional<Double> rate = s.decimal(BREAKER_FAILURE_RATE);
        Optional<Duration> open = s.duration(BREAKER_OPEN_DURATION);
        Optional<Long> probes = s.number(BREAKER_HALF_OPEN_CALLS);
        Optional<Duration> halfOpenWait = s.duration(BREAKER_MAX_HALF_OPEN_WAIT);
        if (noneSet(window, minimum, rate, open, probes, halfOpenWait)) return BreakerPolicy.DEFAULT;
        BreakerPolicy defaults = BreakerPolicy.DEFAULT;
        BreakerPolicy.Builder b = BreakerPolicy.builder();
        if (window.isPresent() || minimum.isPresent()) {
            long size = window.orElse((long) defaults.windowSize());
            long min = minimum.orElse(Math.min(size, defaults.minimumCalls()));
            check(s, () -> b.window(toInt(size), toInt(min)), BREAKER_WINDOW_SIZE, BREAKER_MINIMUM_CALLS);
        }
        rate.ifPresent(r -> check(s, () -> b.failureRateThreshold(r.floatValue()), BREAKER_FAILURE_RATE));
        open.ifPresent(b::openDuration);
        probes.ifPresent(n -> check(s, () -> b.halfOpenCalls(toInt(n)), BREAKER_HALF_OPEN_CALLS));
        halfOpenWait.ifPresent(b::maxHalfOpenWait);
        return b.build();
    }

    static AudioCheckPolicy audioChecks(Settings s) {
        Optional<Boolean> on = s.flag(AUDIO_CHECKS);
        Optional<Double> floor = s.decimal(AUDIO_FRAME_FLOOR_DBFS);
        Optional<Double> active = s.decimal(AUDIO_MIN_ACTIVE_FRACTION);
        Optional<Double> rms = s.decimal(AUDIO_MIN_RMS_DBFS);
        Optional<Duration> perChar = perCharDuration(s);
        Optional<Duration> probe = s.duration(AUDIO_STREAM_PROBE);
        if (on.isPresent() && !on.get()) return AudioCheckPolicy.OFF;
        if (noneSet(floor, active, rms, perChar, probe)) return AudioCheckPolicy.DEFAULT;
        AudioCheckPolicy.Builder b = AudioCheckPolicy.builder();
        floor.ifPresent(v -> check(s, () -> b.frameFloorDbfs(v), AUDIO_FRAME_FLOOR_DBFS));
        active.ifPresent(v -> check(s, () -> b.minActiveFraction(v), AUDIO_MIN_ACTIVE_FRACTION));
        rms.ifPresent(v -> check(s, () -> b.minRmsDbfs(v), AUDIO_MIN_RMS_DBFS));
        perChar.ifPresent(v -> check(s, () -> b.minDurationPerChar(v), AUDIO_MIN_DURATION_PER_CHAR));
        probe.ifPresent(v -> check(s, () -> b.streamProbe(v), AUDIO_STREAM_PROBE));
        return named(s, b::build, AUDIO_FRAME_FLOOR_DBFS, AUDIO_MIN_ACTIVE_FRACTION, AUDIO_MIN_RMS_DBFS);
    }

    /** {@code 0} turns the duration check off, so it is allowed here though other durations must be positive. */
    private static Optional<Duration> perCharDuration(Settings s) {
        Optional<String> raw = s.get(AUDIO_MIN_DURATION_PER_CHAR);
        if (raw.isPresent() && raw.get().matches("0+(\\.0*)?(ms|s)?")) return Optional.of(Duration.ZERO);
        return s.duration(AUDIO_MIN_DURATION_PER_CHAR);
    }

    static HedgePolicy hedging(Settings s) {
        Optional<Duration> delay = s.duration(HEDGE_DELAY);
        Optional<Boolean> adaptive = s.flag(HEDGE_ADAPTIVE);
        List<String> onto = s.list(HEDGE_PROVIDERS);
        Optional<Boolean> allowPaid = s.flag(HEDGE_ALLOW_PAID);
        if (delay.isEmpty()) {
            if (adaptive.isPresent() || !onto.isEmpty() || allowPaid.isPresent()) {
                throw new IllegalArgumentException(HEDGE_DELAY + " is not set, so hedging is off, but "
                        + (adaptive.isPresent() ? HEDGE_ADAPTIVE : !onto.isEmpty() ? HEDGE_PROVIDERS : HEDGE_ALLOW_PAID)
                        + " is; set " + HEDGE_DELAY + " (e.g. 800ms) to turn hedging on");
            }
            return HedgePolicy.OFF;
        }
        HedgePolicy.Builder b = adaptive.orElse(false) ? HedgePolicy.atP95(delay.get()) : HedgePolicy.after(delay.get());
        if (!onto.isEmpty()) b.onto(onto.toArray(String[]::new));
        allowPaid.ifPresent(b::allowPaid);
        return b.build();
    }

    static HttpSettings http(Settings s) {
        Optional<Duration> connect = s.duration(HTTP_CONNECT_TIMEOUT);
        Optional<Duration> read = s.duration(HTTP_READ_TIMEOUT);
        Optional<Duration> write = s.duration(HTTP_WRITE_TIMEOUT);
        Optional<Long> max = s.number(HTTP_MAX_REQUESTS);
        Optional<Long> perHost = s.number(HTTP_MAX_REQUESTS_PER_HOST);
        Optional<Long> idle = s.number(HTTP_MAX_IDLE_CONNECTIONS);
        Optional<Duration> keepAlive = s.duration(HTTP_KEEP_ALIVE);
        if (noneSet(connect, read, write, max, perHost, idle, keepAlive)) return HttpSettings.DEFAULTS;
        HttpSettings d = HttpSettings.DEFAULTS;
        long requests = max.orElse((long) d.maxRequests());
        long requestsPerHost = perHost.orElse(Math.min(requests, d.maxRequestsPerHost()));
        return named(s, () -> new HttpSettings(connect.orElse(d.connectTimeout()), read.orElse(d.readTimeout()), write.orElse(d.writeTimeout()),
                        toInt(requests), toInt(requestsPerHost), toInt(idle.orElse((long) d.maxIdleConnections())), keepAlive.orElse(d.keepAlive())),
                HTTP_MAX_REQUESTS, HTTP_MAX_REQUESTS_PER_HOST, HTTP_MAX_IDLE_CONNECTIONS, HTTP_KEEP_ALIVE);
    }

    /** The cache the settings ask for: none unless {@value #CACHE_MAX_BYTES} is set. */
    static Optional<CachePolicy> cache(Settings s) {
        Optional<Long> budget = s.number(CACHE_MAX_BYTES);
        Optional<Duration> ttl = s.duration(CACHE_TTL);
        if (budget.isEmpty()) {
            if (ttl.isPresent()) {
                throw new IllegalArgumentException(CACHE_TTL + " is set but " + CACHE_MAX_BYTES + " is not, so the cache is off; set both");
            }
            return Optional.empty();
        }
        CachePolicy policy = named(s, () -> CachePolicy.maxBytes(budget.get()), CACHE_MAX_BYTES);
        return Optional.of(ttl.map(policy::expireAfterWrite).orElse(policy));
    }

    static LongTextPolicy longText(Settings s) {
        Optional<Long> parallelism = s.number(LONG_TEXT_PARALLELISM);
        if (parallelism.isEmpty()) return LongTextPolicy.DEFAULT;
        return named(s, () -> LongTextPolicy.builder().parallelism(toInt(parallelism.get())).build(), LONG_TEXT_PARALLELISM);
    }

    private static boolean noneSet(Optional<?>... values) {
        for (Optional<?> v : values) {
            if (v.isPresent()) return false;
        }
        return true;
    }

    private static int toInt(long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) throw new IllegalArgumentException("out of range: " + value);
        return (int) value;
    }

    private static void check(Settings s, Runnable apply, String... settings) {
        named(s, () -> {
            apply.run();
            return null;
        }, settings);
    }

    /** Runs a policy setter, putting the settings' names and values as written in front of its complaint. */
    private static <T> T named(Settings s, Supplier<T> apply, String... settings) {
        try {
            return apply.get();
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            StringBuilder values = new StringBuilder();
            for (String name : settings) {
                if (names.length() > 0) {
                    names.append(" / ");
                    values.append(" / ");
                }
                names.append(name);
                values.append(s.get(name).map(v -> "'" + v + "'").orElse("(default)"));
            }
            throw new IllegalArgumentException(names + " = " + values + ": " + e.getMessage(), e);
        }
    }
}
