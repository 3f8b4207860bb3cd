package dev.ttskit;

import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.ContainerDuration;

import dev.ttskit.internal.AudioAccess;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Synthesized audio and where it came from. Immutable: {@link #audio()} is a read-only view.
 */
public final class SpeechResult {
    static {
        // The router reads the audio it checks and converts without a copy; nothing outside core can.
        AudioAccess.install(r -> r.audio);
    }

    private final byte[] audio;
    private final AudioFormat format;
    private final String provider;
    private final int attempts;
    private final @Nullable String providerRequestId;
    private final @Nullable Timestamps timestamps;
    private final @Nullable Long characterCost;

    /** The required parts come checked present by {@link Builder#build()}. */
    private SpeechResult(Builder b, byte[] audio, AudioFormat format, String provider) {
        this.audio = audio;
        this.format = format;
        this.provider = provider;
        this.attempts = b.attempts;
        this.providerRequestId = b.providerRequestId;
        this.timestamps = b.timestamps;
        this.characterCost = b.characterCost;
    }

    /** {@return an empty builder; audio, format and provider are required} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this result's values (the same audio array), to make a changed copy} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.audio = audio;
        b.format = format;
        b.provider = provider;
        b.attempts = attempts;
        b.providerRequestId = providerRequestId;
        b.timestamps = timestamps;
        b.characterCost = characterCost;
        return b;
    }

    /**
     * The audio bytes in {@link #format()}, as a read-only view (no copy).
     *
     * @return a read-only buffer over the audio, positioned at its start
     */
    public ByteBuffer audio() { return ByteBuffer.wrap(audio).asReadOnlyBuffer(); }

    /**
     * A copy of the audio bytes; {@link #audio()} and {@link #writeTo(OutputStream)} need none.
     *
     * @return a new array the caller may change freely
     */
    public byte[] audioBytes() { return audio.clone(); }

    /**
     * Writes the audio to {@code out} in one call, without a copy. Does not flush or close {@code out}.
     *
     * @param out where the audio goes; stays open and owned by the caller
     * @throws IOException what {@code out} throws
     */
    public void writeTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out").write(audio);
    }

    /** {@return the audio as a stream (no copy)} */
    public InputStream audioStream() { return new ByteArrayInputStream(audio); }

    /** {@return size of the audio in bytes} */
    public int size() { return audio.length; }

    /** {@return the format of {@link #audio()}: the one the request asked for} */
    public AudioFormat format() { return format; }

    /** {@return id of the provider that produced the audio} */
    public String provider() { return provider; }

    /** {@return provider calls made for this result, retries and failovers included (1 when the first call succeeded)} */
    public int attempts() { return attempts; }

    /** {@return the provider's id for the request that produced the audio} */
    public Optional<String> providerRequestId() { return Optional.ofNullable(providerRequestId); }

    /** {@return character and word timings, from providers that report them} */
    public Optional<Timestamps> timestamps() { return Optional.ofNullable(timestamps); }

    /** {@return characters billed by the provider, when it reports them} */
    public Optional<Long> characterCost() { return Optional.ofNullable(characterCost); }

    /**
     * Playing time: exact for PCM formats; for FLAC, Ogg and AAC (ADTS) what their headers state;
     * otherwise estimated from the bitrate.
     *
     * @return the playing time; an estimate for formats whose length is not stated
     */
    public Duration duration() {
        if (ContainerDuration.readable(format)) {
            try {
                Optional<Duration> stated = ContainerDuration.of(audio, format);
                if (stated.isPresent()) return stated.get();
            } catch (AudioFormatException e) {
                // not that container after all: fall back to the estimate below
            }
        }
        int headerBytes = format.container() == AudioFormat.Container.WAV ? 44 : 0;
        long dataBytes = Math.max(0, audio.length - headerBytes);
        return Duration.ofNanos(dataBytes * 1_000_000_000L / Math.max(1, format.bytesPerSecond()));
    }

    @Override
    public String toString() {
        return "SpeechResult[provider=" + provider + ", format=" + format + ", bytes=" + audio.length
                + ", attempts=" + attempts + (providerRequestId != null ? ", requestId=" + providerRequestId : "") + "]";
    }

    /** Builds a {@link SpeechResult}; used by adapters and the router. */
    public static final class Builder {
        private byte @Nullable [] audio;
        private @Nullable AudioFormat format;
        private @Nullable String provider;
        private int attempts = 1;
        private @Nullable String providerRequestId;
        private @Nullable Timestamps timestamps;
        private @Nullable Long characterCost;

        private Builder() {
        }

        /**
         * Takes ownership of the array: the caller must not change it afterwards.
         *
         * @param audio the audio bytes in the result's format; not copied
         * @return this builder
         */
        public Builder audio(byte[] audio) {
            this.audio = Objects.requireNonNull(audio, "audio");
            return this;
        }

        /**
         * The format the audio is in.
         *
         * @param format the audio's format
         * @return this builder
         */
        public Builder format(AudioFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * The provider that made the audio.
         *
         * @param provider its id
         * @return this builder
         */
        public Builder provider(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Provider calls made for this result; 1 by default.
         *
         * @param attempts at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code attempts} is below 1
         */
        public Builder attempts(int attempts) {
            if (attempts < 1) throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
            this.attempts = attempts;
            return this;
        }

        /**
         * The provider's request id, for support tickets.
         *
         * @param requestId the id; null when the provider sent none
         * @return this builder
         */
        public Builder providerRequestId(@Nullable String requestId) {
            this.providerRequestId = requestId;
            return this;
        }

        /**
         * Character and word timings, from providers that report them.
         *
         * @param timestamps the timings; null for none
         * @return this builder
         */
        public Builder timestamps(@Nullable Timestamps timestamps) {
            this.timestamps = timestamps;
            return this;
        }

        /**
         * Characters the provider billed for the request.
         *
         * @param characterCost the count; null when the provider does not report it
         * @return this builder
         */
        public Builder characterCost(@Nullable Long characterCost) {
            this.characterCost = characterCost;
            return this;
        }

        /**
         * The result.
         *
         * @return the result
         * @throws IllegalStateException when audio, format or provider is missing
         */
        public SpeechResult build() {
            if (audio == null) throw new IllegalStateException("audio is required");
            if (format == null) throw new IllegalStateException("format is required");
            if (provider == null) throw new IllegalStateException("provider is required");
            return new SpeechResult(this, audio, format, provider);
        }
    }
}
