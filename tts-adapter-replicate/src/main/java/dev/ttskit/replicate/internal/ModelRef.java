package dev.ttskit.replicate.internal;

import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A configured model: {@code owner/name} (created through the models endpoint) or
 * {@code owner/name:version} (created through {@code /v1/predictions} with that version).
 *
 * @param owner   the model's owner
 * @param name    the model's name
 * @param version the pinned version id, or null for the model's latest (official models)
 */
public record ModelRef(String owner, String name, @Nullable String version) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ModelRef {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
    }

    /** @throws IllegalArgumentException when the text is not {@code owner/name} or {@code owner/name:version} */
    public static ModelRef parse(String text) {
        Objects.requireNonNull(text, "model");
        String s = text.trim();
        String version = null;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            version = s.substring(colon + 1);
            s = s.substring(0, colon);
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("model version must be a version id, was '" + text + "'");
            }
        }
        int slash = s.indexOf('/');
        if (slash < 0 || slash != s.lastIndexOf('/')) {
            throw new IllegalArgumentException("model must be owner/name or owner/name:version, was '" + text + "'");
        }
        String owner = s.substring(0, slash);
        String name = s.substring(slash + 1);
        if (!PART.matcher(owner).matches() || !PART.matcher(name).matches()) {
            throw new IllegalArgumentException("model must be owner/name or owner/name:version, was '" + text + "'");
        }
        return new ModelRef(owner, name, version);
    }

    /** {@code owner/name} in lower case, the key of the input mapping. */
    public String slug() {
        return (owner + "/" + name).toLowerCase(Locale.ROOT);
    }

    public Optional<String> pinnedVersion() {
        return Optional.ofNullable(version);
    }

    @Override
    public String toString() {
        return version == null ? owner + "/" + name : owner + "/" + name + ":" + version;
    }
}
