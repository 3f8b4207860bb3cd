package dev.ttskit.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ttskit.*} properties: every setting of {@code TtsClient.fromEnv()} under the Spring
 * property named in the README's settings table, plus the Spring-only switches
 * ({@code ttskit.enabled}, {@code ttskit.<provider>.enabled}) and logical voices. A property left
 * unset keeps ttskit's default; values are checked when the client is built, and a bad one fails the
 * start-up naming the property.
 */
@ConfigurationProperties("ttskit")
public class TtsProperties {
    /** Whether the TtsClient bean is created. */
    private boolean enabled = true;

    /** Providers to use, in failover order (ids: elevenlabs, openai, replicate, polly, local-xtts, marytts). Empty: every provider whose adapter is present and configured, in the default order, the embedded voice last. */
    private List<String> providers = new ArrayList<>();
    /** Deadline of a request that sets none (60 s when unset). */
    private @Nullable Duration timeout;
    /** Longest text for one synthesize or stream call (10,000 when unset). */
    private @Nullable Integer maxTextChars;
    /** Logical voices: voice name, then provider id, then that provider's voice id; a value starting with file: is a reference recording for cloning providers. */
    private Map<String, Map<String, String>> voices = new LinkedHashMap<>();
    /** Calls one provider may have in flight, by provider id (e.g. elevenlabs: 20); a provider left out follows its account's advertised limit. */
    private Map<String, Integer> maxConcurrency = new LinkedHashMap<>();
    private final Attempt attempt = new Attempt();
    private final Retry retry = new Retry();
    private final Breaker breaker = new Breaker();
    private final Cache cache = new Cache();
    private final AudioChecks audioChecks = new AudioChecks();
    private final Hedging hedging = new Hedging();
    private final Http http = new Http();
    private final Models models = new Models();
    private final LongText longText = new LongText();
    private final ElevenLabs elevenlabs = new ElevenLabs();
    private final OpenAi openai = new OpenAi();
    private final Replicate replicate = new Replicate();
    private final Polly polly = new Polly();
    private final Xtts xtts = new Xtts();
    private final MaryTts marytts = new MaryTts();
    private final Cluster cluster = new Cluster();

    /** {@return the {@code ttskit.enabled} property: whether the TtsClient bean is created} */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets the {@code ttskit.enabled} property.
     *
     * @param enabled whether the TtsClient bean is created
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** {@return the {@code ttskit.providers} property: providers to use, in failover order (ids: elevenlabs, openai, replicate, polly, local-xtts, marytts). Empty: every provider whose adapter is present and configured, in the default order, the embedded voice last} */
    public List<String> getProviders() {
        return providers;
    }

    /**
     * Sets the {@code ttskit.providers} property.
     *
     * @param providers providers to use, in failover order (ids: elevenlabs, openai, replicate, polly, local-xtts, marytts). Empty: every provider whose adapter is present and configured, in the default order, the embedded voice last
     */
    public void setProviders(List<String> providers) {
        this.providers = providers;
    }

    /** {@return the {@code ttskit.timeout} property: deadline of a request that sets none (60 s when unset); null when unset} */
    public @Nullable Duration getTimeout() {
        return timeout;
    }

    /**
     * Sets the {@code ttskit.timeout} property.
     *
     * @param timeout deadline of a request that sets none (60 s when unset); null leaves the default
     */
    public void setTimeout(@Nullable Duration timeout) {
        this.timeout = timeout;
    }

    /** {@return the {@code ttskit.max-text-chars} property: longest text for one synthesize or stream call (10,000 when unset); null when unset} */
    public @Nullable Integer getMaxTextChars() {
        return maxTextChars;
    }

