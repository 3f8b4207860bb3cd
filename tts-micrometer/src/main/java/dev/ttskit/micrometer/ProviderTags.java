package dev.ttskit.micrometer;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns provider ids into tag values with a bound on how many distinct values there can be. Ids are
 * configuration, so a few are expected; a provider that made up ids per call (or an id that is not a
 * plain lowercase word) must not turn every request into a new time series.
 */
final class ProviderTags {
    static final String NONE = "none";
    static final String OTHER = "other";
    private static final Pattern PLAIN_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final int limit;
    private final ConcurrentHashMap<String, String> known = new ConcurrentHashMap<>();

    ProviderTags(int limit) {
        this.limit = limit;
    }

    String of(String provider) {
        String value = known.get(provider);
        if (value != null) return value;
        if (!PLAIN_ID.matcher(provider).matches()) return OTHER;
        // Racing threads may admit a few ids past the limit; the bound is what matters, not its last unit.
        if (known.size() >= limit) return OTHER;
        String previous = known.putIfAbsent(provider, provider);
        return previous == null ? provider : previous;
    }

    String of(Optional<String> provider) {
        return provider.isPresent() ? of(provider.get()) : NONE;
    }
}
