package dev.ttskit.validation;

import dev.ttskit.Settings;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link StandardValidator} enforces beyond the providers' own limits. Immutable; build with
 * {@link #builder()}. The defaults are safe for untrusted input: masking and injection screening are
 * off (they change or reject ordinary prose), voice references must lie inside the working directory
 * unless other directories are allowed.
 */
public final class ValidationPolicy {
    /** Environment name of the overall text limit in characters. */
    public static final String MAX_TEXT_CHARS = "TTSKIT_MAX_TEXT_CHARS";
    /** Environment name of the directories voice references may come from ({@link File#pathSeparator}-separated). */
    public static final String REFERENCE_DIRS = "TTSKIT_REFERENCE_DIRS";

    private static final ValidationPolicy DEFAULTS = builder().build();

    private final int maxChars;
    private final int maxUtf8Bytes;
    private final boolean nfkcEverywhere;
    private final Set<String> nfkcProviders;
    private final boolean maskUrls;
    private final boolean maskEmails;
    private final InjectionPolicy injectionPolicy;
    private final List<Path> referenceDirectories;
    private final long maxReferenceBytes;
    private final Duration minReferenceDuration;
    private final Duration maxReferenceDuration;

    private ValidationPolicy(Builder b) {
        this.maxChars = b.maxChars;
        this.maxUtf8Bytes = b.maxUtf8Bytes;
        this.nfkcEverywhere = b.nfkcEverywhere;
        this.nfkcProviders = Set.copyOf(b.nfkcProviders);
        this.maskUrls = b.maskUrls;
        this.maskEmails = b.maskEmails;
        this.injectionPolicy = b.injectionPolicy;
        this.referenceDirectories = b.referenceDirectories.isEmpty()
                ? List.of(Path.of("").toAbsolutePath()) : List.copyOf(b.referenceDirectories);
        this.maxReferenceBytes = b.maxReferenceBytes;
        this.minReferenceDuration = b.minReferenceDuration;
        this.maxReferenceDuration = b.maxReferenceDuration;
    }

    /**
     * A builder holding this policy's values (the reference directories as resolved).
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxChars = maxChars;
        b.maxUtf8Bytes = maxUtf8Bytes;
        b.nfkcEverywhere = nfkcEverywhere;
        b.nfkcProviders.addAll(nfkcProviders);
        b.maskUrls = maskUrls;
        b.maskEmails = maskEmails;
        b.injectionPolicy = injectionPolicy;
        b.referenceDirectories.addAll(referenceDirectories);
        b.maxReferenceBytes = maxReferenceBytes;
        b.minReferenceDuration = minReferenceDuration;
        b.maxReferenceDuration = maxReferenceDuration;
        return b;
    }

    /**
     * The defaults: see the builder's setters.
     *
     * @return the shared default policy
     */
    public static ValidationPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * The defaults with {@value #MAX_TEXT_CHARS} and {@value #REFERENCE_DIRS} applied from the settings.
     *
     * @param settings where to read them, e.g. {@link Settings#fromEnv()}
     * @return the policy
     * @throws IllegalArgumentException when a setting is malformed, naming the setting and its value
     */
    public static ValidationPolicy fromSettings(Settings settings) {
        Builder b = builder();
        settings.get(MAX_TEXT_CHARS).ifPresent(v -> {
            try {
                b.maxChars(Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(MAX_TEXT_CHARS + " must be a positive integer, was '" + v + "'", e);
            }
        });
        settings.get(REFERENCE_DIRS).ifPresent(v -> {
            for (String dir : v.split(File.pathSeparator)) {
                if (!dir.isBlank()) b.allowReferencesFrom(Path.of(dir.trim()));
            }
        });
        return b.build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Most characters (UTF-16 code units) in one request before any provider splits it.
     *
     * @return the limit in UTF-16 code units
     */
    public int maxChars() { return maxChars; }

    /**
     * Most UTF-8 bytes in one request before any provider splits it.
     *
     * @return the limit in bytes
     */
    public int maxUtf8Bytes() { return maxUtf8Bytes; }

    /**
     * Whether text for this provider is normalised to NFKC rather than NFC.
     *
     * @param providerId the provider's id, lower case
     * @return true for NFKC
     */
    public boolean nfkcFor(String providerId) {
        return nfkcEverywhere || nfkcProviders.contains(providerId);
    }

    /**
     * Whether URLs are replaced by a spoken placeholder for local engines.
     *
     * @return true when URLs are masked
     */
    public boolean maskUrls() { return maskUrls; }

    /**
     * Whether e-mail addresses are replaced by a spoken placeholder for local engines.
     *
     * @return true when e-mail addresses are masked
     */
    public boolean maskEmails() { return maskEmails; }

    /**
     * How strictly text is screened for injection payloads.
     *
     * @return the policy; {@link InjectionPolicy#OFF} by default
     */
    public InjectionPolicy injectionPolicy() { return injectionPolicy; }

    /**
     * Directories a voice reference may resolve into (symbolic links followed); never empty.
     *
     * @return absolute, normalised directories; unmodifiable
     */
    public List<Path> referenceDirectories() { return referenceDirectories; }

    /**
     * Largest voice reference file, in bytes.
     *
     * @return the limit in bytes
     */
    public long maxReferenceBytes() { return maxReferenceBytes; }

    /**
     * Shortest voice reference recording, before any provider's own minimum.
     *
     * @return the shortest duration accepted
     */
    public Duration minReferenceDuration() { return minReferenceDuration; }

    /**
     * Longest voice reference recording, before any provider's own maximum.
     *
     * @return the longest duration accepted
     */
    public Duration maxReferenceDuration() { return maxReferenceDuration; }

    @Override
    public String toString() {
        return "ValidationPolicy[maxChars=" + maxChars + ", maxUtf8Bytes=" + maxUtf8Bytes
                + ", nfkc=" + (nfkcEverywhere ? "all" : nfkcProviders) + ", maskUrls=" + maskUrls
                + ", maskEmails=" + maskEmails + ", injection=" + injectionPolicy
                + ", referenceDirectories=" + referenceDirectories + ", maxReferenceBytes=" + maxReferenceBytes
                + ", referenceDuration=" + minReferenceDuration + ".." + maxReferenceDuration + "]";
    }

    /** Builds a {@link ValidationPolicy}; setters fail fast with the bad value in the message. */
    public static final class Builder {
        private int maxChars = 100_000;
        private int maxUtf8Bytes = 400_000;
        private boolean nfkcEverywhere;
        private final Set<String> nfkcProviders = new LinkedHashSet<>();
        private boolean maskUrls;
        private boolean maskEmails;
        private InjectionPolicy injectionPolicy = InjectionPolicy.OFF;
        private final List<Path> referenceDirectories = new ArrayList<>();
        private long maxReferenceBytes = 50L * 1024 * 1024;
        private Duration minReferenceDuration = Duration.ofSeconds(3);
        private Duration maxReferenceDuration = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * Default 100,000; longer text is rejected before any provider is tried (providers split below it).
         *
         * @param value the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException when the value is below 1
         */
        public Builder maxChars(int value) {
            if (value < 1) throw new IllegalArgumentException("maxChars must be >= 1, was " + value);
            maxChars = value;
            return this;
        }

        /**
         * Default 400,000.
         *
         * @param value the most UTF-8 bytes in one request, at least 1
         * @return this builder
         * @throws IllegalArgumentException when the value is below 1
         */
        public Builder maxUtf8Bytes(int value) {
            if (value < 1) throw new IllegalArgumentException("maxUtf8Bytes must be >= 1, was " + value);
            maxUtf8Bytes = value;
            return this;
        }

        /**
         * NFKC for every provider (default false: NFC, which keeps compatibility characters).
         *
         * @param value true for NFKC everywhere
         * @return this builder
         */
        public Builder nfkc(boolean value) {
            nfkcEverywhere = value;
            return this;
        }

        /**
         * NFKC for these providers only (for engines whose front end cannot read ligatures, full-width forms...).
         *
         * @param providerIds provider ids, case-insensitive; added to those already set
         * @return this builder
         */
        public Builder nfkcFor(String... providerIds) {
            for (String id : providerIds) nfkcProviders.add(Objects.requireNonNull(id, "provider id").toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Replace URLs with "link" for local engines (default false).
         *
         * @param value whether to mask URLs
         * @return this builder
         */
        public Builder maskUrls(boolean value) {
            maskUrls = value;
            return this;
        }

        /**
         * Replace e-mail addresses with "e-mail address" for local engines (default false).
         *
         * @param value whether to mask e-mail addresses
         * @return this builder
         */
        public Builder maskEmails(boolean value) {
            maskEmails = value;
            return this;
        }

        /**
         * Default {@link InjectionPolicy#OFF}.
         *
         * @param value how strictly to screen text for injection payloads
         * @return this builder
         */
        public Builder injectionPolicy(InjectionPolicy value) {
            injectionPolicy = Objects.requireNonNull(value, "injectionPolicy");
            return this;
        }

        /**
         * Allows voice references inside this directory (default: the working directory only).
         *
         * @param directory a directory; added to those already allowed, made absolute
         * @return this builder
         */
        public Builder allowReferencesFrom(Path directory) {
            referenceDirectories.add(Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize());
            return this;
        }

        /**
         * Default 50 MiB.
         *
         * @param value the largest file, in bytes, at least 64
         * @return this builder
         * @throws IllegalArgumentException when the value is below 64
         */
        public Builder maxReferenceBytes(long value) {
            if (value < 64) throw new IllegalArgumentException("maxReferenceBytes must be >= 64, was " + value);
            maxReferenceBytes = value;
            return this;
        }

        /**
         * Default 3 s to 30 s.
         *
         * @param min the shortest recording accepted, zero or more
         * @param max the longest recording accepted, at least {@code min} and above zero
         * @return this builder
         * @throws IllegalArgumentException when the range is empty or negative
         */
        public Builder referenceDuration(Duration min, Duration max) {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative() || max.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("reference duration range is invalid: " + min + ".." + max);
            }
            minReferenceDuration = min;
            maxReferenceDuration = max;
            return this;
        }

        /**
         * The policy.
         *
         * @return an immutable policy
         */
        public ValidationPolicy build() {
            return new ValidationPolicy(this);
        }
    }
}
