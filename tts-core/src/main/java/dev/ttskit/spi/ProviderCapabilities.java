package dev.ttskit.spi;

import dev.ttskit.AttemptPolicy;
import dev.ttskit.audio.AudioFormat;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider can do. One table drives both routing (skip providers that cannot serve a request)
 * and validation (per-provider text limits and parameter ranges).
 */
public final class ProviderCapabilities {
    private final Set<AudioFormat> formats;
    private final boolean streaming;
    private final boolean timestamps;
    private final boolean voiceCloning;
    private final Set<String> languages;
    private final int maxChars;
    private final int maxUtf8Bytes;
    private final Map<String, Integer> maxCharsByLanguage;
    private final Map<String, ParameterRange> parameters;
    private final boolean local;
    private final boolean paid;
    private final int maxConcurrentCalls;
    private final boolean honoursDeadline;
    private final Duration minReferenceAudio;
    private final Duration maxReferenceAudio;
    private final @Nullable AttemptPolicy attemptDefaults;

    private ProviderCapabilities(Builder b) {
        this.formats = Collections.unmodifiableSet(new LinkedHashSet<>(b.formats));
        this.streaming = b.streaming;
        this.timestamps = b.timestamps;
        this.voiceCloning = b.voiceCloning;
        this.languages = Collections.unmodifiableSet(new LinkedHashSet<>(b.languages));
        this.maxChars = b.maxChars;
        this.maxUtf8Bytes = b.maxUtf8Bytes;
        this.maxCharsByLanguage = Collections.unmodifiableMap(new LinkedHashMap<>(b.maxCharsByLanguage));
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        this.local = b.local;
        this.paid = b.paid;
        this.maxConcurrentCalls = b.maxConcurrentCalls;
        this.honoursDeadline = b.honoursDeadline;
        this.minReferenceAudio = b.minReferenceAudio;
        this.maxReferenceAudio = b.maxReferenceAudio;
        this.attemptDefaults = b.attemptDefaults;
    }

    /** {@return a builder with no formats, no languages (any language) and the defaults named on each setter} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these capabilities, to declare a changed copy} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.formats.addAll(formats);
        b.streaming = streaming;
        b.timestamps = timestamps;
        b.voiceCloning = voiceCloning;
        b.languages.addAll(languages);
        b.maxChars = maxChars;
        b.maxUtf8Bytes = maxUtf8Bytes;
        b.maxCharsByLanguage.putAll(maxCharsByLanguage);
        b.parameters.putAll(parameters);
        b.local = local;
        b.paid = paid;
        b.maxConcurrentCalls = maxConcurrentCalls;
        b.honoursDeadline = honoursDeadline;
        b.minReferenceAudio = minReferenceAudio;
        b.maxReferenceAudio = maxReferenceAudio;
        b.attemptDefaults = attemptDefaults;
        return b;
    }

    /** {@return formats the provider produces natively} */
    public Set<AudioFormat> formats() { return formats; }

    /** {@return whether the provider streams audio as it is made, rather than only whole results} */
    public boolean streaming() { return streaming; }

    /** {@return whether the provider reports character timings} */
    public boolean timestamps() { return timestamps; }

    /** {@return whether the provider clones a voice from reference audio} */
    public boolean voiceCloning() { return voiceCloning; }

    /** {@return lowercase language codes it speaks; empty means it does not restrict languages} */
    public Set<String> languages() { return languages; }

    /** {@return most characters (UTF-16 code units) in one request} */
    public int maxChars() { return maxChars; }

    /** {@return most UTF-8 bytes in one request} */
    public int maxUtf8Bytes() { return maxUtf8Bytes; }

    /**
     * Per-language character limits that are stricter than {@link #maxChars()}.
     *
     * @return the limits by lowercase language tag, unmodifiable; empty when none is stricter
     */
    public Map<String, Integer> maxCharsByLanguage() { return maxCharsByLanguage; }

    /** {@return allowed ranges of numeric parameters, by name} */
    public Map<String, ParameterRange> parameters() { return parameters; }

