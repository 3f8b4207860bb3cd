package dev.ttskit.spi;

import dev.ttskit.SpeechRequest;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as one provider sees it: cleaned text, the voice resolved for this provider, the format
 * it must produce and only the options meant for it. The router's planner fills every field from the
 * caller's request, so a provider never needs to look back at that request.
 *
 * <p>Immutable. A final class with a builder rather than a record, so that a field added later does
 * not break every adapter; {@link #toBuilder()} makes a changed copy (the validator uses it to hand
 * back cleaned text). {@link #toString()} never prints the text or option values.
 *
 * <p>Options are read through the typed readers {@link #decimal(String)}, {@link #integer(String)},
 * {@link #flag(String)} and {@link #text(String)}, which accept a number or flag given as a string
 * and throw a {@link ValidationException} naming the provider, key and value otherwise.
 */
public final class ProviderRequest {
    private final String provider;
    private final String text;
    private final @Nullable VoiceTarget voice;
    private final @Nullable String language;
    private final AudioFormat format;
    private final @Nullable Double speed;
    private final @Nullable Long seed;
    private final Map<String, Object> options;
    private final Map<String, Object> addressedOptions;

    private ProviderRequest(Builder b) {
        this.provider = requireSet(b.provider, "provider");
        this.text = requireSet(b.text, "text");
        this.format = requireSet(b.format, "format");
        this.voice = b.voice;
        this.language = b.language;
        this.speed = b.speed;
        this.seed = b.seed;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
        this.addressedOptions = Collections.unmodifiableMap(new LinkedHashMap<>(b.addressedOptions));
    }

    private static <T> T requireSet(@Nullable T value, String name) {
        if (value == null) throw new IllegalStateException("ProviderRequest." + name + " must be set");
        return value;
    }

    /**
     * An empty builder; {@code provider}, {@code text} and {@code format} must be set.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this request's values, to make a changed copy} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.provider = provider;
        b.text = text;
        b.voice = voice;
        b.language = language;
        b.format = format;
        b.speed = speed;
        b.seed = seed;
        b.options.putAll(options);
        b.addressedOptions.putAll(addressedOptions);
        return b;
    }

    /**
     * The request the planner builds from a caller's request for one provider: its options for that
     * provider, and the given voice or else the caller's speaker reference to clone.
     *
     * @param providerId the provider the request is for
     * @param request    the caller's request
     * @param voice      the voice resolved for this provider; empty for its default (or the speaker reference)
     * @param format     what the provider must produce
     * @return the request for that provider
     */
    public static ProviderRequest of(String providerId, SpeechRequest request, Optional<VoiceTarget> voice, AudioFormat format) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(voice, "voice");
        Builder b = builder().provider(providerId).text(request.text()).format(format)
                .voice(voice.or(() -> request.speakerReference().map(VoiceTarget::reference)).orElse(null))
                .language(request.language().orElse(null)).speed(request.speed().orElse(null))
                .seed(request.seed().orElse(null)).options(request.optionsFor(providerId));
        String prefix = providerId + ".";
        request.options().forEach((k, v) -> {
            if (k.startsWith(prefix)) b.addressedOptions.put(k.substring(prefix.length()), v);
        });
        return b.build();
    }

    /** {@return the id of the provider this request is for; typed option reads name it in their errors} */
    public String provider() { return provider; }

    /** {@return the text to speak, validated and cleaned; never logged} */
    public String text() { return text; }

    /** {@return the voice for this provider: one of its ids or a recording to clone; empty means its default voice} */
    public Optional<VoiceTarget> voice() { return Optional.ofNullable(voice); }

    /** {@return BCP 47 language code, if the caller gave one} */
    public Optional<String> language() { return Optional.ofNullable(language); }

    /** {@return what the provider must return (the router converts from it to the caller's format if they differ)} */
    public AudioFormat format() { return format; }

    /** {@return speaking rate, 1.0 being the provider's normal speed, if given} */
    public Optional<Double> speed() { return Optional.ofNullable(speed); }

    /** {@return sampling seed, if given} */
    public Optional<Long> seed() { return Optional.ofNullable(seed); }

    /**
     * This provider's options: the caller's unprefixed options, then those prefixed with this
     * provider's id, prefix removed (the prefixed value wins). Values are String, Number or Boolean;
     * prefer the typed readers.
     *
     * @return the options, unmodifiable; empty when none apply
     */
    public Map<String, Object> options() { return options; }

    /**
     * Only the options the caller addressed to this provider by its id prefix, prefix removed. A
     * provider that passes options through to a remote model verbatim uses these: unprefixed options
     * are meant for every provider, and an unknown field can make a remote model reject the call.
     *
     * @return the addressed options, unmodifiable; empty when none
     */
    public Map<String, Object> addressedOptions() { return addressedOptions; }

    /**
     * Option {@code key} as a finite number.
     *
     * @param key the option's name, without provider prefix
     * @return the number; empty when the option is absent
     * @throws ValidationException naming the provider, key and value when it is not one
     */
    public Optional<Double> decimal(String key) { return OptionValues.decimal(provider, key, options.get(key)); }

    /**
     * Option {@code key} as a whole number.
     *
     * @param key the option's name, without provider prefix
     * @return the number; empty when the option is absent
     * @throws ValidationException naming the provider, key and value when it is not one
     */
    public Optional<Long> integer(String key) { return OptionValues.integer(provider, key, options.get(key)); }

    /**
     * Option {@code key} as a flag ({@code true}/{@code false}, as a Boolean or a string).
     *
     * @param key the option's name, without provider prefix
     * @return the flag; empty when the option is absent
     * @throws ValidationException naming the provider, key and value when it is not one
     */
    public Optional<Boolean> flag(String key) { return OptionValues.flag(provider, key, options.get(key)); }

    /**
     * Option {@code key} as a string; blank counts as absent.
     *
     * @param key the option's name, without provider prefix
     * @return the string; empty when the option is absent or blank
     * @throws ValidationException naming the provider, key and value when it is a number or flag
     */
    public Optional<String> text(String key) { return OptionValues.text(provider, key, options.get(key)); }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ProviderRequest r)) return false;
        return provider.equals(r.provider) && text.equals(r.text) && Objects.equals(voice, r.voice)
                && Objects.equals(language, r.language) && format.equals(r.format) && Objects.equals(speed, r.speed)
                && Objects.equals(seed, r.seed) && options.equals(r.options) && addressedOptions.equals(r.addressedOptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, text, voice, language, format, speed, seed, options, addressedOptions);
    }

    /** Never prints the text, and of the options only their names (a value may quote text). */
    @Override
    public String toString() {
        return "ProviderRequest[provider=" + provider + ", chars=" + text.length() + ", voice="
                + (voice == null ? "default" : voice.toString()) + ", language=" + (language == null ? "-" : language)
                + ", format=" + format + ", options=" + options.keySet() + "]";
    }

    /** Named setters for a {@link ProviderRequest}; not thread-safe. */
    public static final class Builder {
        private @Nullable String provider;
        private @Nullable String text;
        private @Nullable VoiceTarget voice;
        private @Nullable String language;
        private @Nullable AudioFormat format;
        private @Nullable Double speed;
        private @Nullable Long seed;
        private final Map<String, Object> options = new LinkedHashMap<>();
        private final Map<String, Object> addressedOptions = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The provider's id; not blank.
         *
         * @param provider the provider's id; not blank
         * @return this builder
         */
        public Builder provider(String provider) {
            Objects.requireNonNull(provider, "provider");
            if (provider.isBlank()) throw new IllegalArgumentException("provider must not be blank");
            this.provider = provider;
            return this;
        }

        /**
         * The text to speak.
         *
         * @param text the text to speak
         * @return this builder
         */
        public Builder text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            return this;
        }

        /**
         * The voice for this provider; null for its default voice.
         *
         * @param voice the voice for this provider; null for its default voice
         * @return this builder
         */
        public Builder voice(@Nullable VoiceTarget voice) {
            this.voice = voice;
            return this;
        }

        /**
         * A BCP 47 language code; null for none.
         *
         * @param language a BCP 47 language code; null for none
         * @return this builder
         */
        public Builder language(@Nullable String language) {
            if (language != null && language.isBlank()) throw new IllegalArgumentException("language must not be blank");
            this.language = language;
            return this;
        }

        /**
         * What the provider must produce.
         *
         * @param format what the provider must produce
         * @return this builder
         */
        public Builder format(AudioFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Speaking rate, finite and above 0; null for the provider's normal speed.
         *
         * @param speed the rate, 1.0 being normal; null for the provider's normal speed
         * @return this builder
         * @throws IllegalArgumentException when {@code speed} is not finite or not above 0
         */
        public Builder speed(@Nullable Double speed) {
            if (speed != null && !(speed > 0 && speed < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("speed must be finite and > 0, was " + speed);
            }
            this.speed = speed;
            return this;
        }

        /**
         * Sampling seed; null for none.
         *
         * @param seed the seed; null for none
         * @return this builder
         */
        public Builder seed(@Nullable Long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Replaces this provider's options (see {@link ProviderRequest#options()}).
         *
         * @param options the options, keys without provider prefix; values String, Number or
         *     Boolean
         * @return this builder
         * @throws IllegalArgumentException when a value is not a String, Number or Boolean
         */
        public Builder options(Map<String, ?> options) {
            Objects.requireNonNull(options, "options");
            this.options.clear();
            options.forEach(this::option);
            return this;
        }

        /**
         * Sets one option; the value must be a String, Number or Boolean.
         *
         * @param key the option's name, without provider prefix
         * @param value a String, Number or Boolean
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is of another type
         */
        public Builder option(String key, Object value) {
            this.options.put(Objects.requireNonNull(key, "key"), checkValue(key, value));
            return this;
        }

        /**
         * Replaces the options addressed to this provider alone (see
         * {@link ProviderRequest#addressedOptions()}).
         *
         * @param options the options, prefix removed; values String, Number or Boolean
         * @return this builder
         * @throws IllegalArgumentException when a value is not a String, Number or Boolean
         */
        public Builder addressedOptions(Map<String, ?> options) {
            Objects.requireNonNull(options, "options");
            this.addressedOptions.clear();
            options.forEach((k, v) -> addressedOptions.put(Objects.requireNonNull(k, "key"), checkValue(k, v)));
            return this;
        }

        private static Object checkValue(String key, @Nullable Object value) {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) return value;
            throw new IllegalArgumentException("option " + key + " must be a String, Number or Boolean, was "
                    + (value == null ? "null" : value.getClass().getName()));
        }

        /**
         * The request.
         *
         * @return the immutable request
         * @throws IllegalStateException naming the first of provider, text and format not set
         */
        public ProviderRequest build() {
            return new ProviderRequest(this);
        }
    }
}
