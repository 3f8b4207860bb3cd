package dev.ttskit.spring;

import dev.ttskit.Settings;
import dev.ttskit.TtsClient;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one mapping between the {@code ttskit.*} properties and ttskit's settings names (the README's
 * settings table): the properties become a {@link Settings} that the client and the adapters' factories
 * read exactly as they read the environment, so both routes check values the same way.
 */
final class PropertySettings {
    /** One row of the table: the settings name, the Spring property, how to read it from the properties. */
    record Row(String setting, String property, Function<TtsProperties, Object> value) { }

    static final List<Row> ROWS = List.of(
            row("TTSKIT_TIMEOUT", "ttskit.timeout", TtsProperties::getTimeout),
            row("TTSKIT_MAX_TEXT_CHARS", "ttskit.max-text-chars", TtsProperties::getMaxTextChars),
            row("TTSKIT_ATTEMPT_TIMEOUT", "ttskit.attempt.timeout", p -> p.getAttempt().getTimeout()),
            row("TTSKIT_FIRST_BYTE_TIMEOUT", "ttskit.attempt.first-byte-timeout", p -> p.getAttempt().getFirstByteTimeout()),
            row("TTSKIT_IDLE_TIMEOUT", "ttskit.attempt.idle-timeout", p -> p.getAttempt().getIdleTimeout()),
            row("TTSKIT_ATTEMPT_RESERVE", "ttskit.attempt.reserve", p -> p.getAttempt().getReserve()),
            row("TTSKIT_RETRY_MAX_ATTEMPTS", "ttskit.retry.max-attempts", p -> p.getRetry().getMaxAttempts()),
            row("TTSKIT_RETRY_INITIAL_BACKOFF", "ttskit.retry.initial-backoff", p -> p.getRetry().getInitialBackoff()),
            row("TTSKIT_RETRY_MAX_BACKOFF", "ttskit.retry.max-backoff", p -> p.getRetry().getMaxBackoff()),
            row("TTSKIT_RETRY_MAX_RETRY_AFTER", "ttskit.retry.max-retry-after", p -> p.getRetry().getMaxRetryAfter()),
            row("TTSKIT_RETRY_BUDGET_RATIO", "ttskit.retry.budget-ratio", p -> p.getRetry().getBudgetRatio()),
            row("TTSKIT_RETRY_BUDGET_BURST", "ttskit.retry.budget-burst", p -> p.getRetry().getBudgetBurst()),
            row("TTSKIT_BREAKER_WINDOW_SIZE", "ttskit.breaker.window-size", p -> p.getBreaker().getWindowSize()),
            row("TTSKIT_BREAKER_MINIMUM_CALLS", "ttskit.breaker.minimum-calls", p -> p.getBreaker().getMinimumCalls()),
            row("TTSKIT_BREAKER_FAILURE_RATE", "ttskit.breaker.failure-rate", p -> p.getBreaker().getFailureRate()),
            row("TTSKIT_BREAKER_OPEN_DURATION", "ttskit.breaker.open-duration", p -> p.getBreaker().getOpenDuration()),
            row("TTSKIT_BREAKER_HALF_OPEN_CALLS", "ttskit.breaker.half-open-calls", p -> p.getBreaker().getHalfOpenCalls()),
            row("TTSKIT_BREAKER_MAX_HALF_OPEN_WAIT", "ttskit.breaker.max-half-open-wait", p -> p.getBreaker().getMaxHalfOpenWait()),
            row("TTSKIT_CACHE_MAX_BYTES", "ttskit.cache.max-bytes", p -> p.getCache().getMaxBytes()),
            row("TTSKIT_CACHE_TTL", "ttskit.cache.ttl", p -> p.getCache().getTtl()),
            row("TTSKIT_AUDIO_CHECKS", "ttskit.audio-checks.enabled", p -> p.getAudioChecks().getEnabled()),
            row("TTSKIT_AUDIO_FRAME_FLOOR_DBFS", "ttskit.audio-checks.frame-floor-dbfs", p -> p.getAudioChecks().getFrameFloorDbfs()),
            row("TTSKIT_AUDIO_MIN_ACTIVE_FRACTION", "ttskit.audio-checks.min-active-fraction", p -> p.getAudioChecks().getMinActiveFraction()),
            row("TTSKIT_AUDIO_MIN_RMS_DBFS", "ttskit.audio-checks.min-rms-dbfs", p -> p.getAudioChecks().getMinRmsDbfs()),
            row("TTSKIT_AUDIO_MIN_DURATION_PER_CHAR", "ttskit.audio-checks.min-duration-per-char",
                    p -> p.getAudioChecks().getMinDurationPerChar()),
            row("TTSKIT_AUDIO_STREAM_PROBE", "ttskit.audio-checks.stream-probe", p -> p.getAudioChecks().getStreamProbe()),
            row("TTSKIT_HEDGE_DELAY", "ttskit.hedging.delay", p -> p.getHedging().getDelay()),
            row("TTSKIT_HEDGE_ADAPTIVE", "ttskit.hedging.adaptive", p -> p.getHedging().getAdaptive()),
            row("TTSKIT_HEDGE_PROVIDERS", "ttskit.hedging.providers", p -> p.getHedging().getProviders()),
            row("TTSKIT_HEDGE_ALLOW_PAID", "ttskit.hedging.allow-paid", p -> p.getHedging().getAllowPaid()),
            row("TTSKIT_HTTP_CONNECT_TIMEOUT", "ttskit.http.connect-timeout", p -> p.getHttp().getConnectTimeout()),
            row("TTSKIT_HTTP_READ_TIMEOUT", "ttskit.http.read-timeout", p -> p.getHttp().getReadTimeout()),
            row("TTSKIT_HTTP_WRITE_TIMEOUT", "ttskit.http.write-timeout", p -> p.getHttp().getWriteTimeout()),
            row("TTSKIT_HTTP_MAX_REQUESTS", "ttskit.http.max-requests", p -> p.getHttp().getMaxRequests()),
            row("TTSKIT_HTTP_MAX_REQUESTS_PER_HOST", "ttskit.http.max-requests-per-host", p -> p.getHttp().getMaxRequestsPerHost()),
            row("TTSKIT_HTTP_MAX_IDLE_CONNECTIONS", "ttskit.http.max-idle-connections", p -> p.getHttp().getMaxIdleConnections()),
            row("TTSKIT_HTTP_KEEP_ALIVE", "ttskit.http.keep-alive", p -> p.getHttp().getKeepAlive()),
            row("TTSKIT_MODEL_LOAD_TIMEOUT", "ttskit.models.load-timeout", p -> p.getModels().getLoadTimeout()),
            row("TTSKIT_LONG_TEXT_PARALLELISM", "ttskit.long-text.parallelism", p -> p.getLongText().getParallelism()),
            row("ELEVENLABS_API_KEY", "ttskit.elevenlabs.api-key", p -> p.getElevenlabs().getApiKey()),
            row("ELEVENLABS_BASE_URL", "ttskit.elevenlabs.base-url", p -> p.getElevenlabs().getBaseUrl()),
            row("ELEVENLABS_VOICE_ID", "ttskit.elevenlabs.voice-id", p -> p.getElevenlabs().getVoiceId()),
            row("ELEVENLABS_MODEL_ID", "ttskit.elevenlabs.model-id", p -> p.getElevenlabs().getModelId()),
            row("OPENAI_API_KEY", "ttskit.openai.api-key", p -> p.getOpenai().getApiKey()),
            row("OPENAI_BASE_URL", "ttskit.openai.base-url", p -> p.getOpenai().getBaseUrl()),
            row("OPENAI_TTS_MODEL", "ttskit.openai.model", p -> p.getOpenai().getModel()),
            row("OPENAI_TTS_VOICE", "ttskit.openai.voice", p -> p.getOpenai().getVoice()),
            row("OPENAI_TTS_PCM_RATE", "ttskit.openai.pcm-rate", p -> p.getOpenai().getPcmRate()),
            row("OPENAI_TTS_MAX_CONCURRENT", "ttskit.openai.max-concurrent", p -> p.getOpenai().getMaxConcurrent()),
            row("REPLICATE_API_TOKEN", "ttskit.replicate.api-token", p -> p.getReplicate().getApiToken()),
            row("REPLICATE_BASE_URL", "ttskit.replicate.base-url", p -> p.getReplicate().getBaseUrl()),
            row("REPLICATE_MODEL", "ttskit.replicate.model", p -> p.getReplicate().getModel()),
            row("REPLICATE_WEBHOOK_URL", "ttskit.replicate.webhook-url", p -> p.getReplicate().getWebhookUrl()),
            row("REPLICATE_WEBHOOK_SECRET", "ttskit.replicate.webhook-secret", p -> p.getReplicate().getWebhookSecret()),
            row("REPLICATE_WEBHOOK_BIND", "ttskit.replicate.webhook-bind", p -> p.getReplicate().getWebhookBind()),
            row("REPLICATE_COMPLETION", "ttskit.replicate.completion", p -> p.getReplicate().getCompletion()),
            row("REPLICATE_MAX_DOWNLOAD_BYTES", "ttskit.replicate.max-download-bytes", p -> p.getReplicate().getMaxDownloadBytes()),
            row("REPLICATE_WEBHOOK_PATIENCE", "ttskit.replicate.webhook-patience", p -> p.getReplicate().getWebhookPatience()),
            row("REPLICATE_SYNC_WAIT", "ttskit.replicate.sync-wait", p -> p.getReplicate().getSyncWait()),
            row("TTSKIT_POLLY_ENABLED", "ttskit.polly.enabled", p -> p.getPolly().getEnabled()),
            row("AWS_REGION", "ttskit.polly.region", p -> p.getPolly().getRegion()),
            row("AWS_ENDPOINT_URL_POLLY", "ttskit.polly.endpoint", p -> p.getPolly().getEndpoint()),
            row("POLLY_VOICE_ID", "ttskit.polly.voice-id", p -> p.getPolly().getVoiceId()),
            row("POLLY_ENGINE", "ttskit.polly.engine", p -> p.getPolly().getEngine()),
            row("POLLY_MAX_CONCURRENT", "ttskit.polly.max-concurrent", p -> p.getPolly().getMaxConcurrent()),
            row("XTTS_MODEL_DIR", "ttskit.xtts.model-dir", p -> p.getXtts().getModelDir()),
            row("XTTS_EXECUTION_PROVIDER", "ttskit.xtts.execution-provider", p -> p.getXtts().getExecutionProvider()),
            row("XTTS_THREADS", "ttskit.xtts.threads", p -> p.getXtts().getThreads()),
            row("XTTS_INT8", "ttskit.xtts.int8", p -> p.getXtts().getInt8()),
            row("XTTS_VOICE_CACHE_DIR", "ttskit.xtts.voice-cache-dir", p -> p.getXtts().getVoiceCacheDir()),
            row("TTSKIT_CLUSTER_DB_URL", "ttskit.cluster.db-url", p -> p.getCluster().getDbUrl()),
            row("TTSKIT_CLUSTER_DB_USER", "ttskit.cluster.db-user", p -> p.getCluster().getDbUser()),
            row("TTSKIT_CLUSTER_DB_PASSWORD", "ttskit.cluster.db-password", p -> p.getCluster().getDbPassword()),
            row("TTSKIT_CLUSTER_MAX_CONCURRENT", "ttskit.cluster.max-concurrent", p -> p.getCluster().getMaxConcurrent()),
            row("TTSKIT_CLUSTER_REQUESTS_PER_MINUTE", "ttskit.cluster.requests-per-minute", p -> p.getCluster().getRequestsPerMinute()),
            row("TTSKIT_CLUSTER_CHARACTERS_PER_MONTH", "ttskit.cluster.characters-per-month", p -> p.getCluster().getCharactersPerMonth()),
            row("TTSKIT_CLUSTER_CACHE_MAX_BYTES", "ttskit.cluster.cache-max-bytes", p -> p.getCluster().getCacheMaxBytes()),
            row("TTSKIT_CLUSTER_CACHE_MAX_AGE", "ttskit.cluster.cache-max-age", p -> p.getCluster().getCacheMaxAge()),
            row("TTSKIT_CLUSTER_LEASE", "ttskit.cluster.lease", p -> p.getCluster().getLease()));