    /** {@return runs in this process with no per-call cost (hedging onto it is allowed by default)} */
    public boolean local() { return local; }

    /** {@return whether each call costs money} */
    public boolean paid() { return paid; }

    /** {@return the bulkhead size: calls this provider may run at once} */
    public int maxConcurrentCalls() { return maxConcurrentCalls; }

    /**
     * Whether every call returns or throws promptly, within milliseconds, once its
     * {@link CallContext#deadline()} passes or its {@link CallContext#cancellation()} fires, from
     * wherever it waits (connecting, waiting for an answer, reading it, polling). The router then
     * runs the call on the caller's own thread, saving the hand-over to a worker and back, and only
     * watches that it ends in time; a provider that does not declare it is called on a worker while
     * the caller waits no longer than the attempt may take. Declare it only when it holds for every
     * call: a declaring provider that overruns holds its caller until it returns.
     *
     * @return true when the provider declared that its calls end promptly at the deadline or on
     *     cancellation
     */
    public boolean honoursDeadline() { return honoursDeadline; }

    /** {@return shortest reference recording accepted for cloning} */
    public Duration minReferenceAudio() { return minReferenceAudio; }

    /** {@return longest reference recording accepted for cloning} */
    public Duration maxReferenceAudio() { return maxReferenceAudio; }

    /**
     * The limits this provider's attempts get unless the application sets its own: how long one
     * attempt may take, its first byte and the longest gap between bytes ({@link AttemptPolicy}).
     * Providers differ: a Replicate prediction may take far longer than an ElevenLabs stream's first
     * byte, and a local model's first call may load it. Empty means {@link AttemptPolicy#DEFAULT}.
     *
     * <p>What the application sets wins, field by field: {@code TtsClient.Builder.attemptLimits(id, …)}
     * for one provider, else {@code attemptLimits(…)} for all, else the settings
     * ({@code TTSKIT_ATTEMPT_TIMEOUT}, {@code TTSKIT_FIRST_BYTE_TIMEOUT}, {@code TTSKIT_IDLE_TIMEOUT},
     * {@code TTSKIT_ATTEMPT_RESERVE}) on top of these defaults. The request's deadline and, while other
     * providers remain, their reserve bound these limits in any case.
     *
     * @return the provider's own default attempt limits, or empty
     */
    public Optional<AttemptPolicy> attemptDefaults() { return Optional.ofNullable(attemptDefaults); }

    /**
     * Whether the language (BCP 47, case-insensitive) is spoken: its full tag or its primary
     * subtag.
     *
     * @param language a BCP 47 tag such as {@code en} or {@code pt-BR}
     * @return true when the provider speaks it, or declares no language list
     */
    public boolean supportsLanguage(String language) {
        if (languages.isEmpty()) return true;
        String tag = language.toLowerCase(Locale.ROOT);
        int dash = tag.indexOf('-');
        return languages.contains(tag) || (dash > 0 && languages.contains(tag.substring(0, dash)));
    }

    /**
     * The character limit for a language: the per-language limit when one is set, else
     * {@link #maxChars()}.
     *
     * @param language the request's language; empty for the provider-wide limit
     * @return the maximum text length in characters
     */
    public int maxCharsFor(Optional<String> language) {
        if (language.isEmpty()) return maxChars;
        String tag = language.get().toLowerCase(Locale.ROOT);
        Integer limit = maxCharsByLanguage.get(tag);
        int dash = tag.indexOf('-');
        if (limit == null && dash > 0) limit = maxCharsByLanguage.get(tag.substring(0, dash));
        return limit == null ? maxChars : Math.min(limit, maxChars);
    }

