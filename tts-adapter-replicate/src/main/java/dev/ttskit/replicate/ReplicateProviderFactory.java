package dev.ttskit.replicate;

import dev.ttskit.ApiKey;
import dev.ttskit.Settings;
import dev.ttskit.spi.SharedState;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Optional;

/**
 * Makes a {@link ReplicateProvider} from configuration when {@code REPLICATE_API_TOKEN} is set.
 *
 * <table>
 * <caption>Settings read</caption>
 * <tr><th>name</th><th>meaning</th></tr>
 * <tr><td>REPLICATE_API_TOKEN</td><td>the API token (required)</td></tr>
 * <tr><td>REPLICATE_BASE_URL</td><td>API base, with or without /v1</td></tr>
 * <tr><td>REPLICATE_MODEL</td><td>owner/name or owner/name:version; {@value #DEFAULT_MODEL} by default</td></tr>
 * <tr><td>REPLICATE_WEBHOOK_URL</td><td>https URL Replicate posts results to; turns on webhook completion</td></tr>
 * <tr><td>REPLICATE_WEBHOOK_SECRET</td><td>signing secret (whsec_...); fetched from the API when absent</td></tr>
 * <tr><td>REPLICATE_WEBHOOK_BIND</td><td>host:port for the built-in receiver, serving the webhook URL's path</td></tr>
 * <tr><td>REPLICATE_COMPLETION</td><td>webhook, sync or polling, to override the default</td></tr>
 * <tr><td>REPLICATE_MAX_DOWNLOAD_BYTES</td><td>largest output accepted, in bytes; 50 MiB by default</td></tr>
 * <tr><td>REPLICATE_WEBHOOK_PATIENCE</td><td>how long to wait for a webhook before checking with a GET; a day by default</td></tr>
 * <tr><td>REPLICATE_SYNC_WAIT</td><td>how long a synchronous create holds the connection, 1 to 60 s; 60 s by default</td></tr>
 * </table>
 */
public final class ReplicateProviderFactory implements TtsProviderFactory {
    /** The model used when REPLICATE_MODEL is not set: an official model, so no version is needed. */
    public static final String DEFAULT_MODEL = "minimax/speech-02-turbo";

    @Override
    public String id() {
        return ReplicateProvider.ID;
    }

    /** After ElevenLabs: a hosted model, slower to start (cold boots, polling). */
    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Optional<TtsProvider> create(Settings settings) {
        return build(settings, null);
    }

    /** Webhooks meet waiting calls on the shared completion bus, so any instance may receive them. */
    @Override
    public Optional<TtsProvider> create(Settings settings, SharedState shared) {
        return build(settings, shared);
    }

    private static Optional<TtsProvider> build(Settings settings, @Nullable SharedState shared) {
        Optional<String> token = settings.get("REPLICATE_API_TOKEN");
        if (token.isEmpty()) return Optional.empty();
        ReplicateProvider.Builder b = ReplicateProvider.builder()
                .apiToken(ApiKey.of(token.get()))
                .model(settings.get("REPLICATE_MODEL").orElse(DEFAULT_MODEL));
        if (shared != null) b.completionBus(shared.completionBus());
        settings.get("REPLICATE_BASE_URL").ifPresent(b::baseUrl);
        settings.get("REPLICATE_WEBHOOK_URL").ifPresent(b::webhookUrl);
        settings.get("REPLICATE_WEBHOOK_SECRET").ifPresent(s -> {
            try {
                b.webhookSecret(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("REPLICATE_WEBHOOK_SECRET: " + e.getMessage(), e);
            }
        });
        settings.get("REPLICATE_WEBHOOK_BIND").ifPresent(v -> b.webhookReceiver(WebhookServer.parseBind(v)));
        settings.get("REPLICATE_COMPLETION").ifPresent(v -> {
            try {
                b.completion(CompletionStrategy.valueOf(v.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("REPLICATE_COMPLETION must be webhook, sync or polling, was '" + v + "'", e);
            }
        });
        settings.number("REPLICATE_MAX_DOWNLOAD_BYTES").ifPresent(n -> named("REPLICATE_MAX_DOWNLOAD_BYTES", () -> b.maxDownloadBytes(n)));
        settings.duration("REPLICATE_WEBHOOK_PATIENCE").ifPresent(d -> b.webhookPatience(d));
        settings.duration("REPLICATE_SYNC_WAIT").ifPresent(d -> named("REPLICATE_SYNC_WAIT", () -> {
            if (d.toMillis() % 1000 != 0) throw new IllegalArgumentException("whole seconds only, was " + d);
            b.syncWaitSeconds(Math.toIntExact(Math.min(d.toSeconds(), Integer.MAX_VALUE)));
        }));
        try {
            return Optional.of(b.build());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("Replicate configuration is incomplete: " + e.getMessage(), e);
        }
    }

    private static void named(String setting, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }
}