    /** What turns each provider on, for messages about a provider named without its settings. */
    static final Map<String, String> REQUIRED = Map.of(
            "elevenlabs", "ttskit.elevenlabs.api-key",
            "openai", "ttskit.openai.api-key or ttskit.openai.base-url",
            "replicate", "ttskit.replicate.api-token",
            "polly", "ttskit.polly.region",
            "local-xtts", "ttskit.xtts.model-dir");

    private PropertySettings() {
    }

    private static Row row(String setting, String property, Function<TtsProperties, Object> value) {
        return new Row(setting, property, value);
    }

    /** The properties that are set, by settings name; nothing from the process environment. */
    static Settings from(TtsProperties properties) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Row r : ROWS) {
            String text = text(r.value().apply(properties));
            if (text != null) values.put(r.setting(), text);
        }
        // One setting per provider, named after its id as the client reads it (TTSKIT_<ID>_MAX_CONCURRENCY).
        properties.getMaxConcurrency().forEach((provider, limit) -> {
            if (limit != null) values.put(TtsClient.maxConcurrencySettingName(provider), String.valueOf(limit));
        });
        return Settings.of(values);
    }

    /** A value as the settings reader takes it: durations in ISO-8601, lists comma-separated. */
    private static @Nullable String text(@Nullable Object value) {
        if (value == null) return null;
        if (value instanceof Duration d) return d.toString();
        if (value instanceof Map<?, ?> m) {
            // provider=number pairs, as the environment writes them
            if (m.isEmpty()) return null;
            List<String> pairs = new ArrayList<>();
            m.forEach((k, v) -> pairs.add(String.valueOf(k).trim() + "=" + String.valueOf(v).trim()));
            return String.join(",", pairs);
        }
        if (value instanceof Collection<?> c) {
            if (c.isEmpty()) return null;
            List<String> items = new ArrayList<>();
            for (Object o : c) items.add(String.valueOf(o).trim());
            return String.join(",", items);
        }
        String s = String.valueOf(value);
        return s.isBlank() ? null : s;
    }

    /**
     * A message about settings, with the Spring property beside every settings name it mentions, so
     * the reader knows what to change in {@code application.properties}.
     */
    static String inPropertyTerms(@Nullable String message) {
        if (message == null) return "invalid ttskit configuration";
        String out = message;
        for (Row r : ROWS) {
            out = out.replaceAll("\\b" + r.setting() + "\\b", r.setting() + " (" + r.property() + ")");
        }
        return out;
    }
}