    /**
     * The format to ask this provider for so that {@code wanted} can be delivered: {@code wanted} itself
     * when produced natively; otherwise, when ttskit can make {@code wanted} from PCM (linear PCM or
     * G.711, see {@link AudioFormat#isPcmBased()}), the native PCM format closest above (or
     * else nearest below) the wanted rate, to be converted. Empty when it cannot be delivered.
     *
     * @param wanted the format the caller asked for
     * @return the format to request from the provider; empty when {@code wanted} cannot be
     *     delivered
     */
    public Optional<AudioFormat> sourceFormatFor(AudioFormat wanted) {
        if (formats.contains(wanted)) return Optional.of(wanted);
        if (!wanted.isPcmBased()) return Optional.empty();
        Comparator<AudioFormat> preference = Comparator
                .comparing((AudioFormat f) -> f.sampleRate() < wanted.sampleRate())      // prefer >= wanted rate
                .thenComparing(f -> Math.abs(f.sampleRate() - wanted.sampleRate()))
                .thenComparing(f -> f.container() != wanted.container());
        return formats.stream().filter(AudioFormat::isLinearPcm).min(preference);
    }

    @Override
    public String toString() {
        return "ProviderCapabilities[formats=" + formats + ", streaming=" + streaming + ", timestamps=" + timestamps
                + ", cloning=" + voiceCloning + ", languages=" + (languages.isEmpty() ? "any" : languages)
                + ", maxChars=" + maxChars + ", local=" + local + ", paid=" + paid + "]";
    }

    /** Builds {@link ProviderCapabilities}; setters fail fast. */
    public static final class Builder {
        private final Set<AudioFormat> formats = new LinkedHashSet<>();
        private boolean streaming;
        private boolean timestamps;
        private boolean voiceCloning;
        private final Set<String> languages = new LinkedHashSet<>();
        private int maxChars = 5_000;
        private int maxUtf8Bytes = 20_000;
        private final Map<String, Integer> maxCharsByLanguage = new LinkedHashMap<>();
        private final Map<String, ParameterRange> parameters = new LinkedHashMap<>();
        private boolean local;
        private boolean paid;
        private int maxConcurrentCalls = 8;
        private boolean honoursDeadline;
        private Duration minReferenceAudio = Duration.ofSeconds(3);
        private Duration maxReferenceAudio = Duration.ofSeconds(30);
        private @Nullable AttemptPolicy attemptDefaults;

        private Builder() {
        }

        /**
         * Replaces the formats (also those copied by {@code toBuilder()}) with {@code values}.
         *
         * @param values the formats the provider produces natively; at least one by
         *     {@link #build()}
         * @return this builder
         */
        public Builder formats(AudioFormat... values) {
            Set<AudioFormat> replacement = new LinkedHashSet<>();
            for (AudioFormat f : values) replacement.add(Objects.requireNonNull(f, "format"));
            formats.clear();
            formats.addAll(replacement);
            return this;
        }

        /**
         * Replaces the formats (also those copied by {@code toBuilder()}) with {@code values}.
         *
         * @param values the formats the provider produces natively, in order of preference
         * @return this builder
         */
        public Builder formats(Set<AudioFormat> values) {
            return formats(values.toArray(new AudioFormat[0]));
        }

        /**
         * Declares native streaming; false by default, and the router then streams whole results.
         *
         * @param value whether {@code stream} delivers audio as it is made
         * @return this builder
         */
        public Builder streaming(boolean value) { streaming = value; return this; }

        /**
         * Declares character timings; false by default.
         *
         * @param value whether the provider reports character timings
         * @return this builder
         */
        public Builder timestamps(boolean value) { timestamps = value; return this; }

        /**
         * Declares voice cloning; false by default, and requests with a reference recording skip the provider.
         *
         * @param value whether the provider clones a voice from reference audio
         * @return this builder
         */
        public Builder voiceCloning(boolean value) { voiceCloning = value; return this; }

