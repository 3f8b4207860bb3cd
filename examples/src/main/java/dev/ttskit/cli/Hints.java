package dev.ttskit.cli;

import dev.ttskit.ErrorCategory;
import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.Optional;

/** What a user can do about a failure, and which setting configures each provider. */
final class Hints {
    /** The setting whose presence configures each provider (DESIGN section 8). */
    static final Map<String, String> KEY_SETTING = Map.of(
            "elevenlabs", "ELEVENLABS_API_KEY",
            "replicate", "REPLICATE_API_TOKEN",
            "local-xtts", "XTTS_MODEL_DIR",
            "openai", "OPENAI_API_KEY",
            "polly", "TTSKIT_POLLY_ENABLED");
    /** Other settings that configure a provider on their own: a compatible server's base URL needs no key. */
    static final Map<String, String> ALTERNATIVE_SETTING = Map.of("openai", "OPENAI_BASE_URL");
    /** What a switch needs beside it: Polly is an explicit opt-in (it is paid) that then needs a region. */
    private static final Map<String, String> SWITCH_NEEDS = Map.of("polly", "AWS_REGION");

    private Hints() {
    }

    /** Whether the provider's setting is a switch, which configures it only when on (not merely when set). */
    static boolean isSwitch(String provider) {
        return SWITCH_NEEDS.containsKey(provider);
    }

    /** What to set to configure a provider, e.g. {@code OPENAI_API_KEY (or OPENAI_BASE_URL)}. */
    static Optional<String> toConfigure(String provider) {
        String setting = KEY_SETTING.get(provider);
        if (setting == null) return Optional.empty();
        String needs = SWITCH_NEEDS.get(provider);
        if (needs != null) return Optional.of(setting + "=true and " + needs);
        String alternative = ALTERNATIVE_SETTING.get(provider);
        return Optional.of(alternative == null ? setting : setting + " (or " + alternative + ")");
    }

    static String forFailure(@Nullable String provider, ErrorCategory category) {
        String setting = provider == null ? null : KEY_SETTING.get(provider);
        return switch (category) {
            case VALIDATION -> "fix the input or the options";
            case UNSUPPORTED -> "try another --format, --sample-rate, --language or --voice, or another provider";
            case AUTH -> "polly".equals(provider) ? "check the AWS credentials (environment, ~/.aws profile or role) and IAM permissions"
                    : setting != null && !setting.endsWith("_DIR") ? "check " + setting : "check the provider's credentials";
            case QUOTA -> "the account's credits are used up; top up or put another provider first in TTSKIT_PROVIDERS";
            case RATE_LIMIT -> "too many requests; wait a moment and retry";
            case UNAVAILABLE -> provider == null ? "a service ttskit needs (a provider, or the jobs database) is down or unreachable; retry later"
                    : "the provider is down or unreachable; retry later or add another provider to TTSKIT_PROVIDERS";
            case TIMEOUT -> "raise TTSKIT_TIMEOUT (e.g. TTSKIT_TIMEOUT=2m)";
            case BAD_AUDIO -> "the provider returned no usable audio; for marytts, the text may hold nothing speakable in English";
            case MODEL -> "local-xtts".equals(provider) ? "check XTTS_MODEL_DIR" : "the local model failed to load; run with --debug";
            case STREAM -> "the stream broke after audio started; run again without --stream";
            case EXHAUSTED -> "see the lines above for each provider";
            case CANCELLED -> "the request was cancelled";
        };
    }
}
