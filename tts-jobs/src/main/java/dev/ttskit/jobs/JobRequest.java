package dev.ttskit.jobs;

import org.jspecify.annotations.Nullable;
import dev.ttskit.SpeechRequest;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.jobs.internal.OptionsCodec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to speak as a durable job: a text or a UTF-8 file, and everything else a {@link SpeechRequest}
 * says about how to speak it (voice, language, format, speed, seed, provider options, a per-chunk
 * timeout, a voice reference, a provider preference), kept with the job so that every chunk, on
 * whichever instance and after however many restarts, is spoken the same way; where the assembled
 * audio goes, an idempotency key and a priority.
 * Without an output path the audio stays in the database, to be read with
 * {@link SpeechJobs#transferAudio}.
 */
public final class JobRequest {
    private final @Nullable String text;
    private final @Nullable Path file;
    private final @Nullable String voice;
    private final @Nullable String language;
    private final AudioFormat format;
    private final @Nullable Path output;
    private final @Nullable String idempotencyKey;
    private final int priority;
    private final @Nullable Boolean silenceFailedChunks;
    private final @Nullable Double speed;
    private final @Nullable Long seed;
    private final Map<String, Object> options;
    private final @Nullable Duration timeout;
    private final @Nullable Path speakerReference;
    private final List<String> providers;
    private final boolean allowAnyVoice;
    private final @Nullable Duration gap;
    private final @Nullable Duration crossfade;

    private JobRequest(Builder b) {
        this.gap = b.gap;
        this.crossfade = b.crossfade;
        this.speed = b.speed;
        this.seed = b.seed;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
        this.timeout = b.timeout;
        this.speakerReference = b.speakerReference;
        this.providers = b.providers;
        this.allowAnyVoice = b.allowAnyVoice;
        this.text = b.text;
        this.file = b.file;
        this.voice = b.voice;
        this.language = b.language;
        this.format = b.format;
        this.output = b.output;
        this.idempotencyKey = b.idempotencyKey;
        this.priority = b.priority;
        this.silenceFailedChunks = b.silenceFailedChunks;
    }

    /** {@return a new builder; a text or a file must be set before building} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this request's values, to derive another request from} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.text = text;
        b.file = file;
        b.voice = voice;
        b.language = language;
        b.format = format;
        b.output = output;
        b.idempotencyKey = idempotencyKey;
        b.priority = priority;
        b.silenceFailedChunks = silenceFailedChunks;
        b.speed = speed;
        b.seed = seed;
        b.options.putAll(options);
        b.timeout = timeout;
        b.speakerReference = speakerReference;
        b.providers = providers;
        b.allowAnyVoice = allowAnyVoice;
        b.gap = gap;
        b.crossfade = crossfade;
        return b;
    }

    /** {@return the text, when given directly} */
    public Optional<String> text() { return Optional.ofNullable(text); }

    /** {@return the UTF-8 text file, when the text is read from one (at submission)} */
    public Optional<Path> file() { return Optional.ofNullable(file); }

    /** {@return the logical voice name or provider voice id; empty for the providers' default voices} */
    public Optional<String> voice() { return Optional.ofNullable(voice); }

    /** {@return the BCP 47 language of every chunk; empty to let the provider detect or default it} */
    public Optional<String> language() { return Optional.ofNullable(language); }

    /** {@return the format of every chunk and of the assembled output} */
    public AudioFormat format() { return format; }

    /** {@return where the assembled audio is written (atomically, when every chunk is done)} */
    public Optional<Path> output() { return Optional.ofNullable(output); }

    /** {@return the idempotency key: a second submission with the same key returns the first job} */
    public Optional<String> idempotencyKey() { return Optional.ofNullable(idempotencyKey); }

    /** {@return the priority: higher runs first; -100..100, default 0} */
    public int priority() { return priority; }

    /** {@return whether failed chunks become silence for this job, overriding {@link SpeechJobs.Builder#silenceFailedChunks}; empty: the instance's setting} */
    public Optional<Boolean> silenceFailedChunks() { return Optional.ofNullable(silenceFailedChunks); }

    /** {@return the speaking rate for every chunk, as {@link SpeechRequest#speed()}} */
    public Optional<Double> speed() { return Optional.ofNullable(speed); }

    /** {@return the seed for every chunk, as {@link SpeechRequest#seed()}} */
    public Optional<Long> seed() { return Optional.ofNullable(seed); }

    /** {@return the provider options for every chunk (immutable), as {@link SpeechRequest#options()}} */
    public Map<String, Object> options() { return options; }

    /** {@return each chunk's own deadline budget, as {@link SpeechRequest#timeout()}; the client's default when empty} */
    public Optional<Duration> timeout() { return Optional.ofNullable(timeout); }

    /** {@return the voice reference recording, as {@link SpeechRequest#speakerReference()}} Every worker instance must be able to read it at this path. */
    public Optional<Path> speakerReference() { return Optional.ofNullable(speakerReference); }

    /** {@return the providers every chunk is restricted to, in this order, as {@link SpeechRequest#providers()}; empty: the client's chain} */
    public List<String> providers() { return providers; }

    /** {@return whether a provider with no mapping for the voice may answer with its default voice, as {@link SpeechRequest#allowAnyVoice()}} */
    public boolean allowAnyVoice() { return allowAnyVoice; }

    /**
     * The silence this job's chunks are joined with, overriding {@link SpeechJobs.Builder#gap}; empty
     * when the job takes the instance's join or has a {@link #crossfade()}.
     *
     * @return the gap, whole milliseconds, 0..2 s
     */
    public Optional<Duration> gap() { return Optional.ofNullable(gap); }

    /**
     * The crossfade this job's chunks are joined with, overriding the join of {@link SpeechJobs.Builder};
     * empty when the job takes the instance's join or has a {@link #gap()}.
     *
     * @return the crossfade, whole milliseconds, 1..500 ms
     */
    public Optional<Duration> crossfade() { return Optional.ofNullable(crossfade); }

    @Override
    public String toString() {
        return "JobRequest[" + (text != null ? "text=" + text.length() + " chars" : "file=" + file) + ", voice=" + voice
                + ", language=" + language + ", format=" + format + (speed != null ? ", speed=" + speed : "")
                + (seed != null ? ", seed=" + seed : "") + (options.isEmpty() ? "" : ", options=" + options.keySet())
                + (timeout != null ? ", timeout=" + timeout : "") + (providers.isEmpty() ? "" : ", providers=" + providers)
                + (gap != null ? ", gap=" + gap : "") + (crossfade != null ? ", crossfade=" + crossfade : "")
                + ", output=" + output
                + (idempotencyKey != null ? ", idempotencyKey set" : "") + ", priority=" + priority + "]";
    }

    /** Builds a {@link JobRequest}; setters reject bad values at once, naming them. */
    public static final class Builder {
        static final int MAX_KEY_LENGTH = 200;
        private static final Duration MAX_GAP = Duration.ofSeconds(2);
        private static final Duration MAX_CROSSFADE = Duration.ofMillis(500);

        private @Nullable String text;
        private @Nullable Path file;
        private @Nullable String voice;
        private @Nullable String language;
        private AudioFormat format = SpeechRequest.DEFAULT_FORMAT;
        private @Nullable Path output;
        private @Nullable String idempotencyKey;
        private int priority;
        private @Nullable Boolean silenceFailedChunks;
        private @Nullable Double speed;
        private @Nullable Long seed;
        private final Map<String, Object> options = new LinkedHashMap<>();
        private @Nullable Duration timeout;
        private @Nullable Path speakerReference;
        private List<String> providers = List.of();
        private boolean allowAnyVoice;
        private @Nullable Duration gap;
        private @Nullable Duration crossfade;

        private Builder() {
        }

        /**
         * Speaking rate, 1.0 being the provider's normal speed.
         *
         * @param value a positive finite number
         * @return this builder
         */
        public Builder speed(double value) {
            SpeechRequest.builder().speed(value);   // the same check and message as a SpeechRequest's
            this.speed = value;
            return this;
        }

        /**
         * Seed for providers that sample.
         *
         * @param value 0..4294967295
         * @return this builder
         */
        public Builder seed(long value) {
            SpeechRequest.builder().seed(value);
            this.seed = value;
            return this;
        }

        /**
         * A provider option, as {@link SpeechRequest.Builder#option}: key {@code provider.name} or
         * {@code name}; value a String, Boolean, Integer, Long, Double, Float, BigDecimal or BigInteger
         * (it is stored with the job and read back as the same type).
         *
         * @param key {@code provider.name} or {@code name}
         * @param value the option's value, of one of the types above
         * @return this builder
         */
        public Builder option(String key, Object value) {
            SpeechRequest.builder().option(key, value);
            OptionsCodec.tag(key, value);
            options.put(key, value);
            return this;
        }

        /**
         * Each chunk's own deadline budget (failover included).
         *
         * @param value positive
         * @return this builder
         */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout");
            SpeechRequest.builder().timeout(value);
            this.timeout = value;
            return this;
        }

        /**
         * A voice reference recording for providers that clone voices; every worker instance must read it at this path.
         *
         * @param value the recording, made absolute against the working directory now
         * @return this builder
         */
        public Builder speakerReference(Path value) {
            this.speakerReference = Objects.requireNonNull(value, "speakerReference").toAbsolutePath();
            return this;
        }

        /**
         * Restricts every chunk to these providers, in this order (also for chunking: their limits apply).
         *
         * @param ids provider ids, each non-blank and without commas; empty: the client's chain
         * @return this builder
         */
        public Builder providers(List<String> ids) {
            List<String> copy = List.copyOf(Objects.requireNonNull(ids, "providers"));
            for (String id : copy) {
                if (id.isBlank() || id.contains(",")) throw new IllegalArgumentException("provider id must be a non-blank name without commas, was '" + id + "'");
            }
            this.providers = copy;
            return this;
        }

        /**
         * Whether a provider with no mapping for the voice may answer with its default voice (false).
         *
         * @param value true to allow it
         * @return this builder
         */
        public Builder allowAnyVoice(boolean value) {
            this.allowAnyVoice = value;
            return this;
        }

        /**
         * The text to speak (replaces a file set before).
         *
         * @param value the text; never logged
         * @return this builder
         */
        public Builder text(String value) {
            this.text = Objects.requireNonNull(value, "text");
            this.file = null;
            return this;
        }

        /**
         * A UTF-8 text file to speak, read at submission (replaces a text set before).
         *
         * @param value the file; only the submitting instance reads it
         * @return this builder
         */
        public Builder file(Path value) {
            this.file = Objects.requireNonNull(value, "file");
            this.text = null;
            return this;
        }

        /**
         * The voice of every chunk (the providers' default voices when not set).
         *
         * @param value a logical voice name or provider voice id, not blank
         * @return this builder
         */
        public Builder voice(String value) {
            Objects.requireNonNull(value, "voice");
            if (value.isBlank()) throw new IllegalArgumentException("voice must not be blank");
            this.voice = value;
            return this;
        }

        /**
         * The language of every chunk (left to the provider when not set).
         *
         * @param value a BCP 47 tag such as {@code en} or {@code pt-BR}, not blank
         * @return this builder
         */
        public Builder language(String value) {
            Objects.requireNonNull(value, "language");
            if (value.isBlank()) throw new IllegalArgumentException("language must not be blank");
            this.language = value;
            return this;
        }

        /**
         * The format of every chunk and of the output ({@link SpeechRequest#DEFAULT_FORMAT} when not set).
         *
         * @param value the wanted format
         * @return this builder
         */
        public Builder format(AudioFormat value) {
            this.format = Objects.requireNonNull(value, "format");
            return this;
        }

        /**
         * The file the assembled audio is written to, when the job succeeds.
         *
         * @param value the path; every instance that may assemble the job must be able to write it
         * @return this builder
         */
        public Builder output(Path value) {
            this.output = Objects.requireNonNull(value, "output");
            return this;
        }

        /**
         * The idempotency key: the same key returns the same job.
         *
         * @param value 1..200 characters, not blank
         * @return this builder
         */
        public Builder idempotencyKey(String value) {
            Objects.requireNonNull(value, "idempotencyKey");
            if (value.isBlank() || value.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("idempotencyKey must be 1.." + MAX_KEY_LENGTH + " non-blank characters, was "
                        + value.length() + " characters");
            }
            this.idempotencyKey = value;
            return this;
        }

        /**
         * The priority (0); higher runs first.
         *
         * @param value -100..100
         * @return this builder
         */
        public Builder priority(int value) {
            if (value < -100 || value > 100) throw new IllegalArgumentException("priority must be -100..100, was " + value);
            this.priority = value;
            return this;
        }

        /**
         * Whether a chunk that fails for good is replaced by silence (and reported) instead of failing the job; when not set, the instance's setting applies.
         *
         * @param value true to silence failed chunks
         * @return this builder
         */
        public Builder silenceFailedChunks(boolean value) {
            this.silenceFailedChunks = value;
            return this;
        }

        /**
         * Joins this job's chunks with this much silence, 0..2 s in whole milliseconds, whatever the
         * instance's {@link SpeechJobs.Builder#gap}; replaces a crossfade set before. Stored with the job,
         * so every instance that assembles it joins it the same way.
         *
         * @param value the silence, 0..2 s in whole milliseconds
         * @return this builder
         */
        public Builder gap(Duration value) {
            Objects.requireNonNull(value, "gap");
            if (value.isNegative() || value.compareTo(MAX_GAP) > 0) throw new IllegalArgumentException("gap must be 0..2s, was " + value);
            wholeMillis(value, "gap");
            this.gap = value;
            this.crossfade = null;
            return this;
        }

        /**
         * Joins this job's chunks with an equal-power crossfade of 1..500 ms in whole milliseconds
         * instead of a gap, whatever the instance's join (PCM and G.711 jobs only: an MP3 job with a
         * crossfade is refused at submission); replaces a gap set before. Stored with the job.
         *
         * @param value the crossfade, 1..500 ms in whole milliseconds
         * @return this builder
         */
        public Builder crossfade(Duration value) {
            Objects.requireNonNull(value, "crossfade");
            if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(MAX_CROSSFADE) > 0) {
                throw new IllegalArgumentException("crossfade must be 1..500ms, was " + value);
            }
            wholeMillis(value, "crossfade");
            this.crossfade = value;
            this.gap = null;
            return this;
        }

        private static void wholeMillis(Duration value, String name) {
            if (value.toNanos() % 1_000_000 != 0) throw new IllegalArgumentException(name + " must be whole milliseconds, was " + value);
        }

        /**
         * Builds the request; nothing is read or stored until it is submitted.
         *
         * @return the immutable request
         * @throws IllegalStateException when neither a text nor a file is set
         */
        public JobRequest build() {
            if (text == null && file == null) throw new IllegalStateException("a job needs a text or a file");
            return new JobRequest(this);
        }
    }
}