        /**
         * Adds languages the provider speaks; none declared means any language.
         *
         * @param codes BCP 47 codes, stored in lower case
         * @return this builder
         */
        public Builder languages(String... codes) {
            for (String c : codes) languages.add(c.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Adds languages the provider speaks; none declared means any language.
         *
         * @param codes BCP 47 codes, stored in lower case
         * @return this builder
         */
        public Builder languages(Set<String> codes) {
            return languages(codes.toArray(new String[0]));
        }

        /**
         * The most characters (UTF-16 code units) one request may hold; longer text is refused or split.
         *
         * @param value at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is below 1
         */
        public Builder maxChars(int value) {
            if (value < 1) throw new IllegalArgumentException("maxChars must be >= 1, was " + value);
            maxChars = value;
            return this;
        }

        /**
         * The most UTF-8 bytes one request may hold, for providers that count bytes.
         *
         * @param value at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is below 1
         */
        public Builder maxUtf8Bytes(int value) {
            if (value < 1) throw new IllegalArgumentException("maxUtf8Bytes must be >= 1, was " + value);
            maxUtf8Bytes = value;
            return this;
        }

        /**
         * A character limit for one language, stricter than {@link #maxChars(int)}.
         *
         * @param language a BCP 47 code, stored in lower case
         * @param value    at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is below 1
         */
        public Builder maxCharsForLanguage(String language, int value) {
            if (value < 1) throw new IllegalArgumentException("max chars for " + language + " must be >= 1, was " + value);
            maxCharsByLanguage.put(language.toLowerCase(Locale.ROOT), value);
            return this;
        }

        /**
         * The range a numeric option accepts; the validator refuses values outside it.
         *
         * @param name the option's name, as in {@code SpeechRequest.option}
         * @param min  the smallest value accepted
         * @param max  the largest value accepted
         * @return this builder
         */
        public Builder parameter(String name, double min, double max) {
            parameters.put(name, new ParameterRange(name, min, max));
            return this;
        }

        /**
         * Declares a provider that runs in this process with no per-call cost; false by default.
         *
         * @param value whether calls stay in this process (hedging onto it is then allowed by default)
         * @return this builder
         */
        public Builder local(boolean value) { local = value; return this; }

        /**
         * Declares that each call costs money; false by default. Paid providers are not hedged onto unless allowed.
         *
         * @param value whether each call is billed
         * @return this builder
         */
        public Builder paid(boolean value) { paid = value; return this; }

        /**
         * How many calls may run at once before callers queue; 8 by default. The account's stated limit replaces it when the provider reports one.
         *
         * @param value at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is below 1
         */
        public Builder maxConcurrentCalls(int value) {
            if (value < 1) throw new IllegalArgumentException("maxConcurrentCalls must be >= 1, was " + value);
            maxConcurrentCalls = value;
            return this;
        }

        /**
         * See {@link ProviderCapabilities#honoursDeadline()}; false unless declared.
         *
         * @param value true only when every call honours the deadline and cancellation
         * @return this builder
         */
        public Builder honoursDeadline(boolean value) { honoursDeadline = value; return this; }

        /**
         * The lengths of reference recording accepted for cloning; 3 to 30 seconds by default.
         *
         * @param min the shortest recording accepted; not negative
         * @param max the longest recording accepted; not below {@code min}
         * @return this builder
         * @throws IllegalArgumentException when the range is invalid
         */
        public Builder referenceAudioDuration(Duration min, Duration max) {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("reference audio duration range is invalid: " + min + ".." + max);
            }
            minReferenceAudio = min;
            maxReferenceAudio = max;
            return this;
        }

        /**
         * The provider's own default attempt limits (see {@link ProviderCapabilities#attemptDefaults()}).
         *
         * @param value the limits its attempts get unless the application sets others
         * @return this builder
         */
        public Builder attemptDefaults(AttemptPolicy value) {
            attemptDefaults = Objects.requireNonNull(value, "attemptDefaults");
            return this;
        }

        /**
         * Builds the capabilities.
         *
         * @return the immutable capabilities
         * @throws IllegalStateException when no format was declared
         */
        public ProviderCapabilities build() {
            if (formats.isEmpty()) throw new IllegalStateException("a provider must declare at least one format");
            return new ProviderCapabilities(this);
        }
    }
}
