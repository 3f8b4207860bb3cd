package dev.ttskit.polly;

import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;

import java.net.URI;
import java.util.Optional;

/**
 * Makes the Polly provider when {@code TTSKIT_POLLY_ENABLED} is true; credentials come from the AWS SDK's
 * default chain. Found by {@link java.util.ServiceLoader}. Polly is paid, so it is an explicit opt-in:
 * {@code AWS_REGION} alone is set for every process on Lambda, ECS and CodeBuild, and an AWS profile
 * or role is there too, so neither may put Polly into a chain nobody asked it to join.
 *
 * <table>
 * <caption>Settings read</caption>
 * <tr><th>name</th><th>meaning</th></tr>
 * <tr><td>TTSKIT_POLLY_ENABLED</td><td>true turns Polly on (it then needs AWS_REGION); off unless set</td></tr>
 * <tr><td>AWS_REGION</td><td>the region (required once enabled)</td></tr>
 * <tr><td>AWS_ENDPOINT_URL_POLLY, AWS_ENDPOINT_URL</td><td>another endpoint, the first one set</td></tr>
 * <tr><td>POLLY_VOICE_ID</td><td>voice for requests that name none; Joanna unless set</td></tr>
 * <tr><td>POLLY_ENGINE</td><td>standard, neural, long-form or generative; neural unless set</td></tr>
 * <tr><td>POLLY_MAX_CONCURRENT</td><td>calls at once (the router's bulkhead); 8 unless set</td></tr>
 * </table>
 */
public final class PollyProviderFactory implements TtsProviderFactory {
    /** Setting that turns Polly on when {@code true}; off unless set. */
    public static final String ENABLED = "TTSKIT_POLLY_ENABLED";
    /** Setting for the AWS region; required once Polly is enabled. */
    public static final String REGION = "AWS_REGION";
    /** Setting for another Polly endpoint; wins over {@link #ENDPOINT}. */
    public static final String ENDPOINT_POLLY = "AWS_ENDPOINT_URL_POLLY";
    /** Setting for another endpoint for every AWS service; used when {@link #ENDPOINT_POLLY} is not set. */
    public static final String ENDPOINT = "AWS_ENDPOINT_URL";
    /** Setting for the voice id used when a request names none; {@code Joanna} unless set. */
    public static final String VOICE = "POLLY_VOICE_ID";
    /** Setting for the engine used when a request names none; {@code neural} unless set. */
    public static final String ENGINE = "POLLY_ENGINE";
    /** Setting for how many calls the router runs at once (at least 1); 8 unless set. */
    public static final String MAX_CONCURRENT = "POLLY_MAX_CONCURRENT";

    /** After the hosted voices that need a key of their own, before the local model. */
    @Override
    public int priority() {
        return 250;
    }

    @Override
    public String id() {
        return PollyProvider.ID;
    }

    @Override
    public Optional<TtsProvider> create(Settings settings) {
        if (!settings.flag(ENABLED).orElse(false)) return Optional.empty();
        Optional<String> region = settings.get(REGION);
        if (region.isEmpty()) {
            throw new IllegalArgumentException(ENABLED + " is true but " + REGION + " is not set: Polly needs a region");
        }
        PollyProvider.Builder b = PollyProvider.builder();
        apply(REGION, () -> b.region(region.get().trim()));
        Optional<String> endpoint = settings.get(ENDPOINT_POLLY);
        String endpointName = ENDPOINT_POLLY;
        if (endpoint.isEmpty()) {
            endpoint = settings.get(ENDPOINT);
            endpointName = ENDPOINT;
        }
        String name = endpointName;
        endpoint.ifPresent(v -> apply(name, () -> b.endpointOverride(URI.create(v.trim()))));
        settings.get(VOICE).ifPresent(v -> apply(VOICE, () -> b.voice(v.trim())));
        settings.get(ENGINE).ifPresent(v -> apply(ENGINE, () -> b.engine(v.trim())));
        settings.get(MAX_CONCURRENT).ifPresent(v -> apply(MAX_CONCURRENT, () -> {
            try {
                b.maxConcurrentCalls(Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number: '" + v + "'", e);
            }
        }));
        try {
            return Optional.of(b.build());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("Polly configuration: " + e.getMessage(), e);
        }
    }

    private static void apply(String name, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }
}