    /**
     * Sets the {@code ttskit.max-text-chars} property.
     *
     * @param maxTextChars longest text for one synthesize or stream call (10,000 when unset); null leaves the default
     */
    public void setMaxTextChars(@Nullable Integer maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    /** {@return the {@code ttskit.voices} property: logical voices: voice name, then provider id, then that provider's voice id; a value starting with file: is a reference recording for cloning providers} */
    public Map<String, Map<String, String>> getVoices() {
        return voices;
    }

    /**
     * Sets the {@code ttskit.voices} property.
     *
     * @param voices logical voices: voice name, then provider id, then that provider's voice id; a value starting with file: is a reference recording for cloning providers
     */
    public void setVoices(Map<String, Map<String, String>> voices) {
        this.voices = voices;
    }

    /** {@return the {@code ttskit.attempt.*} properties; never null} */
    public Attempt getAttempt() {
        return attempt;
    }

    /** {@return the {@code ttskit.retry.*} properties; never null} */
    public Retry getRetry() {
        return retry;
    }

    /** {@return the {@code ttskit.breaker.*} properties; never null} */
    public Breaker getBreaker() {
        return breaker;
    }

    /** {@return the {@code ttskit.cache.*} properties; never null} */
    public Cache getCache() {
        return cache;
    }

    /** {@return the {@code ttskit.audio-checks.*} properties; never null} */
    public AudioChecks getAudioChecks() {
        return audioChecks;
    }

    /** {@return the {@code ttskit.hedging.*} properties; never null} */
    public Hedging getHedging() {
        return hedging;
    }

    /** {@return the {@code ttskit.max-concurrency} property: calls one provider may have in flight, by provider id (e.g. elevenlabs: 20); a provider left out follows its account's advertised limit} */
    public Map<String, Integer> getMaxConcurrency() {
        return maxConcurrency;
    }

    /**
     * Sets the {@code ttskit.max-concurrency} property.
     *
     * @param maxConcurrency calls one provider may have in flight, by provider id (e.g. elevenlabs: 20); a provider left out follows its account's advertised limit
     */
    public void setMaxConcurrency(Map<String, Integer> maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
    }

    /** {@return the {@code ttskit.cluster.*} properties; never null} */
    public Cluster getCluster() {
        return cluster;
    }

    /** {@return the {@code ttskit.http.*} properties; never null} */
    public Http getHttp() {
        return http;
    }

    /** {@return the {@code ttskit.models.*} properties; never null} */
    public Models getModels() {
        return models;
    }

    /** {@return the {@code ttskit.long-text.*} properties; never null} */
    public LongText getLongText() {
        return longText;
    }

    /** {@return the {@code ttskit.elevenlabs.*} properties; never null} */
    public ElevenLabs getElevenlabs() {
        return elevenlabs;
    }

    /** {@return the {@code ttskit.openai.*} properties; never null} */
    public OpenAi getOpenai() {
        return openai;
    }

    /** {@return the {@code ttskit.replicate.*} properties; never null} */
    public Replicate getReplicate() {
        return replicate;
    }

    /** {@return the {@code ttskit.polly.*} properties; never null} */
    public Polly getPolly() {
        return polly;
    }

    /** {@return the {@code ttskit.xtts.*} properties; never null} */
    public Xtts getXtts() {
        return xtts;
    }

    /** {@return the {@code ttskit.marytts.*} properties; never null} */
    public MaryTts getMarytts() {
        return marytts;
    }

    /** The {@code ttskit.attempt.*} properties. */
    public static class Attempt {
        /** Cap of one provider attempt (30 s when unset). */
        private @Nullable Duration timeout;
        /** Longest wait for a stream's first audio (10 s when unset). */
        private @Nullable Duration firstByteTimeout;
        /** Longest gap between two reads of a flowing stream (10 s when unset). */
        private @Nullable Duration idleTimeout;
        /** Fraction (0 to 0.9) of the remaining deadline an attempt leaves to the providers after it (0.5 when unset). */
        private @Nullable Double reserve;

        /** {@return the {@code ttskit.attempt.timeout} property: cap of one provider attempt (30 s when unset); null when unset} */
        public @Nullable Duration getTimeout() {
            return timeout;
        }

        /**
         * Sets the {@code ttskit.attempt.timeout} property.
         *
         * @param timeout cap of one provider attempt (30 s when unset); null leaves the default
         */
        public void setTimeout(@Nullable Duration timeout) {
            this.timeout = timeout;
        }

        /** {@return the {@code ttskit.attempt.first-byte-timeout} property: longest wait for a stream's first audio (10 s when unset); null when unset} */
        public @Nullable Duration getFirstByteTimeout() {
            return firstByteTimeout;
        }

        /**
         * Sets the {@code ttskit.attempt.first-byte-timeout} property.
         *
         * @param firstByteTimeout longest wait for a stream's first audio (10 s when unset); null leaves the default
         */
        public void setFirstByteTimeout(@Nullable Duration firstByteTimeout) {
            this.firstByteTimeout = firstByteTimeout;
        }

        /** {@return the {@code ttskit.attempt.idle-timeout} property: longest gap between two reads of a flowing stream (10 s when unset); null when unset} */
        public @Nullable Duration getIdleTimeout() {
            return idleTimeout;
        }

        /**
         * Sets the {@code ttskit.attempt.idle-timeout} property.
         *
         * @param idleTimeout longest gap between two reads of a flowing stream (10 s when unset); null leaves the default
         */
        public void setIdleTimeout(@Nullable Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        /** {@return the {@code ttskit.attempt.reserve} property: fraction (0 to 0.9) of the remaining deadline an attempt leaves to the providers after it (0.5 when unset); null when unset} */
        public @Nullable Double getReserve() {
            return reserve;
        }

        /**
         * Sets the {@code ttskit.attempt.reserve} property.
         *
         * @param reserve fraction (0 to 0.9) of the remaining deadline an attempt leaves to the providers after it (0.5 when unset); null leaves the default
         */
        public void setReserve(@Nullable Double reserve) {
            this.reserve = reserve;
        }
    }

    /** The {@code ttskit.retry.*} properties. */
    public static class Retry {
        /** Calls to one provider per request, the first included, 1 to 10 (3 when unset). */
        private @Nullable Integer maxAttempts;
        /** Upper bound of the first backoff; doubles per retry (100 ms when unset). */
        private @Nullable Duration initialBackoff;
        /** Upper bound of any backoff (2 s when unset). */
        private @Nullable Duration maxBackoff;
        /** Longest Retry-After waited for; a longer one fails over instead (10 s when unset). */
        private @Nullable Duration maxRetryAfter;
        /** Retries earned per request, 0 to 1 (0.1 when unset). */
        private @Nullable Double budgetRatio;
        /** Retries that can be saved up, 0 to 1000 (10 when unset). */
        private @Nullable Integer budgetBurst;

        /** {@return the {@code ttskit.retry.max-attempts} property: calls to one provider per request, the first included, 1 to 10 (3 when unset); null when unset} */
        public @Nullable Integer getMaxAttempts() {
            return maxAttempts;
        }

        /**
         * Sets the {@code ttskit.retry.max-attempts} property.
         *
         * @param maxAttempts calls to one provider per request, the first included, 1 to 10 (3 when unset); null leaves the default
         */
        public void setMaxAttempts(@Nullable Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /** {@return the {@code ttskit.retry.initial-backoff} property: upper bound of the first backoff; doubles per retry (100 ms when unset); null when unset} */
        public @Nullable Duration getInitialBackoff() {
            return initialBackoff;
        }

        /**
         * Sets the {@code ttskit.retry.initial-backoff} property.
         *
         * @param initialBackoff upper bound of the first backoff; doubles per retry (100 ms when unset); null leaves the default
         */
        public void setInitialBackoff(@Nullable Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        /** {@return the {@code ttskit.retry.max-backoff} property: upper bound of any backoff (2 s when unset); null when unset} */
        public @Nullable Duration getMaxBackoff() {
            return maxBackoff;
        }

        /**
         * Sets the {@code ttskit.retry.max-backoff} property.
         *
         * @param maxBackoff upper bound of any backoff (2 s when unset); null leaves the default
         */
        public void setMaxBackoff(@Nullable Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        /** {@return the {@code ttskit.retry.max-retry-after} property: longest Retry-After waited for; a longer one fails over instead (10 s when unset); null when unset} */
        public @Nullable Duration getMaxRetryAfter() {
            return maxRetryAfter;
        }

        /**
         * Sets the {@code ttskit.retry.max-retry-after} property.
         *
         * @param maxRetryAfter longest Retry-After waited for; a longer one fails over instead (10 s when unset); null leaves the default
         */
        public void setMaxRetryAfter(@Nullable Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }

        /** {@return the {@code ttskit.retry.budget-ratio} property: retries earned per request, 0 to 1 (0.1 when unset); null when unset} */
        public @Nullable Double getBudgetRatio() {
            return budgetRatio;
        }

        /**
         * Sets the {@code ttskit.retry.budget-ratio} property.
         *
         * @param budgetRatio retries earned per request, 0 to 1 (0.1 when unset); null leaves the default
         */
        public void setBudgetRatio(@Nullable Double budgetRatio) {
            this.budgetRatio = budgetRatio;
        }

        /** {@return the {@code ttskit.retry.budget-burst} property: retries that can be saved up, 0 to 1000 (10 when unset); null when unset} */
        public @Nullable Integer getBudgetBurst() {
            return budgetBurst;
        }

        /**
         * Sets the {@code ttskit.retry.budget-burst} property.
         *
         * @param budgetBurst retries that can be saved up, 0 to 1000 (10 when unset); null leaves the default
         */
        public void setBudgetBurst(@Nullable Integer budgetBurst) {
            this.budgetBurst = budgetBurst;
        }
    }

    /** The {@code ttskit.breaker.*} properties. */
    public static class Breaker {
        /** Calls in each provider's breaker window (20 when unset). */
        private @Nullable Integer windowSize;
        /** Calls recorded before the failure rate is judged (5 when unset). */
        private @Nullable Integer minimumCalls;
        /** Failure percentage at which the breaker opens, above 0 up to 100 (50 when unset). */
        private @Nullable Float failureRate;
        /** How long an open breaker refuses calls before probing (30 s when unset). */
        private @Nullable Duration openDuration;
        /** Probe calls allowed while half-open (2 when unset). */
        private @Nullable Integer halfOpenCalls;
        /** Longest a breaker stays half-open waiting for its probes (60 s when unset). */
        private @Nullable Duration maxHalfOpenWait;

        /** {@return the {@code ttskit.breaker.window-size} property: calls in each provider's breaker window (20 when unset); null when unset} */
        public @Nullable Integer getWindowSize() {
            return windowSize;
        }

        /**
         * Sets the {@code ttskit.breaker.window-size} property.
         *
         * @param windowSize calls in each provider's breaker window (20 when unset); null leaves the default
         */
        public void setWindowSize(@Nullable Integer windowSize) {
            this.windowSize = windowSize;
        }

        /** {@return the {@code ttskit.breaker.minimum-calls} property: calls recorded before the failure rate is judged (5 when unset); null when unset} */
        public @Nullable Integer getMinimumCalls() {
            return minimumCalls;
        }

        /**
         * Sets the {@code ttskit.breaker.minimum-calls} property.
         *
         * @param minimumCalls calls recorded before the failure rate is judged (5 when unset); null leaves the default
         */
        public void setMinimumCalls(@Nullable Integer minimumCalls) {
            this.minimumCalls = minimumCalls;
        }

        /** {@return the {@code ttskit.breaker.failure-rate} property: failure percentage at which the breaker opens, above 0 up to 100 (50 when unset); null when unset} */
        public @Nullable Float getFailureRate() {
            return failureRate;
        }

        /**
         * Sets the {@code ttskit.breaker.failure-rate} property.
         *
         * @param failureRate failure percentage at which the breaker opens, above 0 up to 100 (50 when unset); null leaves the default
         */
        public void setFailureRate(@Nullable Float failureRate) {
            this.failureRate = failureRate;
        }

        /** {@return the {@code ttskit.breaker.open-duration} property: how long an open breaker refuses calls before probing (30 s when unset); null when unset} */
        public @Nullable Duration getOpenDuration() {
            return openDuration;
        }

        /**
         * Sets the {@code ttskit.breaker.open-duration} property.
         *
         * @param openDuration how long an open breaker refuses calls before probing (30 s when unset); null leaves the default
         */
        public void setOpenDuration(@Nullable Duration openDuration) {
            this.openDuration = openDuration;
        }

        /** {@return the {@code ttskit.breaker.half-open-calls} property: probe calls allowed while half-open (2 when unset); null when unset} */
        public @Nullable Integer getHalfOpenCalls() {
            return halfOpenCalls;
        }

        /**
         * Sets the {@code ttskit.breaker.half-open-calls} property.
         *
         * @param halfOpenCalls probe calls allowed while half-open (2 when unset); null leaves the default
         */
        public void setHalfOpenCalls(@Nullable Integer halfOpenCalls) {
            this.halfOpenCalls = halfOpenCalls;
        }

        /** {@return the {@code ttskit.breaker.max-half-open-wait} property: longest a breaker stays half-open waiting for its probes (60 s when unset); null when unset} */
        public @Nullable Duration getMaxHalfOpenWait() {
            return maxHalfOpenWait;
        }

        /**
         * Sets the {@code ttskit.breaker.max-half-open-wait} property.
         *
         * @param maxHalfOpenWait longest a breaker stays half-open waiting for its probes (60 s when unset); null leaves the default
         */
        public void setMaxHalfOpenWait(@Nullable Duration maxHalfOpenWait) {
            this.maxHalfOpenWait = maxHalfOpenWait;
        }
    }

    /** The {@code ttskit.cache.*} properties. */
    public static class Cache {
        /** Audio bytes the result cache may hold; setting it turns the cache on (off when unset). */
        private @Nullable Long maxBytes;
        /** How long a cached result is kept after it was written (until evicted when unset). */
        private @Nullable Duration ttl;

        /** {@return the {@code ttskit.cache.max-bytes} property: audio bytes the result cache may hold; setting it turns the cache on (off when unset); null when unset} */
        public @Nullable Long getMaxBytes() {
            return maxBytes;
        }

        /**
         * Sets the {@code ttskit.cache.max-bytes} property.
         *
         * @param maxBytes audio bytes the result cache may hold; setting it turns the cache on (off when unset); null leaves the default
         */
        public void setMaxBytes(@Nullable Long maxBytes) {
            this.maxBytes = maxBytes;
        }

        /** {@return the {@code ttskit.cache.ttl} property: how long a cached result is kept after it was written (until evicted when unset); null when unset} */
        public @Nullable Duration getTtl() {
            return ttl;
        }

        /**
         * Sets the {@code ttskit.cache.ttl} property.
         *
         * @param ttl how long a cached result is kept after it was written (until evicted when unset); null leaves the default
         */
        public void setTtl(@Nullable Duration ttl) {
            this.ttl = ttl;
        }
    }

    /** The {@code ttskit.audio-checks.*} properties. */
    public static class AudioChecks {
        /** Whether provider audio must look like speech; false refuses only empty audio (true when unset). */
        private @Nullable Boolean enabled;
        /** Level (dBFS, -120 to 0) a 20 ms frame must exceed to count as sound (-50 when unset). */
        private @Nullable Double frameFloorDbfs;
        /** Fraction (0 to 1) of frames that must be sound (0.05 when unset). */
        private @Nullable Double minActiveFraction;
        /** RMS (dBFS) the whole audio must reach (-60 when unset). */
        private @Nullable Double minRmsDbfs;
        /** Least audio per speakable character, 0 to 1 s (4 ms when unset). */
        private @Nullable Duration minDurationPerChar;
        /** How much of a stream's start is read, at most, looking for sound (1 s when unset). */
        private @Nullable Duration streamProbe;

        /** {@return the {@code ttskit.audio-checks.enabled} property: whether provider audio must look like speech; false refuses only empty audio (true when unset); null when unset} */
        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        /**
         * Sets the {@code ttskit.audio-checks.enabled} property.
         *
         * @param enabled whether provider audio must look like speech; false refuses only empty audio (true when unset); null leaves the default
         */
        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return the {@code ttskit.audio-checks.frame-floor-dbfs} property: level (dBFS, -120 to 0) a 20 ms frame must exceed to count as sound (-50 when unset); null when unset} */
        public @Nullable Double getFrameFloorDbfs() {
            return frameFloorDbfs;
        }

        /**
         * Sets the {@code ttskit.audio-checks.frame-floor-dbfs} property.
         *
         * @param frameFloorDbfs level (dBFS, -120 to 0) a 20 ms frame must exceed to count as sound (-50 when unset); null leaves the default
         */
        public void setFrameFloorDbfs(@Nullable Double frameFloorDbfs) {
            this.frameFloorDbfs = frameFloorDbfs;
        }

        /** {@return the {@code ttskit.audio-checks.min-active-fraction} property: fraction (0 to 1) of frames that must be sound (0.05 when unset); null when unset} */
        public @Nullable Double getMinActiveFraction() {
            return minActiveFraction;
        }

        /**
         * Sets the {@code ttskit.audio-checks.min-active-fraction} property.
         *
         * @param minActiveFraction fraction (0 to 1) of frames that must be sound (0.05 when unset); null leaves the default
         */
        public void setMinActiveFraction(@Nullable Double minActiveFraction) {
            this.minActiveFraction = minActiveFraction;
        }

        /** {@return the {@code ttskit.audio-checks.min-rms-dbfs} property: RMS (dBFS) the whole audio must reach (-60 when unset); null when unset} */
        public @Nullable Double getMinRmsDbfs() {
            return minRmsDbfs;
        }

        /**
         * Sets the {@code ttskit.audio-checks.min-rms-dbfs} property.
         *
         * @param minRmsDbfs RMS (dBFS) the whole audio must reach (-60 when unset); null leaves the default
         */
        public void setMinRmsDbfs(@Nullable Double minRmsDbfs) {
            this.minRmsDbfs = minRmsDbfs;
        }

        /** {@return the {@code ttskit.audio-checks.min-duration-per-char} property: least audio per speakable character, 0 to 1 s (4 ms when unset); null when unset} */
        public @Nullable Duration getMinDurationPerChar() {
            return minDurationPerChar;
        }

        /**
         * Sets the {@code ttskit.audio-checks.min-duration-per-char} property.
         *
         * @param minDurationPerChar least audio per speakable character, 0 to 1 s (4 ms when unset); null leaves the default
         */
        public void setMinDurationPerChar(@Nullable Duration minDurationPerChar) {
            this.minDurationPerChar = minDurationPerChar;
        }

        /** {@return the {@code ttskit.audio-checks.stream-probe} property: how much of a stream's start is read, at most, looking for sound (1 s when unset); null when unset} */
        public @Nullable Duration getStreamProbe() {
            return streamProbe;
        }

        /**
         * Sets the {@code ttskit.audio-checks.stream-probe} property.
         *
         * @param streamProbe how much of a stream's start is read, at most, looking for sound (1 s when unset); null leaves the default
         */
        public void setStreamProbe(@Nullable Duration streamProbe) {
            this.streamProbe = streamProbe;
        }
    }

    /** The {@code ttskit.hedging.*} properties. */
    public static class Hedging {
        /** Starts a second provider when the first has not answered after this; setting it turns hedging on (off when unset). */
        private @Nullable Duration delay;
        /** Hedge at the first provider's observed p95 latency instead, the delay applying until it is known (false when unset). */
        private @Nullable Boolean adaptive;
        /** Providers that may be hedged onto (the local ones when empty). */
        private List<String> providers = new ArrayList<>();
        /** Whether a hedge may start a paid provider (false when unset). */
        private @Nullable Boolean allowPaid;

        /** {@return the {@code ttskit.hedging.delay} property: starts a second provider when the first has not answered after this; setting it turns hedging on (off when unset); null when unset} */
        public @Nullable Duration getDelay() {
            return delay;
        }

        /**
         * Sets the {@code ttskit.hedging.delay} property.
         *
         * @param delay starts a second provider when the first has not answered after this; setting it turns hedging on (off when unset); null leaves the default
         */
        public void setDelay(@Nullable Duration delay) {
            this.delay = delay;
        }

        /** {@return the {@code ttskit.hedging.adaptive} property: hedge at the first provider's observed p95 latency instead, the delay applying until it is known (false when unset); null when unset} */
        public @Nullable Boolean getAdaptive() {
            return adaptive;
        }

        /**
         * Sets the {@code ttskit.hedging.adaptive} property.
         *
         * @param adaptive hedge at the first provider's observed p95 latency instead, the delay applying until it is known (false when unset); null leaves the default
         */
        public void setAdaptive(@Nullable Boolean adaptive) {
            this.adaptive = adaptive;
        }

        /** {@return the {@code ttskit.hedging.providers} property: providers that may be hedged onto (the local ones when empty)} */
        public List<String> getProviders() {
            return providers;
        }

        /**
         * Sets the {@code ttskit.hedging.providers} property.
         *
         * @param providers providers that may be hedged onto (the local ones when empty)
         */
        public void setProviders(List<String> providers) {
            this.providers = providers;
        }

        /** {@return the {@code ttskit.hedging.allow-paid} property: whether a hedge may start a paid provider (false when unset); null when unset} */
        public @Nullable Boolean getAllowPaid() {
            return allowPaid;
        }

        /**
         * Sets the {@code ttskit.hedging.allow-paid} property.
         *
         * @param allowPaid whether a hedge may start a paid provider (false when unset); null leaves the default
         */
        public void setAllowPaid(@Nullable Boolean allowPaid) {
            this.allowPaid = allowPaid;
        }
    }

    /** The {@code ttskit.http.*} properties. */
    public static class Http {
        /** TCP and TLS connect timeout of the shared HTTP client (10 s when unset). */
        private @Nullable Duration connectTimeout;
        /** Longest silence between two reads (30 s when unset). */
        private @Nullable Duration readTimeout;
        /** Longest stall while sending a body (30 s when unset). */
        private @Nullable Duration writeTimeout;
        /** HTTP requests in flight across all hosts (1,024 when unset). */
        private @Nullable Integer maxRequests;
        /** HTTP requests in flight to one host (512 when unset). */
        private @Nullable Integer maxRequestsPerHost;
        /** Idle connections the pool keeps (512 when unset). */
        private @Nullable Integer maxIdleConnections;
        /** How long an unused connection stays open (2 min when unset). */
        private @Nullable Duration keepAlive;

        /** {@return the {@code ttskit.http.max-idle-connections} property: idle connections the pool keeps (512 when unset); null when unset} */
        public @Nullable Integer getMaxIdleConnections() {
            return maxIdleConnections;
        }

        /**
         * Sets the {@code ttskit.http.max-idle-connections} property.
         *
         * @param maxIdleConnections idle connections the pool keeps (512 when unset); null leaves the default
         */
        public void setMaxIdleConnections(@Nullable Integer maxIdleConnections) {
            this.maxIdleConnections = maxIdleConnections;
        }

        /** {@return the {@code ttskit.http.keep-alive} property: how long an unused connection stays open (2 min when unset); null when unset} */
        public @Nullable Duration getKeepAlive() {
            return keepAlive;
        }

        /**
         * Sets the {@code ttskit.http.keep-alive} property.
         *
         * @param keepAlive how long an unused connection stays open (2 min when unset); null leaves the default
         */
        public void setKeepAlive(@Nullable Duration keepAlive) {
            this.keepAlive = keepAlive;
        }

        /** {@return the {@code ttskit.http.connect-timeout} property: TCP and TLS connect timeout of the shared HTTP client (10 s when unset); null when unset} */
        public @Nullable Duration getConnectTimeout() {
            return connectTimeout;
        }

        /**
         * Sets the {@code ttskit.http.connect-timeout} property.
         *
         * @param connectTimeout TCP and TLS connect timeout of the shared HTTP client (10 s when unset); null leaves the default
         */
        public void setConnectTimeout(@Nullable Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        /** {@return the {@code ttskit.http.read-timeout} property: longest silence between two reads (30 s when unset); null when unset} */
        public @Nullable Duration getReadTimeout() {
            return readTimeout;
        }

        /**
         * Sets the {@code ttskit.http.read-timeout} property.
         *
         * @param readTimeout longest silence between two reads (30 s when unset); null leaves the default
         */
        public void setReadTimeout(@Nullable Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        /** {@return the {@code ttskit.http.write-timeout} property: longest stall while sending a body (30 s when unset); null when unset} */
        public @Nullable Duration getWriteTimeout() {
            return writeTimeout;
        }

        /**
         * Sets the {@code ttskit.http.write-timeout} property.
         *
         * @param writeTimeout longest stall while sending a body (30 s when unset); null leaves the default
         */
        public void setWriteTimeout(@Nullable Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
        }

        /** {@return the {@code ttskit.http.max-requests} property: HTTP requests in flight across all hosts (1,024 when unset); null when unset} */
        public @Nullable Integer getMaxRequests() {
            return maxRequests;
        }

        /**
         * Sets the {@code ttskit.http.max-requests} property.
         *
         * @param maxRequests HTTP requests in flight across all hosts (1,024 when unset); null leaves the default
         */
        public void setMaxRequests(@Nullable Integer maxRequests) {
            this.maxRequests = maxRequests;
        }

        /** {@return the {@code ttskit.http.max-requests-per-host} property: HTTP requests in flight to one host (512 when unset); null when unset} */
        public @Nullable Integer getMaxRequestsPerHost() {
            return maxRequestsPerHost;
        }

        /**
         * Sets the {@code ttskit.http.max-requests-per-host} property.
         *
         * @param maxRequestsPerHost HTTP requests in flight to one host (512 when unset); null leaves the default
         */
        public void setMaxRequestsPerHost(@Nullable Integer maxRequestsPerHost) {
            this.maxRequestsPerHost = maxRequestsPerHost;
        }
    }

    /** The {@code ttskit.models.*} properties. */
    public static class Models {
        /** How long loading a local model may take (2 min when unset). */
        private @Nullable Duration loadTimeout;

        /** {@return the {@code ttskit.models.load-timeout} property: how long loading a local model may take (2 min when unset); null when unset} */
        public @Nullable Duration getLoadTimeout() {
            return loadTimeout;
        }

        /**
         * Sets the {@code ttskit.models.load-timeout} property.
         *
         * @param loadTimeout how long loading a local model may take (2 min when unset); null leaves the default
         */
        public void setLoadTimeout(@Nullable Duration loadTimeout) {
            this.loadTimeout = loadTimeout;
        }
    }

    /** The {@code ttskit.long-text.*} properties. */
    public static class LongText {
        /** Chunks of a long text spoken at once (2 when unset). */
        private @Nullable Integer parallelism;

        /** {@return the {@code ttskit.long-text.parallelism} property: chunks of a long text spoken at once (2 when unset); null when unset} */
        public @Nullable Integer getParallelism() {
            return parallelism;
        }

        /**
         * Sets the {@code ttskit.long-text.parallelism} property.
         *
         * @param parallelism chunks of a long text spoken at once (2 when unset); null leaves the default
         */
        public void setParallelism(@Nullable Integer parallelism) {
            this.parallelism = parallelism;
        }
    }

    /** The {@code ttskit.elevenlabs.*} properties. */
    public static class ElevenLabs {
        /** Whether ElevenLabs may be used when its adapter is present. */
        private Boolean enabled = true;
        /** API key; turns ElevenLabs on. */
        private @Nullable String apiKey;
        /** API base URL, with or without /v1 (ElevenLabs' own when unset). */
        private @Nullable String baseUrl;
        /** Voice for requests that name none. */
        private @Nullable String voiceId;
        /** Model for requests that name none. */
        private @Nullable String modelId;

        /** {@return the {@code ttskit.elevenlabs.enabled} property: whether ElevenLabs may be used when its adapter is present} */
        public Boolean getEnabled() {
            return enabled;
        }

        /**
         * Sets the {@code ttskit.elevenlabs.enabled} property.
         *
         * @param enabled whether ElevenLabs may be used when its adapter is present
         */
        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return the {@code ttskit.elevenlabs.api-key} property: API key; turns ElevenLabs on; null when unset} */
        public @Nullable String getApiKey() {
            return apiKey;
        }

        /**
         * Sets the {@code ttskit.elevenlabs.api-key} property.
         *
         * @param apiKey API key; turns ElevenLabs on; null leaves the default
         */
        public void setApiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
        }

        /** {@return the {@code ttskit.elevenlabs.base-url} property: API base URL, with or without /v1 (ElevenLabs' own when unset); null when unset} */
        public @Nullable String getBaseUrl() {
            return baseUrl;
        }

        /**
         * Sets the {@code ttskit.elevenlabs.base-url} property.
         *
         * @param baseUrl API base URL, with or without /v1 (ElevenLabs' own when unset); null leaves the default
         */
        public void setBaseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** {@return the {@code ttskit.elevenlabs.voice-id} property: voice for requests that name none; null when unset} */
        public @Nullable String getVoiceId() {
            return voiceId;
        }

        /**
         * Sets the {@code ttskit.elevenlabs.voice-id} property.
         *
         * @param voiceId voice for requests that name none; null leaves the default
         */
        public void setVoiceId(@Nullable String voiceId) {
            this.voiceId = voiceId;
        }

        /** {@return the {@code ttskit.elevenlabs.model-id} property: model for requests that name none; null when unset} */
        public @Nullable String getModelId() {
            return modelId;
        }

        /**
         * Sets the {@code ttskit.elevenlabs.model-id} property.
         *
         * @param modelId model for requests that name none; null leaves the default
         */
        public void setModelId(@Nullable String modelId) {
            this.modelId = modelId;
        }
    }

    /** The {@code ttskit.openai.*} properties. */
    public static class OpenAi {
        /** Whether OpenAI speech may be used when its adapter is present. */
        private Boolean enabled = true;
        /** API key; turns OpenAI on. */
        private @Nullable String apiKey;
        /** Server base URL; another than OpenAI's is an OpenAI-compatible server and needs no key. */
        private @Nullable String baseUrl;
        /** Model (gpt-4o-mini-tts when unset). */
        private @Nullable String model;
        /** Voice for requests that name none (alloy when unset). */
        private @Nullable String voice;
        /** A compatible server's raw PCM sample rate (24000 when unset). */
        private @Nullable Integer pcmRate;
        /** Calls in flight at once (64 when unset). */
        private @Nullable Integer maxConcurrent;

        /** {@return the {@code ttskit.openai.enabled} property: whether OpenAI speech may be used when its adapter is present} */
        public Boolean getEnabled() {
            return enabled;
        }

        /**
         * Sets the {@code ttskit.openai.enabled} property.
         *
         * @param enabled whether OpenAI speech may be used when its adapter is present
         */
        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return the {@code ttskit.openai.api-key} property: API key; turns OpenAI on; null when unset} */
        public @Nullable String getApiKey() {
            return apiKey;
        }

        /**
         * Sets the {@code ttskit.openai.api-key} property.
         *
         * @param apiKey API key; turns OpenAI on; null leaves the default
         */
        public void setApiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
        }

        /** {@return the {@code ttskit.openai.base-url} property: server base URL; another than OpenAI's is an OpenAI-compatible server and needs no key; null when unset} */
        public @Nullable String getBaseUrl() {
            return baseUrl;
        }

        /**
         * Sets the {@code ttskit.openai.base-url} property.
         *
         * @param baseUrl server base URL; another than OpenAI's is an OpenAI-compatible server and needs no key; null leaves the default
         */
        public void setBaseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** {@return the {@code ttskit.openai.model} property: model (gpt-4o-mini-tts when unset); null when unset} */
        public @Nullable String getModel() {
            return model;
        }

        /**
         * Sets the {@code ttskit.openai.model} property.
         *
         * @param model model (gpt-4o-mini-tts when unset); null leaves the default
         */
        public void setModel(@Nullable String model) {
            this.model = model;
        }

        /** {@return the {@code ttskit.openai.voice} property: voice for requests that name none (alloy when unset); null when unset} */
        public @Nullable String getVoice() {
            return voice;
        }

        /**
         * Sets the {@code ttskit.openai.voice} property.
         *
         * @param voice voice for requests that name none (alloy when unset); null leaves the default
         */
        public void setVoice(@Nullable String voice) {
            this.voice = voice;
        }

        /** {@return the {@code ttskit.openai.pcm-rate} property: a compatible server's raw PCM sample rate (24000 when unset); null when unset} */
        public @Nullable Integer getPcmRate() {
            return pcmRate;
        }

        /**
         * Sets the {@code ttskit.openai.pcm-rate} property.
         *
         * @param pcmRate a compatible server's raw PCM sample rate (24000 when unset); null leaves the default
         */
        public void setPcmRate(@Nullable Integer pcmRate) {
            this.pcmRate = pcmRate;
        }

        /** {@return the {@code ttskit.openai.max-concurrent} property: calls in flight at once (64 when unset); null when unset} */
        public @Nullable Integer getMaxConcurrent() {
            return maxConcurrent;
        }

        /**
         * Sets the {@code ttskit.openai.max-concurrent} property.
         *
         * @param maxConcurrent calls in flight at once (64 when unset); null leaves the default
         */
        public void setMaxConcurrent(@Nullable Integer maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
        }
    }

    /** The {@code ttskit.replicate.*} properties. */
    public static class Replicate {
        /** Whether Replicate may be used when its adapter is present. */
        private Boolean enabled = true;
        /** API token; turns Replicate on. */
        private @Nullable String apiToken;
        /** API base URL, with or without /v1. */
        private @Nullable String baseUrl;
        /** Model as owner/name or owner/name:version (minimax/speech-02-turbo when unset). */
        private @Nullable String model;
        /** https URL Replicate posts finished predictions to; turns on webhook completion. */
        private @Nullable String webhookUrl;
        /** Webhook signing secret (whsec_...); fetched from the API when unset. */
        private @Nullable String webhookSecret;
        /** host:port the built-in webhook receiver binds. */
        private @Nullable String webhookBind;
        /** webhook, sync or polling, to override the default. */
        private @Nullable String completion;
        /** Largest output accepted, in bytes (50 MiB when unset). */
        private @Nullable Long maxDownloadBytes;
        /** How long to wait for a webhook before checking the prediction with a GET (a day when unset). */
        private @Nullable Duration webhookPatience;
        /** How long a synchronous create holds the connection, whole seconds 1 to 60 (60 s when unset). */
        private @Nullable Duration syncWait;

        /** {@return the {@code ttskit.replicate.enabled} property: whether Replicate may be used when its adapter is present} */
        public Boolean getEnabled() {
            return enabled;
        }

        /**
         * Sets the {@code ttskit.replicate.enabled} property.
         *
         * @param enabled whether Replicate may be used when its adapter is present
         */
        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return the {@code ttskit.replicate.api-token} property: API token; turns Replicate on; null when unset} */
        public @Nullable String getApiToken() {
            return apiToken;
        }

        /**
         * Sets the {@code ttskit.replicate.api-token} property.
         *
         * @param apiToken API token; turns Replicate on; null leaves the default
         */
        public void setApiToken(@Nullable String apiToken) {
            this.apiToken = apiToken;
        }

        /** {@return the {@code ttskit.replicate.base-url} property: API base URL, with or without /v1; null when unset} */
        public @Nullable String getBaseUrl() {
            return baseUrl;
        }

        /**
         * Sets the {@code ttskit.replicate.base-url} property.
         *
         * @param baseUrl API base URL, with or without /v1; null leaves the default
         */
        public void setBaseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** {@return the {@code ttskit.replicate.model} property: model as owner/name or owner/name:version (minimax/speech-02-turbo when unset); null when unset} */
        public @Nullable String getModel() {
            return model;
        }

        /**
         * Sets the {@code ttskit.replicate.model} property.
         *
         * @param model model as owner/name or owner/name:version (minimax/speech-02-turbo when unset); null leaves the default
         */
        public void setModel(@Nullable String model) {
            this.model = model;
        }

        /** {@return the {@code ttskit.replicate.webhook-url} property: https URL Replicate posts finished predictions to; turns on webhook completion; null when unset} */
        public @Nullable String getWebhookUrl() {
            return webhookUrl;
        }

        /**
         * Sets the {@code ttskit.replicate.webhook-url} property.
         *
         * @param webhookUrl https URL Replicate posts finished predictions to; turns on webhook completion; null leaves the default
         */
        public void setWebhookUrl(@Nullable String webhookUrl) {
            this.webhookUrl = webhookUrl;
        }

        /** {@return the {@code ttskit.replicate.webhook-secret} property: webhook signing secret (whsec_...); fetched from the API when unset; null when unset} */
        public @Nullable String getWebhookSecret() {
            return webhookSecret;
        }

        /**
         * Sets the {@code ttskit.replicate.webhook-secret} property.
         *
         * @param webhookSecret webhook signing secret (whsec_...); fetched from the API when unset; null leaves the default
         */
        public void setWebhookSecret(@Nullable String webhookSecret) {
            this.webhookSecret = webhookSecret;
        }

        /** {@return the {@code ttskit.replicate.webhook-bind} property: host:port the built-in webhook receiver binds; null when unset} */
        public @Nullable String getWebhookBind() {
            return webhookBind;
        }

        /**
         * Sets the {@code ttskit.replicate.webhook-bind} property.
         *
         * @param webhookBind host:port the built-in webhook receiver binds; null leaves the default
         */
        public void setWebhookBind(@Nullable String webhookBind) {
            this.webhookBind = webhookBind;
        }

        /** {@return the {@code ttskit.replicate.completion} property: webhook, sync or polling, to override the default; null when unset} */
        public @Nullable String getCompletion() {
            return completion;
        }

        /**
         * Sets the {@code ttskit.replicate.completion} property.
         *
         * @param completion webhook, sync or polling, to override the default; null leaves the default
         */
        public void setCompletion(@Nullable String completion) {
            this.completion = completion;
        }

        /** {@return the {@code ttskit.replicate.max-download-bytes} property: largest output accepted, in bytes (50 MiB when unset); null when unset} */
        public @Nullable Long getMaxDownloadBytes() {
            return maxDownloadBytes;
        }

        /**
         * Sets the {@code ttskit.replicate.max-download-bytes} property.
         *
         * @param maxDownloadBytes largest output accepted, in bytes (50 MiB when unset); null leaves the default
         */
        public void setMaxDownloadBytes(@Nullable Long maxDownloadBytes) {
            this.maxDownloadBytes = maxDownloadBytes;
        }

        /** {@return the {@code ttskit.replicate.webhook-patience} property: how long to wait for a webhook before checking the prediction with a GET (a day when unset); null when unset} */
        public @Nullable Duration getWebhookPatience() {
            return webhookPatience;
        }

        /**
         * Sets the {@code ttskit.replicate.webhook-patience} property.
         *
         * @param webhookPatience how long to wait for a webhook before checking the prediction with a GET (a day when unset); null leaves the default
         */
        public void setWebhookPatience(@Nullable Duration webhookPatience) {
            this.webhookPatience = webhookPatience;
        }

        /** {@return the {@code ttskit.replicate.sync-wait} property: how long a synchronous create holds the connection, whole seconds 1 to 60 (60 s when unset); null when unset} */
        public @Nullable Duration getSyncWait() {
            return syncWait;
        }

        /**
         * Sets the {@code ttskit.replicate.sync-wait} property.
         *
         * @param syncWait how long a synchronous create holds the connection, whole seconds 1 to 60 (60 s when unset); null leaves the default
         */
        public void setSyncWait(@Nullable Duration syncWait) {
            this.syncWait = syncWait;
        }
    }

    /** The {@code ttskit.polly.*} properties. */
    public static class Polly {
        /**
         * True turns Amazon Polly on (it then needs the region); unset, Polly stays off even where the
         * region is set, as on AWS compute. False also leaves its adapter unused.
         */
        private @Nullable Boolean enabled;
        /** AWS region Polly calls once enabled. Credentials come from the AWS SDK's default chain. */
        private @Nullable String region;
        /** Another Polly endpoint (a VPC endpoint, a test server). */
        private @Nullable String endpoint;
        /** Voice for requests that name none (Joanna when unset). */
        private @Nullable String voiceId;
        /** Engine: neural, standard, long-form or generative (neural when unset). */
        private @Nullable String engine;
        /** Calls in flight at once (8 when unset). */
        private @Nullable Integer maxConcurrent;

        /** {@return the {@code ttskit.polly.enabled} property: true turns Amazon Polly on (it then needs the region); unset, Polly stays off even where the region is set, as on AWS compute. False also leaves its adapter unused; null when unset} */
        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        /**
         * Sets the {@code ttskit.polly.enabled} property.
         *
         * @param enabled true turns Amazon Polly on (it then needs the region); unset, Polly stays off even where the region is set, as on AWS compute. False also leaves its adapter unused; null leaves the default
         */
        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return the {@code ttskit.polly.region} property: AWS region Polly calls once enabled. Credentials come from the AWS SDK's default chain; null when unset} */
        public @Nullable String getRegion() {
            return region;
        }

        /**
         * Sets the {@code ttskit.polly.region} property.
         *
         * @param region AWS region Polly calls once enabled. Credentials come from the AWS SDK's default chain; null leaves the default
         */
        public void setRegion(@Nullable String region) {
            this.region = region;
        }

        /** {@return the {@code ttskit.polly.endpoint} property: another Polly endpoint (a VPC endpoint, a test server); null when unset} */
        public @Nullable String getEndpoint() {
            return endpoint;
        }

        /**
         * Sets the {@code ttskit.polly.endpoint} property.
         *
         * @param endpoint another Polly endpoint (a VPC endpoint, a test server); null leaves the default
         */
        public void setEndpoint(@Nullable String endpoint) {
            this.endpoint = endpoint;
        }

        /** {@return the {@code ttskit.polly.voice-id} property: voice for requests that name none (Joanna when unset); null when unset} */
        public @Nullable String getVoiceId() {
            return voiceId;
        }

        /**
         * Sets the {@code ttskit.polly.voice-id} property.
         *
         * @param voiceId voice for requests that name none (Joanna when unset); null leaves the default
         */
        public void setVoiceId(@Nullable String voiceId) {
            this.voiceId = voiceId;
        }

        /** {@return the {@code ttskit.polly.engine} property: engine: neural, standard, long-form or generative (neural when unset); null when unset} */
        public @Nullable String getEngine() {
            return engine;
        }

        /**
         * Sets the {@code ttskit.polly.engine} property.
         *
         * @param engine engine: neural, standard, long-form or generative (neural when unset); null leaves the default
         */
        public void setEngine(@Nullable String engine) {
            this.engine = engine;
        }

        /** {@return the {@code ttskit.polly.max-concurrent} property: calls in flight at once (8 when unset); null when unset} */
        public @Nullable Integer getMaxConcurrent() {
            return maxConcurrent;
        }

        /**
         * Sets the {@code ttskit.polly.max-concurrent} property.
         *
         * @param maxConcurrent calls in flight at once (8 when unset); null leaves the default
         */
        public void setMaxConcurrent(@Nullable Integer maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
        }
    }

    /** The {@code ttskit.xtts.*} properties. */
    public static class Xtts {
        /** Whether local XTTS-v2 may be used when its adapter is present. */
        private Boolean enabled = true;
        /** Exported XTTS-v2 model directory; turns local XTTS on. */
        private @Nullable String modelDir;
        /** cpu or cuda (cpu when unset). */
        private @Nullable String executionProvider;
        /** ONNX Runtime intra-op threads. */
        private @Nullable Integer threads;
        /** Whether to use the int8 GPT. */
        private @Nullable Boolean int8;
        /** Directory for cached speaker embeddings. */
        private @Nullable String voiceCacheDir;

        /** {@return the {@code ttskit.xtts.enabled} property: whether local XTTS-v2 may be used when its adapter is present} */
        public Boolean getEnabled() {
            return enabled;
        }

        /**
         * Sets the {@code ttskit.xtts.enabled} property.
         *
         * @param enabled whether local XTTS-v2 may be used when its adapter is present
         */
        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        /** {@return the {@code ttskit.xtts.model-dir} property: exported XTTS-v2 model directory; turns local XTTS on; null when unset} */
        public @Nullable String getModelDir() {
            return modelDir;
        }

        /**
         * Sets the {@code ttskit.xtts.model-dir} property.
         *
         * @param modelDir exported XTTS-v2 model directory; turns local XTTS on; null leaves the default
         */
        public void setModelDir(@Nullable String modelDir) {
            this.modelDir = modelDir;
        }

        /** {@return the {@code ttskit.xtts.execution-provider} property: cpu or cuda (cpu when unset); null when unset} */
        public @Nullable String getExecutionProvider() {
            return executionProvider;
        }

        /**
         * Sets the {@code ttskit.xtts.execution-provider} property.
         *
         * @param executionProvider cpu or cuda (cpu when unset); null leaves the default
         */
        public void setExecutionProvider(@Nullable String executionProvider) {
            this.executionProvider = executionProvider;
        }

        /** {@return the {@code ttskit.xtts.threads} property: ONNX Runtime intra-op threads; null when unset} */
        public @Nullable Integer getThreads() {
            return threads;
        }

        /**
         * Sets the {@code ttskit.xtts.threads} property.
         *
         * @param threads ONNX Runtime intra-op threads; null leaves the default
         */
        public void setThreads(@Nullable Integer threads) {
            this.threads = threads;
        }

        /** {@return the {@code ttskit.xtts.int8} property: whether to use the int8 GPT; null when unset} */
        public @Nullable Boolean getInt8() {
            return int8;
        }

        /**
         * Sets the {@code ttskit.xtts.int8} property.
         *
         * @param int8 whether to use the int8 GPT; null leaves the default
         */
        public void setInt8(@Nullable Boolean int8) {
            this.int8 = int8;
        }

        /** {@return the {@code ttskit.xtts.voice-cache-dir} property: directory for cached speaker embeddings; null when unset} */
        public @Nullable String getVoiceCacheDir() {
            return voiceCacheDir;
        }

        /**
         * Sets the {@code ttskit.xtts.voice-cache-dir} property.
         *
         * @param voiceCacheDir directory for cached speaker embeddings; null leaves the default
         */
        public void setVoiceCacheDir(@Nullable String voiceCacheDir) {
            this.voiceCacheDir = voiceCacheDir;
        }
    }

    /** The {@code ttskit.marytts.*} properties. */
    public static class MaryTts {
        /** Whether the embedded offline voice is used (last in the chain) when its adapter is present. */
        private Boolean enabled = true;

        /** {@return the {@code ttskit.marytts.enabled} property: whether the embedded offline voice is used (last in the chain) when its adapter is present} */
        public Boolean getEnabled() {
            return enabled;
        }

        /**
         * Sets the {@code ttskit.marytts.enabled} property.
         *
         * @param enabled whether the embedded offline voice is used (last in the chain) when its adapter is present
         */
        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The {@code ttskit.cluster.*} properties: state shared by the application's instances (needs tts-cluster). */
    public static class Cluster {
        /** JDBC URL of the PostgreSQL database the instances share; unset, each instance is on its own. */
        private @Nullable String dbUrl;
        /** Database user. */
        private @Nullable String dbUser;
        /** Database password. */
        private @Nullable String dbPassword;
        /** Calls in flight across all instances, by provider id. */
        private Map<String, Integer> maxConcurrent = new LinkedHashMap<>();
        /** Requests a minute across all instances, by provider id. */
        private Map<String, Integer> requestsPerMinute = new LinkedHashMap<>();
        /** Characters a month across all instances, by provider id. */
        private Map<String, Long> charactersPerMonth = new LinkedHashMap<>();
        /** Bytes the shared result cache may hold (256 MiB when unset). */
        private @Nullable Long cacheMaxBytes;
        /** How long a shared cache entry is kept (7 days when unset). */
        private @Nullable Duration cacheMaxAge;
        /** How long a crashed instance's call slots stay taken (30 s when unset). */
        private @Nullable Duration lease;

        /** {@return the {@code ttskit.cluster.db-url} property: JDBC URL of the PostgreSQL database the instances share; unset, each instance is on its own; null when unset} */
        public @Nullable String getDbUrl() {
            return dbUrl;
        }

        /**
         * Sets the {@code ttskit.cluster.db-url} property.
         *
         * @param dbUrl JDBC URL of the PostgreSQL database the instances share; unset, each instance is on its own; null leaves the default
         */
        public void setDbUrl(@Nullable String dbUrl) {
            this.dbUrl = dbUrl;
        }

        /** {@return the {@code ttskit.cluster.db-user} property: database user; null when unset} */
        public @Nullable String getDbUser() {
            return dbUser;
        }

        /**
         * Sets the {@code ttskit.cluster.db-user} property.
         *
         * @param dbUser database user; null leaves the default
         */
        public void setDbUser(@Nullable String dbUser) {
            this.dbUser = dbUser;
        }

        /** {@return the {@code ttskit.cluster.db-password} property: database password; null when unset} */
        public @Nullable String getDbPassword() {
            return dbPassword;
        }

        /**
         * Sets the {@code ttskit.cluster.db-password} property.
         *
         * @param dbPassword database password; null leaves the default
         */
        public void setDbPassword(@Nullable String dbPassword) {
            this.dbPassword = dbPassword;
        }

        /** {@return the {@code ttskit.cluster.max-concurrent} property: calls in flight across all instances, by provider id} */
        public Map<String, Integer> getMaxConcurrent() {
            return maxConcurrent;
        }

        /**
         * Sets the {@code ttskit.cluster.max-concurrent} property.
         *
         * @param maxConcurrent calls in flight across all instances, by provider id
         */
        public void setMaxConcurrent(Map<String, Integer> maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
        }

        /** {@return the {@code ttskit.cluster.requests-per-minute} property: requests a minute across all instances, by provider id} */
        public Map<String, Integer> getRequestsPerMinute() {
            return requestsPerMinute;
        }

        /**
         * Sets the {@code ttskit.cluster.requests-per-minute} property.
         *
         * @param requestsPerMinute requests a minute across all instances, by provider id
         */
        public void setRequestsPerMinute(Map<String, Integer> requestsPerMinute) {
            this.requestsPerMinute = requestsPerMinute;
        }

        /** {@return the {@code ttskit.cluster.characters-per-month} property: characters a month across all instances, by provider id} */
        public Map<String, Long> getCharactersPerMonth() {
            return charactersPerMonth;
        }

        /**
         * Sets the {@code ttskit.cluster.characters-per-month} property.
         *
         * @param charactersPerMonth characters a month across all instances, by provider id
         */
        public void setCharactersPerMonth(Map<String, Long> charactersPerMonth) {
            this.charactersPerMonth = charactersPerMonth;
        }

        /** {@return the {@code ttskit.cluster.cache-max-bytes} property: bytes the shared result cache may hold (256 MiB when unset); null when unset} */
        public @Nullable Long getCacheMaxBytes() {
            return cacheMaxBytes;
        }

        /**
         * Sets the {@code ttskit.cluster.cache-max-bytes} property.
         *
         * @param cacheMaxBytes bytes the shared result cache may hold (256 MiB when unset); null leaves the default
         */
        public void setCacheMaxBytes(@Nullable Long cacheMaxBytes) {
            this.cacheMaxBytes = cacheMaxBytes;
        }

        /** {@return the {@code ttskit.cluster.cache-max-age} property: how long a shared cache entry is kept (7 days when unset); null when unset} */
        public @Nullable Duration getCacheMaxAge() {
            return cacheMaxAge;
        }

        /**
         * Sets the {@code ttskit.cluster.cache-max-age} property.
         *
         * @param cacheMaxAge how long a shared cache entry is kept (7 days when unset); null leaves the default
         */
        public void setCacheMaxAge(@Nullable Duration cacheMaxAge) {
            this.cacheMaxAge = cacheMaxAge;
        }

        /** {@return the {@code ttskit.cluster.lease} property: how long a crashed instance's call slots stay taken (30 s when unset); null when unset} */
        public @Nullable Duration getLease() {
            return lease;
        }

        /**
         * Sets the {@code ttskit.cluster.lease} property.
         *
         * @param lease how long a crashed instance's call slots stay taken (30 s when unset); null leaves the default
         */
        public void setLease(@Nullable Duration lease) {
            this.lease = lease;
        }
    }
}
