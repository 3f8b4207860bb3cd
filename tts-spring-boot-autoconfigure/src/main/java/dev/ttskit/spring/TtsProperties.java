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

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getProviders() {
        return providers;
    }

    public void setProviders(List<String> providers) {
        this.providers = providers;
    }

    public @Nullable Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(@Nullable Duration timeout) {
        this.timeout = timeout;
    }

    public @Nullable Integer getMaxTextChars() {
        return maxTextChars;
    }

    public void setMaxTextChars(@Nullable Integer maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    public Map<String, Map<String, String>> getVoices() {
        return voices;
    }

    public void setVoices(Map<String, Map<String, String>> voices) {
        this.voices = voices;
    }

    public Attempt getAttempt() {
        return attempt;
    }

    public Retry getRetry() {
        return retry;
    }

    public Breaker getBreaker() {
        return breaker;
    }

    public Cache getCache() {
        return cache;
    }

    public AudioChecks getAudioChecks() {
        return audioChecks;
    }

    public Hedging getHedging() {
        return hedging;
    }

    public Map<String, Integer> getMaxConcurrency() {
        return maxConcurrency;
    }

    public void setMaxConcurrency(Map<String, Integer> maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
    }

    public Cluster getCluster() {
        return cluster;
    }

    public Http getHttp() {
        return http;
    }

    public Models getModels() {
        return models;
    }

    public LongText getLongText() {
        return longText;
    }

    public ElevenLabs getElevenlabs() {
        return elevenlabs;
    }

    public OpenAi getOpenai() {
        return openai;
    }

    public Replicate getReplicate() {
        return replicate;
    }

    public Polly getPolly() {
        return polly;
    }

    public Xtts getXtts() {
        return xtts;
    }

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

        public @Nullable Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(@Nullable Duration timeout) {
            this.timeout = timeout;
        }

        public @Nullable Duration getFirstByteTimeout() {
            return firstByteTimeout;
        }

        public void setFirstByteTimeout(@Nullable Duration firstByteTimeout) {
            this.firstByteTimeout = firstByteTimeout;
        }

        public @Nullable Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(@Nullable Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public @Nullable Double getReserve() {
            return reserve;
        }

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

        public @Nullable Integer getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(@Nullable Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public @Nullable Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(@Nullable Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public @Nullable Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(@Nullable Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public @Nullable Duration getMaxRetryAfter() {
            return maxRetryAfter;
        }

        public void setMaxRetryAfter(@Nullable Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }

        public @Nullable Double getBudgetRatio() {
            return budgetRatio;
        }

        public void setBudgetRatio(@Nullable Double budgetRatio) {
            this.budgetRatio = budgetRatio;
        }

        public @Nullable Integer getBudgetBurst() {
            return budgetBurst;
        }

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

        public @Nullable Integer getWindowSize() {
            return windowSize;
        }

        public void setWindowSize(@Nullable Integer windowSize) {
            this.windowSize = windowSize;
        }

        public @Nullable Integer getMinimumCalls() {
            return minimumCalls;
        }

        public void setMinimumCalls(@Nullable Integer minimumCalls) {
            this.minimumCalls = minimumCalls;
        }

        public @Nullable Float getFailureRate() {
            return failureRate;
        }

        public void setFailureRate(@Nullable Float failureRate) {
            this.failureRate = failureRate;
        }

        public @Nullable Duration getOpenDuration() {
            return openDuration;
        }

        public void setOpenDuration(@Nullable Duration openDuration) {
            this.openDuration = openDuration;
        }

        public @Nullable Integer getHalfOpenCalls() {
            return halfOpenCalls;
        }

        public void setHalfOpenCalls(@Nullable Integer halfOpenCalls) {
            this.halfOpenCalls = halfOpenCalls;
        }

        public @Nullable Duration getMaxHalfOpenWait() {
            return maxHalfOpenWait;
        }

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

        public @Nullable Long getMaxBytes() {
            return maxBytes;
        }

        public void setMaxBytes(@Nullable Long maxBytes) {
            this.maxBytes = maxBytes;
        }

        public @Nullable Duration getTtl() {
            return ttl;
        }

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

        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable Double getFrameFloorDbfs() {
            return frameFloorDbfs;
        }

        public void setFrameFloorDbfs(@Nullable Double frameFloorDbfs) {
            this.frameFloorDbfs = frameFloorDbfs;
        }

        public @Nullable Double getMinActiveFraction() {
            return minActiveFraction;
        }

        public void setMinActiveFraction(@Nullable Double minActiveFraction) {
            this.minActiveFraction = minActiveFraction;
        }

        public @Nullable Double getMinRmsDbfs() {
            return minRmsDbfs;
        }

        public void setMinRmsDbfs(@Nullable Double minRmsDbfs) {
            this.minRmsDbfs = minRmsDbfs;
        }

        public @Nullable Duration getMinDurationPerChar() {
            return minDurationPerChar;
        }

        public void setMinDurationPerChar(@Nullable Duration minDurationPerChar) {
            this.minDurationPerChar = minDurationPerChar;
        }

        public @Nullable Duration getStreamProbe() {
            return streamProbe;
        }

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

        public @Nullable Duration getDelay() {
            return delay;
        }

        public void setDelay(@Nullable Duration delay) {
            this.delay = delay;
        }

        public @Nullable Boolean getAdaptive() {
            return adaptive;
        }

        public void setAdaptive(@Nullable Boolean adaptive) {
            this.adaptive = adaptive;
        }

        public List<String> getProviders() {
            return providers;
        }

        public void setProviders(List<String> providers) {
            this.providers = providers;
        }

        public @Nullable Boolean getAllowPaid() {
            return allowPaid;
        }

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

        public @Nullable Integer getMaxIdleConnections() {
            return maxIdleConnections;
        }

        public void setMaxIdleConnections(@Nullable Integer maxIdleConnections) {
            this.maxIdleConnections = maxIdleConnections;
        }

        public @Nullable Duration getKeepAlive() {
            return keepAlive;
        }

        public void setKeepAlive(@Nullable Duration keepAlive) {
            this.keepAlive = keepAlive;
        }

        public @Nullable Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(@Nullable Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public @Nullable Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(@Nullable Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public @Nullable Duration getWriteTimeout() {
            return writeTimeout;
        }

        public void setWriteTimeout(@Nullable Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
        }

        public @Nullable Integer getMaxRequests() {
            return maxRequests;
        }

        public void setMaxRequests(@Nullable Integer maxRequests) {
            this.maxRequests = maxRequests;
        }

        public @Nullable Integer getMaxRequestsPerHost() {
            return maxRequestsPerHost;
        }

        public void setMaxRequestsPerHost(@Nullable Integer maxRequestsPerHost) {
            this.maxRequestsPerHost = maxRequestsPerHost;
        }
    }

    /** The {@code ttskit.models.*} properties. */
    public static class Models {
        /** How long loading a local model may take (2 min when unset). */
        private @Nullable Duration loadTimeout;

        public @Nullable Duration getLoadTimeout() {
            return loadTimeout;
        }

        public void setLoadTimeout(@Nullable Duration loadTimeout) {
            this.loadTimeout = loadTimeout;
        }
    }

    /** The {@code ttskit.long-text.*} properties. */
    public static class LongText {
        /** Chunks of a long text spoken at once (2 when unset). */
        private @Nullable Integer parallelism;

        public @Nullable Integer getParallelism() {
            return parallelism;
        }

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

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getApiKey() {
            return apiKey;
        }

        public void setApiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
        }

        public @Nullable String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public @Nullable String getVoiceId() {
            return voiceId;
        }

        public void setVoiceId(@Nullable String voiceId) {
            this.voiceId = voiceId;
        }

        public @Nullable String getModelId() {
            return modelId;
        }

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

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getApiKey() {
            return apiKey;
        }

        public void setApiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
        }

        public @Nullable String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public @Nullable String getModel() {
            return model;
        }

        public void setModel(@Nullable String model) {
            this.model = model;
        }

        public @Nullable String getVoice() {
            return voice;
        }

        public void setVoice(@Nullable String voice) {
            this.voice = voice;
        }

        public @Nullable Integer getPcmRate() {
            return pcmRate;
        }

        public void setPcmRate(@Nullable Integer pcmRate) {
            this.pcmRate = pcmRate;
        }

        public @Nullable Integer getMaxConcurrent() {
            return maxConcurrent;
        }

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

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getApiToken() {
            return apiToken;
        }

        public void setApiToken(@Nullable String apiToken) {
            this.apiToken = apiToken;
        }

        public @Nullable String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public @Nullable String getModel() {
            return model;
        }

        public void setModel(@Nullable String model) {
            this.model = model;
        }

        public @Nullable String getWebhookUrl() {
            return webhookUrl;
        }

        public void setWebhookUrl(@Nullable String webhookUrl) {
            this.webhookUrl = webhookUrl;
        }

        public @Nullable String getWebhookSecret() {
            return webhookSecret;
        }

        public void setWebhookSecret(@Nullable String webhookSecret) {
            this.webhookSecret = webhookSecret;
        }

        public @Nullable String getWebhookBind() {
            return webhookBind;
        }

        public void setWebhookBind(@Nullable String webhookBind) {
            this.webhookBind = webhookBind;
        }

        public @Nullable String getCompletion() {
            return completion;
        }

        public void setCompletion(@Nullable String completion) {
            this.completion = completion;
        }

        public @Nullable Long getMaxDownloadBytes() {
            return maxDownloadBytes;
        }

        public void setMaxDownloadBytes(@Nullable Long maxDownloadBytes) {
            this.maxDownloadBytes = maxDownloadBytes;
        }

        public @Nullable Duration getWebhookPatience() {
            return webhookPatience;
        }

        public void setWebhookPatience(@Nullable Duration webhookPatience) {
            this.webhookPatience = webhookPatience;
        }

        public @Nullable Duration getSyncWait() {
            return syncWait;
        }

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

        public @Nullable Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(@Nullable Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getRegion() {
            return region;
        }

        public void setRegion(@Nullable String region) {
            this.region = region;
        }

        public @Nullable String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(@Nullable String endpoint) {
            this.endpoint = endpoint;
        }

        public @Nullable String getVoiceId() {
            return voiceId;
        }

        public void setVoiceId(@Nullable String voiceId) {
            this.voiceId = voiceId;
        }

        public @Nullable String getEngine() {
            return engine;
        }

        public void setEngine(@Nullable String engine) {
            this.engine = engine;
        }

        public @Nullable Integer getMaxConcurrent() {
            return maxConcurrent;
        }

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

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getModelDir() {
            return modelDir;
        }

        public void setModelDir(@Nullable String modelDir) {
            this.modelDir = modelDir;
        }

        public @Nullable String getExecutionProvider() {
            return executionProvider;
        }

        public void setExecutionProvider(@Nullable String executionProvider) {
            this.executionProvider = executionProvider;
        }

        public @Nullable Integer getThreads() {
            return threads;
        }

        public void setThreads(@Nullable Integer threads) {
            this.threads = threads;
        }

        public @Nullable Boolean getInt8() {
            return int8;
        }

        public void setInt8(@Nullable Boolean int8) {
            this.int8 = int8;
        }

        public @Nullable String getVoiceCacheDir() {
            return voiceCacheDir;
        }

        public void setVoiceCacheDir(@Nullable String voiceCacheDir) {
            this.voiceCacheDir = voiceCacheDir;
        }
    }

    /** The {@code ttskit.marytts.*} properties. */
    public static class MaryTts {
        /** Whether the embedded offline voice is used (last in the chain) when its adapter is present. */
        private Boolean enabled = true;

        public Boolean getEnabled() {
            return enabled;
        }

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

        public @Nullable String getDbUrl() {
            return dbUrl;
        }

        public void setDbUrl(@Nullable String dbUrl) {
            this.dbUrl = dbUrl;
        }

        public @Nullable String getDbUser() {
            return dbUser;
        }

        public void setDbUser(@Nullable String dbUser) {
            this.dbUser = dbUser;
        }

        public @Nullable String getDbPassword() {
            return dbPassword;
        }

        public void setDbPassword(@Nullable String dbPassword) {
            this.dbPassword = dbPassword;
        }

        public Map<String, Integer> getMaxConcurrent() {
            return maxConcurrent;
        }

        public void setMaxConcurrent(Map<String, Integer> maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
        }

        public Map<String, Integer> getRequestsPerMinute() {
            return requestsPerMinute;
        }

        public void setRequestsPerMinute(Map<String, Integer> requestsPerMinute) {
            this.requestsPerMinute = requestsPerMinute;
        }

        public Map<String, Long> getCharactersPerMonth() {
            return charactersPerMonth;
        }

        public void setCharactersPerMonth(Map<String, Long> charactersPerMonth) {
            this.charactersPerMonth = charactersPerMonth;
        }

        public @Nullable Long getCacheMaxBytes() {
            return cacheMaxBytes;
        }

        public void setCacheMaxBytes(@Nullable Long cacheMaxBytes) {
            this.cacheMaxBytes = cacheMaxBytes;
        }

        public @Nullable Duration getCacheMaxAge() {
            return cacheMaxAge;
        }

        public void setCacheMaxAge(@Nullable Duration cacheMaxAge) {
            this.cacheMaxAge = cacheMaxAge;
        }

        public @Nullable Duration getLease() {
            return lease;
        }

        public void setLease(@Nullable Duration lease) {
            this.lease = lease;
        }
    }
}
