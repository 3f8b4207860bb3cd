package dev.ttskit;

import dev.ttskit.audio.AudioFormat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What to say and how. Immutable; build with {@link #builder()}, change with {@link #toBuilder()}.
 *
 * <p>{@code voice} is a logical voice name mapped per provider by the client (see
 * {@link TtsClient.Builder#voice}), or a provider's own voice id when only one provider is used.
 * Provider-specific options are keyed {@code provider.name} (e.g. {@code elevenlabs.stability}) and
 * reach only that provider; unprefixed keys reach every provider.
 */
public final class SpeechRequest {
    /** The format used when the caller does not ask for one. */
    public static final AudioFormat DEFAULT_FORMAT = AudioFormat.WAV_PCM16_24K;

    private final String text;
    private final @Nullable String voice;
    private final @Nullable String language;
    private final AudioFormat format;
    private final @Nullable Double speed;
    private final @Nullable Long seed;
    private final Map<String, Object> options;
    private final @Nullable Duration timeout;
    private final @Nullable Path speakerReference;
    private final List<String> providers;
    private final boolean allowAnyVoice;

    /** {@code text} is the builder's, checked present by {@link Builder#build()}. */
    private SpeechRequest(Builder b, String text) {
        this.text = text;
        this.voice = b.voice;
        this.language = b.language;
        this.format = b.format;
        this.speed = b.speed;
        this.seed = b.seed;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
        this.timeout = b.timeout;
        this.speakerReference = b.speakerReference;
        this.providers = List.copyOf(b.providers);
        this.allowAnyVoice = b.allowAnyVoice;
    }

    /** {@return an empty builder; only the text is required, the format defaults to 24 kHz 16-bit WAV} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Shorthand for a request with only text.
     *
     * @param text what to speak
     * @return a request with defaults for everything else
     */
    public static SpeechRequest of(String text) {
        return builder().text(text).build();
    }

    /** {@return a builder holding this request's values, to make a changed copy} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.text = text;
        b.voice = voice;
        b.language = language;
        b.format = format;
        b.speed = speed;
        b.seed = seed;
        b.options.putAll(options);
        b.timeout = timeout;
        b.speakerReference = speakerReference;
        b.providers = providers;
        b.allowAnyVoice = allowAnyVoice;
        return b;
    }

    /** {@return the text to speak (input: never logged or put in messages)} */
    public String text() { return text; }

    /** {@return the logical voice name or provider voice id} */
    public Optional<String> voice() { return Optional.ofNullable(voice); }

    /**
     * A BCP 47 language code such as {@code en} or {@code pt-BR}.
     *
     * @return the language; empty to let the provider detect or default it
     */
    public Optional<String> language() { return Optional.ofNullable(language); }

    /** {@return the format the caller wants, whichever provider answers} */
    public AudioFormat format() { return format; }

    /** {@return speaking rate, 1.0 being the provider's normal speed} */
    public Optional<Double> speed() { return Optional.ofNullable(speed); }

    /** {@return seed for providers that sample (0..2^32-1)} */
    public Optional<Long> seed() { return Optional.ofNullable(seed); }

    /** {@return provider-specific options; values are String, Number or Boolean} */
    public Map<String, Object> options() { return options; }

    /** {@return the request's own deadline budget; the client's default applies when empty} */
    public Optional<Duration> timeout() { return Optional.ofNullable(timeout); }

    /** {@return a voice reference recording for providers that clone voices} */
    public Optional<Path> speakerReference() { return Optional.ofNullable(speakerReference); }

    /** {@return the provider ids routing is restricted to, in this order; empty means the client's chain} */
    public List<String> providers() { return providers; }

    /**
     * Whether a provider with no mapping for {@link #voice()} may answer with its default voice.
     *
     * @return true when an unmapped provider may use its default voice; false by default
     */
    public boolean allowAnyVoice() { return allowAnyVoice; }

    /**
     * The options that apply to one provider: unprefixed keys, then {@code provider.}-prefixed keys
     * with the prefix removed (the prefixed value wins).
     *
     * @param providerId the provider's id
     * @return the options for that provider, prefix removed; empty when none apply
     */
    public Map<String, Object> optionsFor(String providerId) {
        Map<String, Object> out = new LinkedHashMap<>();
        String prefix = providerId + ".";
        options.forEach((k, v) -> {
            if (k.indexOf('.') < 0) out.put(k, v);
        });
        options.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return Collections.unmodifiableMap(out);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof SpeechRequest)) return false;
        SpeechRequest r = (SpeechRequest) o;
        return allowAnyVoice == r.allowAnyVoice && text.equals(r.text) && Objects.equals(voice, r.voice)
                && Objects.equals(language, r.language) && format.equals(r.format) && Objects.equals(speed, r.speed)
                && Objects.equals(seed, r.seed) && options.equals(r.options) && Objects.equals(timeout, r.timeout)
                && Objects.equals(speakerReference, r.speakerReference) && providers.equals(r.providers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, voice, language, format, speed, seed, options, timeout, speakerReference, providers);
    }

    /** Describes the request without its text: only the text's length is shown. */
    @Override
    public String toString() {
        return "SpeechRequest[chars=" + text.length() + ", voice=" + voice + ", language=" + language
                + ", format=" + format + (speed != null ? ", speed=" + speed : "") + (seed != null ? ", seed=" + seed : "")
                + (options.isEmpty() ? "" : ", options=" + options.keySet())
                + (timeout != null ? ", timeout=" + timeout : "") + (providers.isEmpty() ? "" : ", providers=" + providers) + "]";
    }

    /** Builds a {@link SpeechRequest}; setters fail fast with the bad value in the message. */
    public static final class Builder {
        private @Nullable String text;
        private @Nullable String voice;
        private @Nullable String language;
        private AudioFormat format = DEFAULT_FORMAT;
        private @Nullable Double speed;
        private @Nullable Long seed;
        private final Map<String, Object> options = new LinkedHashMap<>();
        private @Nullable Duration timeout;
        private @Nullable Path speakerReference;
        private List<String> providers = List.of();
        private boolean allowAnyVoice;

        private Builder() {
        }

        /**
         * Required. Must not be empty; further cleaning and limits belong to the validator.
         *
         * @param text what to speak; not null
         * @return this builder
         */
        public Builder text(String text) {
            Objects.requireNonNull(text, "text");
            this.text = text;
            return this;
        }

        /**
         * The voice: a logical voice configured on the client, or a provider's own voice id.
         *
         * @param voice the name or id; null for the providers' default voices
         * @return this builder
         * @throws IllegalArgumentException when the id is blank, too long or holds control characters
         */
        public Builder voice(@Nullable String voice) {
            this.voice = voice == null ? null : VoiceId.of(voice).value();
            return this;
        }

        /**
         * The language of the text; providers that do not speak it are skipped.
         *
         * @param language a BCP 47 tag such as {@code en} or {@code pt-BR}; null to leave it to the provider
         * @return this builder
         * @throws IllegalArgumentException when the tag is malformed
         */
        public Builder language(@Nullable String language) {
            if (language != null && !language.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
                throw new IllegalArgumentException("language must be a BCP 47 tag such as en or pt-BR, was '" + language + "'");
            }
            this.language = language;
            return this;
        }

        /**
         * The format the caller wants; the client converts when the answering provider makes another.
         *
         * @param format the wanted format
         * @return this builder
         */
        public Builder format(AudioFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Speaking rate, 1.0 being normal; unset for the provider's normal speed.
         *
         * @param speed a positive finite rate; providers enforce their own ranges
         * @return this builder
         * @throws IllegalArgumentException when {@code speed} is not positive or infinite
         */
        public Builder speed(double speed) {
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed must be a positive number, was " + speed);
            }
            this.speed = speed;
            return this;
        }

        /**
         * Sampling seed, for providers that can repeat a synthesis exactly; unset for none.
         *
         * @param seed 0..4294967295
         * @return this builder
         * @throws IllegalArgumentException when {@code seed} is out of range
         */
        public Builder seed(long seed) {
            if (seed < 0 || seed > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("seed must be 0..4294967295, was " + seed);
            }
            this.seed = seed;
            return this;
        }

        /**
         * A provider-specific option: key {@code provider.name} or {@code name}; value String,
         * Number or Boolean.
         *
         * @param key {@code provider.name} for one provider, or {@code name} for all; not blank
         * @param value a String, Number or Boolean
         * @return this builder
         * @throws IllegalArgumentException when the key is blank or the value of another type
         */
        public Builder option(String key, Object value) {
            Objects.requireNonNull(key, "option key");
            Objects.requireNonNull(value, "option value for " + key);
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("option " + key + " must be a String, Number or Boolean, was "
                        + value.getClass().getName());
            }
            if (key.isBlank()) throw new IllegalArgumentException("option key must not be blank");
            options.put(key, value);
            return this;
        }

        /**
         * Deadline budget of this request.
         *
         * @param timeout positive; the whole request, failover included, must finish within it;
         *     null for the client's default
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder timeout(@Nullable Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * A recording to clone the voice from; only providers that clone voices are tried.
         *
         * @param reference the recording's file; null for none
         * @return this builder
         */
        public Builder speakerReference(@Nullable Path reference) {
            this.speakerReference = reference;
            return this;
        }

        /**
         * Restricts routing to these providers, tried in this order.
         *
         * @param providerIds configured provider ids (copied); empty for the client's whole chain
         * @return this builder
         */
        public Builder providers(List<String> providerIds) {
            this.providers = List.copyOf(providerIds);
            return this;
        }

        /**
         * Lets a provider with no mapping for the requested voice answer with its default voice; false by default.
         *
         * @param allow whether any voice is acceptable
         * @return this builder
         */
        public Builder allowAnyVoice(boolean allow) {
            this.allowAnyVoice = allow;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the immutable request
         * @throws IllegalStateException if no text was set
         */
        public SpeechRequest build() {
            if (text == null) throw new IllegalStateException("text is required");
            return new SpeechRequest(this, text);
        }
    }
}
