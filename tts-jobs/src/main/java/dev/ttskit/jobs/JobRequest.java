package dev.ttskit.jobs;

import dev.ttskit.SpeechRequest;
import dev.ttskit.audio.AudioFormat;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to speak as a durable job: a text or a UTF-8 file, voice, language and format (as for
 * {@link SpeechRequest}), where the assembled audio goes, an idempotency key and a priority.
 * Without an output path the audio stays in the database, to be read with
 * {@link SpeechJobs#transferAudio}.
 */
public final class JobRequest {
    private final String text;
    private final Path file;
    private final String voice;
    private final String language;
    private final AudioFormat format;
    private final Path output;
    private final String idempotencyKey;
    private final int priority;
    private final Boolean silenceFailedChunks;

    private JobRequest(Builder b) {
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

    public static Builder builder() {
        return new Builder();
    }

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
        return b;
    }

    /** The text, when given directly. */
    public Optional<String> text() { return Optional.ofNullable(text); }

    /** The UTF-8 text file, when the text is read from one (at submission). */
    public Optional<Path> file() { return Optional.ofNullable(file); }

    public Optional<String> voice() { return Optional.ofNullable(voice); }

    public Optional<String> language() { return Optional.ofNullable(language); }

    public AudioFormat format() { return format; }

    /** Where the assembled audio is written (atomically, when every chunk is done). */
    public Optional<Path> output() { return Optional.ofNullable(output); }

    /** A second submission with the same key returns the first job. */
    public Optional<String> idempotencyKey() { return Optional.ofNullable(idempotencyKey); }

    /** Higher runs first; -100..100, default 0. */
    public int priority() { return priority; }

    /** Overrides {@link SpeechJobs.Builder#silenceFailedChunks} for this job. */
    public Optional<Boolean> silenceFailedChunks() { return Optional.ofNullable(silenceFailedChunks); }

    @Override
    public String toString() {
        return "JobRequest[" + (text != null ? "text=" + text.length() + " chars" : "file=" + file) + ", voice=" + voice
                + ", language=" + language + ", format=" + format + ", output=" + output
                + (idempotencyKey != null ? ", idempotencyKey set" : "") + ", priority=" + priority + "]";
    }

    /** Builds a {@link JobRequest}; setters reject bad values at once, naming them. */
    public static final class Builder {
        static final int MAX_KEY_LENGTH = 200;

        private String text;
        private Path file;
        private String voice;
        private String language;
        private AudioFormat format = SpeechRequest.DEFAULT_FORMAT;
        private Path output;
        private String idempotencyKey;
        private int priority;
        private Boolean silenceFailedChunks;

        private Builder() {
        }

        /** The text to speak (replaces a file set before). */
        public Builder text(String value) {
            this.text = Objects.requireNonNull(value, "text");
            this.file = null;
            return this;
        }

        /** A UTF-8 text file to speak, read at submission (replaces a text set before). */
        public Builder file(Path value) {
            this.file = Objects.requireNonNull(value, "file");
            this.text = null;
            return this;
        }

        public Builder voice(String value) {
            Objects.requireNonNull(value, "voice");
            if (value.isBlank()) throw new IllegalArgumentException("voice must not be blank");
            this.voice = value;
            return this;
        }

        public Builder language(String value) {
            Objects.requireNonNull(value, "language");
            if (value.isBlank()) throw new IllegalArgumentException("language must not be blank");
            this.language = value;
            return this;
        }

        public Builder format(AudioFormat value) {
            this.format = Objects.requireNonNull(value, "format");
            return this;
        }

        /** The file the assembled audio is written to. */
        public Builder output(Path value) {
            this.output = Objects.requireNonNull(value, "output");
            return this;
        }

        /** 1..200 characters; the same key returns the same job. */
        public Builder idempotencyKey(String value) {
            Objects.requireNonNull(value, "idempotencyKey");
            if (value.isBlank() || value.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("idempotencyKey must be 1.." + MAX_KEY_LENGTH + " non-blank characters, was "
                        + value.length() + " characters");
            }
            this.idempotencyKey = value;
            return this;
        }

        /** -100..100; higher runs first. */
        public Builder priority(int value) {
            if (value < -100 || value > 100) throw new IllegalArgumentException("priority must be -100..100, was " + value);
            this.priority = value;
            return this;
        }

        /** Whether a chunk that fails for good is replaced by silence (and reported) instead of failing the job. */
        public Builder silenceFailedChunks(boolean value) {
            this.silenceFailedChunks = value;
            return this;
        }

        /** @throws IllegalStateException when neither a text nor a file is set */
        public JobRequest build() {
            if (text == null && file == null) throw new IllegalStateException("a job needs a text or a file");
            return new JobRequest(this);
        }
    }
}
