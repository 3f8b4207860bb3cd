package dev.ttskit.spring;

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
    private Duration timeout;
    /** Longest text for one synthesize or stream call (10,000 when unset). */
    private Integer maxTextChars;
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

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Integer getMaxTextChars() {
        return maxTextChars;
    }

    public void setMaxTextChars(Integer maxTextChars) {
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
        private Duration timeout;
        /** Longest wait for a stream's first audio (10 s when unset). */
        private Duration firstByteTimeout;
        /** Longest gap between two reads of a flowing stream (10 s when unset). */
        private Duration idleTimeout;
        /** Fraction (0 to 0.9) of the remaining deadline an attempt leaves to the providers after it (0.5 when unset). */
        private Double reserve;

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getFirstByteTimeout() {
            return firstByteTimeout;
        }

        public void setFirstByteTimeout(Duration firstByteTimeout) {
            this.firstByteTimeout = firstByteTimeout;
        }

        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public Double getReserve() {
            return reserve;
        }

        public void setReserve(Double reserve) {
            this.reserve = reserve;
        }
    }

    /** The {@code ttskit.retry.*} properties. */
    public static class Retry {
        /** Calls to one provider per request, the first included, 1 to 10 (3 when unset). */
        private Integer maxAttempts;
        /** Upper bound of the first backoff; doubles per retry (100 ms when unset). */
        private Duration initialBackoff;
        /** Upper bound of any backoff (2 s when unset). */
        private Duration maxBackoff;
        /** Longest Retry-After waited for; a longer one fails over instead (10 s when unset). */
        private Duration maxRetryAfter;
        /** Retries earned per request, 0 to 1 (0.1 when unset). */
        private Double budgetRatio;
        /** Retries that can be saved up, 0 to 1000 (10 when unset). */
        private Integer budgetBurst;

        public Integer getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Duration getMaxRetryAfter() {
            return maxRetryAfter;
        }

        public void setMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }

        public Double getBudgetRatio() {
            return budgetRatio;
        }

        public void setBudgetRatio(Double budgetRatio) {
            this.budgetRatio = budgetRatio;
        }

        public Integer getBudgetBurst() {
            return budgetBurst;
        }

        public void setBudgetBurst(Integer budgetBurst) {
            this.budgetBurst = budgetBurst;
        }
    }

    /** The {@code ttskit.breaker.*} properties. */
    public static class Breaker {
        /** Calls in each provider's breaker window (20 when unset). */
        private Integer windowSize;
        /** Calls recorded before the failure rate is judged (5 when unset). */
        private Integer minimumCalls;
        /** Failure percentage at which the breaker opens, above 0 up to 100 (50 when unset). */
        private Float failureRate;
        /** How long an open breaker refuses calls before probing (30 s when unset). */
        private Duration openDuration;
        /** Probe calls allowed while half-open (2 when unset). */
        private Integer halfOpenCalls;
        /** Longest a breaker stays half-open waiting for its probes (60 s when unset). */
        private Duration maxHalfOpenWait;

        public Integer getWindowSize() {
            return windowSize;
        }

        public void setWindowSize(Integer windowSize) {
            this.windowSize = windowSize;
        }

        public Integer getMinimumCalls() {
            return minimumCalls;
        }

        public void setMinimumCalls(Integer minimumCalls) {
            this.minimumCalls = minimumCalls;
        }

        public Float getFailureRate() {
            return failureRate;
        }

        public void setFailureRate(Float failureRate) {
            this.failureRate = failureRate;
        }

        public Duration getOpenDuration() {
            return openDuration;
        }

        public void setOpenDuration(Duration openDuration) {
            this.openDuration = openDuration;
        }

        public Integer getHalfOpenCalls() {
            return halfOpenCalls;
        }

        public void setHalfOpenCalls(Integer halfOpenCalls) {
            this.halfOpenCalls = halfOpenCalls;
        }

        public Duration getMaxHalfOpenWait() {
            return maxHalfOpenWait;
        }

        public void setMaxHalfOpenWait(Duration maxHalfOpenWait) {
            this.maxHalfOpenWait = maxHalfOpenWait;
        }
    }

    /** The {@code ttskit.cache.*} properties. */
    public static class Cache {
        /** Audio bytes the result cache may hold; setting it turns the cache on (off when unset). */
        private Long maxBytes;
        /** How long a cached result is kept after it was written (until evicted when unset). */
        private Duration ttl;

        public Long getMaxBytes() {
            return maxBytes;
        }

        public void setMaxBytes(Long maxBytes) {
            this.maxBytes = maxBytes;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }
    }

    /** The {@code ttskit.audio-checks.*} properties. */
    public static class AudioChecks {
        /** Whether provider audio must look like speech; false refuses only empty audio (true when unset). */
        private Boolean enabled;
        /** Level (dBFS, -120 to 0) a 20 ms frame must exceed to count as sound (-50 when unset). */
        private Double frameFloorDbfs;
        /** Fraction (0 to 1) of frames that must be sound (0.05 when unset). */
        private Double minActiveFraction;
        /** RMS (dBFS) the whole audio must reach (-60 when unset). */
        private Double minRmsDbfs;
        /** Least audio per speakable character, 0 to 1 s (4 ms when unset). */
        private Duration minDurationPerChar;
        /** How much of a stream's start is read, at most, looking for sound (1 s when unset). */
        private Duration streamProbe;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public Double getFrameFloorDbfs() {
            return frameFloorDbfs;
        }

        public void setFrameFloorDbfs(Double frameFloorDbfs) {
            this.frameFloorDbfs = frameFloorDbfs;
        }

        public Double getMinActiveFraction() {
            return minActiveFraction;
        }

        public void setMinActiveFraction(Double minActiveFraction) {
            this.minActiveFraction = minActiveFraction;
        }

        public Double getMinRmsDbfs() {
            return minRmsDbfs;
        }

        public void setMinRmsDbfs(Double minRmsDbfs) {
            this.minRmsDbfs = minRmsDbfs;
        }

        public Duration getMinDurationPerChar() {
            return minDurationPerChar;
        }

        public void setMinDurationPerChar(Duration minDurationPerChar) {
            this.minDurationPerChar = minDurationPerChar;
        }

        public Duration getStreamProbe() {
            return streamProbe;
        }

        public void setStreamProbe(Duration streamProbe) {
            this.streamProbe = streamProbe;
        }
    }

    /** The {@code ttskit.hedging.*} properties. */
    public static class Hedging {
        /** Starts a second provider when the first has not answered after this; setting it turns hedging on (off when unset). */
        private Duration delay;
        /** Hedge at the first provider's observed p95 latency instead, the delay applying until it is known (false when unset). */
        private Boolean adaptive;
        /** Providers that may be hedged onto (the local ones when empty). */
        private List<String> providers = new ArrayList<>();
        /** Whether a hedge may start a paid provider (false when unset). */
        private Boolean allowPaid;

        public Duration getDelay() {
            return delay;
        }

        public void setDelay(Duration delay) {
            this.delay = delay;
        }

        public Boolean getAdaptive() {
            return adaptive;
        }

        public void setAdaptive(Boolean adaptive) {
            this.adaptive = adaptive;
        }

        public List<String> getProviders() {
            return providers;
        }

        public void setProviders(List<String> providers) {
            this.providers = providers;
        }

        public Boolean getAllowPaid() {
            return allowPaid;
        }

        public void setAllowPaid(Boolean allowPaid) {
            this.allowPaid = allowPaid;
        }
    }

    /** The {@code ttskit.http.*} properties. */
    public static class Http {
        /** TCP and TLS connect timeout of the shared HTTP client (10 s when unset). */
        private Duration connectTimeout;
        /** Longest silence between two reads (30 s when unset). */
        private Duration readTimeout;
        /** Longest stall while sending a body (30 s when unset). */
        private Duration writeTimeout;
        /** HTTP requests in flight across all hosts (1,024 when unset). */
        private Integer maxRequests;
        /** HTTP requests in flight to one host (512 when unset). */
        private Integer maxRequestsPerHost;
        /** Idle connections the pool keeps (512 when unset). */
        private Integer maxIdleConnections;
        /** How long an unused connection stays open (2 min when unset). */
        private Duration keepAlive;

        public Integer getMaxIdleConnections() {
            return maxIdleConnections;
        }

        public void setMaxIdleConnections(Integer maxIdleConnections) {
            this.maxIdleConnections = maxIdleConnections;
        }

        public Duration getKeepAlive() {
            return keepAlive;
        }

        public void setKeepAlive(Duration keepAlive) {
            this.keepAlive = keepAlive;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReadTimeout() {
            return readTimeout;
        }

        public void setReadTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
        }

        public Duration getWriteTimeout() {
            return writeTimeout;
        }

        public void setWriteTimeout(Duration writeTimeout) {
            this.writeTimeout = writeTimeout;
        }

        public Integer getMaxRequests() {
            return maxRequests;
        }

        public void setMaxRequests(Integer maxRequests) {
            this.maxRequests = maxRequests;
        }

        public Integer getMaxRequestsPerHost() {
            return maxRequestsPerHost;
        }

        public void setMaxRequestsPerHost(Integer maxRequestsPerHost) {
            this.maxRequestsPerHost = maxRequestsPerHost;
        }
    }

    /** The {@code ttskit.models.*} properties. */
    public static class Models {
        /** How long loading a local model may take (2 min when unset). */
        private Duration loadTimeout;

        public Duration getLoadTimeout() {
            return loadTimeout;
        }

        public void setLoadTimeout(Duration loadTimeout) {
            this.loadTimeout = loadTimeout;
        }
    }

    /** The {@code ttskit.long-text.*} properties. */
    public static class LongText {
        /** Chunks of a long text spoken at once (2 when unset). */
        private Integer parallelism;

        public Integer getParallelism() {
            return parallelism;
        }

        public void setParallelism(Integer parallelism) {
            this.parallelism = parallelism;
        }
    }

    /** The {@code ttskit.elevenlabs.*} properties. */
    public static class ElevenLabs {
        /** Whether ElevenLabs may be used when its adapter is present. */
        private Boolean enabled = true;
        /** API key; turns ElevenLabs on. */
        private String apiKey;
        /** API base URL, with or without /v1 (ElevenLabs' own when unset). */
        private String baseUrl;
        /** Voice for requests that name none. */
        private String voiceId;
        /** Model for requests that name none. */
        private String modelId;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getVoiceId() {
            return voiceId;
        }

        public void setVoiceId(String voiceId) {
            this.voiceId = voiceId;
        }

        public String getModelId() {
            return modelId;
        }

        public void setModelId(String modelId) {
            this.modelId = modelId;
        }
    }

    /** The {@code ttskit.openai.*} properties. */
    public static class OpenAi {
        /** Whether OpenAI speech may be used when its adapter is present. */
        private Boolean enabled = true;
        /** API key; turns OpenAI on. */
        private String apiKey;
        /** Server base URL; another than OpenAI's is an OpenAI-compatible server and needs no key. */
        private String baseUrl;
        /** Model (gpt-4o-mini-tts when unset). */
        private String model;
        /** Voice for requests that name none (alloy when unset). */
        private String voice;
        /** A compatible server's raw PCM sample rate (24000 when unset). */
        private Integer pcmRate;
        /** Calls in flight at once (64 when unset). */
        private Integer maxConcurrent;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getModel() {
            return model;
        }

        public void setModel(String model) {
            this.model = model;
        }

        public String getVoice() {
            return voice;
        }

        public void setVoice(String voice) {
            this.voice = voice;
        }

        public Integer getPcmRate() {
            return pcmRate;
        }

        public void setPcmRate(Integer pcmRate) {
            this.pcmRate = pcmRate;
        }

        public Integer getMaxConcurrent() {
            return maxConcurrent;
        }

        public void setMaxConcurrent(Integer maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
        }
    }

    /** The {@code ttskit.replicate.*} properties. */
    public static class Replicate {
        /** Whether Replicate may be used when its adapter is present. */
        private Boolean enabled = true;
        /** API token; turns Replicate on. */
        private String apiToken;
        /** API base URL, with or without /v1. */
        private String baseUrl;
        /** Model as owner/name or owner/name:version (minimax/speech-02-turbo when unset). */
        private String model;
        /** https URL Replicate posts finished predictions to; turns on webhook completion. */
        private String webhookUrl;
        /** Webhook signing secret (whsec_...); fetched from the API when unset. */
        private String webhookSecret;
        /** host:port the built-in webhook receiver binds. */
        private String webhookBind;
        /** webhook, sync or polling, to override the default. */
        private String completion;
        /** Largest output accepted, in bytes (50 MiB when unset). */
        private Long maxDownloadBytes;
        /** How long to wait for a webhook before checking the prediction with a GET (a day when unset). */
        private Duration webhookPatience;
        /** How long a synchronous create holds the connection, whole seconds 1 to 60 (60 s when unset). */
        private Duration syncWait;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getApiToken() {
            return apiToken;
        }

        public void setApiToken(String apiToken) {
            this.apiToken = apiToken;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getModel() {
            return model;
        }

        public void setModel(String model) {
            this.model = model;
        }

        public String getWebhookUrl() {
            return webhookUrl;
        }

        public void setWebhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
        }

        public String getWebhookSecret() {
            return webhookSecret;
        }

        public void setWebhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
        }

        public String getWebhookBind() {
            return webhookBind;
        }

        public void setWebhookBind(String webhookBind) {
            this.webhookBind = webhookBind;
        }

        public String getCompletion() {
            return completion;
        }

        public void setCompletion(String completion) {
            this.completion = completion;
        }

        public Long getMaxDownloadBytes() {
            return maxDownloadBytes;
        }

        public void setMaxDownloadBytes(Long maxDownloadBytes) {
            this.maxDownloadBytes = maxDownloadBytes;
        }

        public Duration getWebhookPatience() {
            return webhookPatience;
        }

        public void setWebhookPatience(Duration webhookPatience) {
            this.webhookPatience = webhookPatience;
        }

        public Duration getSyncWait() {
            return syncWait;
        }

        public void setSyncWait(Duration syncWait) {
            this.syncWait = syncWait;
        }
    }

    /** The {@code ttskit.polly.*} properties. */
    public static class Polly {
        /**
         * True turns Amazon Polly on (it then needs the region); unset, Polly stays off even where the
         * region is set, as on AWS compute. False also leaves its adapter unused.
         */
        private Boolean enabled;
        /** AWS region Polly calls once enabled. Credentials come from the AWS SDK's default chain. */
        private String region;
        /** Another Polly endpoint (a VPC endpoint, a test server). */
        private String endpoint;
        /** Voice for requests that name none (Joanna when unset). */
        private String voiceId;
        /** Engine: neural, standard, long-form or generative (neural when unset). */
        private String engine;
        /** Calls in flight at once (8 when unset). */
        private Integer maxConcurrent;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getVoiceId() {
            return voiceId;
        }

        public void setVoiceId(String voiceId) {
            this.voiceId = voiceId;
        }

        public String getEngine() {
            return engine;
        }

        public void setEngine(String engine) {
            this.engine = engine;
        }

        public Integer getMaxConcurrent() {
            return maxConcurrent;
        }

        public void setMaxConcurrent(Integer maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
        }
    }

    /** The {@code ttskit.xtts.*} properties. */
    public static class Xtts {
        /** Whether local XTTS-v2 may be used when its adapter is present. */
        private Boolean enabled = true;
        /** Exported XTTS-v2 model directory; turns local XTTS on. */
        private String modelDir;
        /** cpu or cuda (cpu when unset). */
        private String executionProvider;
        /** ONNX Runtime intra-op threads. */
        private Integer threads;
        /** Whether to use the int8 GPT. */
        private Boolean int8;
        /** Directory for cached speaker embeddings. */
        private String voiceCacheDir;

        public Boolean getEnabled() {
            return enabled;
        }

        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        public String getModelDir() {
            return modelDir;
        }

        public void setModelDir(String modelDir) {
            this.modelDir = modelDir;
        }

        public String getExecutionProvider() {
            return executionProvider;
        }

        public void setExecutionProvider(String executionProvider) {
            this.executionProvider = executionProvider;
        }

        public Integer getThreads() {
            return threads;
        }

        public void setThreads(Integer threads) {
            this.threads = threads;
        }

        public Boolean getInt8() {
            return int8;
        }

        public void setInt8(Boolean int8) {
            this.int8 = int8;
        }

        public String getVoiceCacheDir() {
            return voiceCacheDir;
        }

        public void setVoiceCacheDir(String voiceCacheDir) {
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
        private String dbUrl;
        /** Database user. */
        private String dbUser;
        /** Database password. */
        private String dbPassword;
        /** Calls in flight across all instances, by provider id. */
        private Map<String, Integer> maxConcurrent = new LinkedHashMap<>();
        /** Requests a minute across all instances, by provider id. */
        private Map<String, Integer> requestsPerMinute = new LinkedHashMap<>();
        /** Characters a month across all instances, by provider id. */
        private Map<String, Long> charactersPerMonth = new LinkedHashMap<>();
        /** Bytes the shared result cache may hold (256 MiB when unset). */
        private Long cacheMaxBytes;
        /** How long a shared cache entry is kept (7 days when unset). */
        private Duration cacheMaxAge;
        /** How long a crashed instance's call slots stay taken (30 s when unset). */
        private Duration lease;

        public String getDbUrl() {
            return dbUrl;
        }

        public void setDbUrl(String dbUrl) {
            this.dbUrl = dbUrl;
        }

        public String getDbUser() {
            return dbUser;
        }

        public void setDbUser(String dbUser) {
            this.dbUser = dbUser;
        }

        public String getDbPassword() {
            return dbPassword;
        }

        public void setDbPassword(String dbPassword) {
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

        public Long getCacheMaxBytes() {
            return cacheMaxBytes;
        }

        public void setCacheMaxBytes(Long cacheMaxBytes) {
            this.cacheMaxBytes = cacheMaxBytes;
        }

        public Duration getCacheMaxAge() {
            return cacheMaxAge;
        }

        public void setCacheMaxAge(Duration cacheMaxAge) {
            this.cacheMaxAge = cacheMaxAge;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }
    }
}
