package dev.ttskit.marytts;

import com.google.errorprone.annotations.MustBeClosed;
import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.ModelException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.Voice;
import dev.ttskit.VoiceId;
import dev.ttskit.audio.AudioAnalysis;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.Resampler;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.marytts.internal.MaryEngine;
import dev.ttskit.marytts.internal.MaryVoiceInfo;
import dev.ttskit.marytts.internal.PcmSynthesizer;
import dev.ttskit.marytts.internal.SpeakableText;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.VoiceTarget;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded offline voice: MaryTTS 5.2.1 with the {@code cmu-slt-hsmm} English voice, in this JVM,
 * with no key, no network and no model download. The natural last resort of a failover chain.
 *
 * <pre>{@code
 * TtsProvider mary = MaryTtsProvider.create();
 * }</pre>
 *
 * <p>MaryTTS starts on the first call (a few seconds) and is shared by every provider in the JVM.
 * Calls are serialised (MaryTTS is not thread-safe) and run on the client's worker threads; a caller
 * stops waiting at its deadline or on cancellation, and work it abandoned before it began is skipped.
 * The audio is 16-bit mono PCM at the voice's native rate (48 kHz for {@code cmu-slt-hsmm}), as WAV or
 * raw PCM; the client converts it to other rates.
 *
 * <p>MaryTTS is licensed under the LGPL-3.0.
 */
public final class MaryTtsProvider implements TtsProvider {
    /** The provider id. */
    public static final String ID = "marytts";
    /** The voice used unless the builder names another. */
    public static final String DEFAULT_VOICE = "cmu-slt-hsmm";

    private final MaryVoiceInfo voice;
    private final PcmSynthesizer synthesizer;
    private final ProviderCapabilities capabilities;
    private final AtomicBoolean closed = new AtomicBoolean();

    MaryTtsProvider(MaryVoiceInfo voice, PcmSynthesizer synthesizer) {
        this.voice = voice;
        this.synthesizer = synthesizer;
        String language = voice.locale().getLanguage();
        this.capabilities = ProviderCapabilities.builder()
                .formats(AudioFormat.wav(voice.sampleRate()), AudioFormat.pcm(voice.sampleRate()))
                .streaming(false)
                .languages(language)
                .local(true)
                .paid(false)
                // Synthesis takes roughly a tenth of the audio's duration on one core: a limit keeps each
                // call short and lets the client split long text into chunks.
                .maxChars(1_000)
                .maxUtf8Bytes(4_000)
                .maxConcurrentCalls(1)
                .build();
    }

    /**
     * The provider with the default voice ({@code cmu-slt-hsmm}, US English, 16 kHz).
     *
     * @return a new provider; close it when done
     * @throws IllegalArgumentException when the default voice is not on the class path
     */
    public static MaryTtsProvider create() {
        return builder().build();
    }

    /**
     * Starts a provider's configuration.
     *
     * @return a builder with the default voice
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    /**
     * The voice this provider speaks with.
     *
     * @return the MaryTTS voice name, e.g. {@code cmu-slt-hsmm}
     */
    public String voiceName() {
        return voice.name();
    }

    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(ctx, "ctx");
        if (closed.get()) throw ProviderUnavailableException.builder("provider is closed").provider(ID).build();
        check(request);
        ctx.checkActive(ID);
        PcmAudio audio = runWithin(ctx, SpeakableText.of(request.text()));
        if (audio.frames() == 0 || AudioAnalysis.isSilent(audio)) {
            throw AudioFormatException.builder("MaryTTS produced no speech for this text (" + request.text().length() + " chars); it may hold nothing speakable in English")
                    .provider(ID).build();
        }
        if (audio.sampleRate() != voice.sampleRate()) audio = Resampler.resample(audio, voice.sampleRate());
        byte[] pcm = audio.toPcm16();
        AudioFormat format = request.format();
        byte[] bytes = format.container() == AudioFormat.Container.WAV ? WavCodec.wrapPcm16(pcm, format.sampleRate(), 1) : pcm;
        return SpeechResult.builder().audio(bytes).format(format).provider(ID).build();
    }

    /** MaryTTS cannot stream: the whole audio is synthesized, then handed on as a stream. */
    @Override
    @MustBeClosed
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        return TtsProvider.streamOf(synthesize(request, ctx));
    }

    @Override
    public List<Voice> voices(CallContext ctx) {
        Locale locale = voice.locale();
        String tag = locale.toLanguageTag().toLowerCase(Locale.ROOT);
        List<String> languages = tag.equals(locale.getLanguage()) ? List.of(tag) : List.of(locale.getLanguage(), tag);
        return List.of(new Voice(ID, VoiceId.of(voice.name()), voice.name(), languages,
                Map.of("gender", voice.gender(), "engine", "MaryTTS HMM", "sampleRate", Integer.toString(voice.sampleRate()))));
    }

    /** Marks the provider closed. MaryTTS itself stays up: it is shared by the whole JVM. */
    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "MaryTtsProvider[voice=" + voice.name() + ", rate=" + voice.sampleRate() + "]";
    }

    private void check(ProviderRequest request) {
        if (!capabilities.formats().contains(request.format())) {
            throw UnsupportedRequestException.builder("MaryTTS voice " + voice.name() + " produces " + capabilities.formats() + ", not " + request.format())
                    .provider(ID).build();
        }
        request.language().ifPresent(language -> {
            if (!capabilities.supportsLanguage(language)) {
                throw UnsupportedRequestException.builder("MaryTTS voice " + voice.name() + " speaks " + capabilities.languages() + ", not " + language)
                        .provider(ID).build();
            }
        });
        request.voice().ifPresent(target -> {
            if (target instanceof VoiceTarget.Reference) {
                throw UnsupportedRequestException.builder("MaryTTS cannot clone a voice from reference audio")
                        .provider(ID).build();
            }
            String wanted = ((VoiceTarget.Id) target).id().value();
            if (!wanted.equalsIgnoreCase(voice.name())) {
                throw UnsupportedRequestException.builder("this provider speaks with voice " + voice.name() + ", not " + wanted)
                        .provider(ID).build();
            }
        });
    }

    /** Runs synthesis on the client's workers; waits no longer than the deadline, and not past cancellation. */
    private PcmAudio runWithin(CallContext ctx, String text) {
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<PcmAudio> job;
        try {
            job = ctx.resources().executor().submit(() -> synthesizer.synthesize(voice.name(), text, abandoned::get));
        } catch (RejectedExecutionException | IllegalStateException e) {
            throw CancelledException.builder("the client is closing").provider(ID).cause(e).build();
        }
        try (CancellationToken.Registration ignored = ctx.cancellation().onCancel(() -> {
            abandoned.set(true);
            job.cancel(false);   // never interrupt MaryTTS mid-sentence: its shared state must stay whole
        })) {
            return job.get(Math.max(1, ctx.remaining().toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandoned.set(true);
            job.cancel(false);
            throw TtsTimeoutException.builder("MaryTTS did not finish within the deadline" + (MaryEngine.instance().started() ? "" : " (it was still starting up)"))
                    .provider(ID).cause(e).build();
        } catch (CancellationException e) {
            throw CancelledException.builder("request was cancelled").provider(ID).cause(e).build();
        } catch (InterruptedException e) {
            abandoned.set(true);
            job.cancel(false);
            Thread.currentThread().interrupt();
            throw CancelledException.builder("interrupted while waiting for MaryTTS").provider(ID).cause(e).build();
        } catch (ExecutionException e) {
            // A Future's failure always has a cause; the exception itself stands in should one lack it.
            Throwable failure = e.getCause();
            throw translate(failure != null ? failure : e);
        }
    }

    private static TtsException translate(Throwable failure) {
        if (failure instanceof TtsException) return (TtsException) failure;
        if (failure instanceof CancellationException) return CancelledException.builder("request was cancelled")
                .provider(ID).cause(failure).build();
        if (failure instanceof InterruptedException) {
            return ProviderUnavailableException.builder("MaryTTS was interrupted (the client is closing)")
                    .provider(ID).cause(failure).build();
        }
        if (failure instanceof StackOverflowError) {
            // MaryTTS's text analysis recurses on some inputs; the same text would fail again.
            return UnsupportedRequestException.builder("MaryTTS could not analyse this text (its preprocessor recursed too deeply)")
                    .provider(ID).cause(failure).build();
        }
        if (failure instanceof marytts.exceptions.MaryConfigurationException || !MaryEngine.instance().started()) {
            return ModelException.builder("MaryTTS failed to start: " + failure.getClass().getSimpleName())
                    .provider(ID).cause(failure).build();
        }
        return ModelException.builder("MaryTTS failed to synthesize: " + failure.getClass().getSimpleName())
                .provider(ID).cause(failure).build();
    }

    /** Builds a {@link MaryTtsProvider}; {@link #build()} fails fast on a voice that is not on the classpath. */
    public static final class Builder {
        private String voice = DEFAULT_VOICE;
        private PcmSynthesizer synthesizer = MaryEngine.instance();

        private Builder() {
        }

        /**
         * A MaryTTS voice on the class path, by name ({@code cmu-slt-hsmm} by default); checked by
         * {@link #build()}.
         *
         * @param name the voice name; surrounding blanks are dropped
         * @return this builder
         * @throws IllegalArgumentException when the name is blank
         */
        public Builder voice(String name) {
            Objects.requireNonNull(name, "voice");
            if (name.isBlank()) throw new IllegalArgumentException("voice must not be blank");
            this.voice = name.trim();
            return this;
        }

        /** For tests: another engine behind the provider. */
        Builder synthesizer(PcmSynthesizer value) {
            this.synthesizer = Objects.requireNonNull(value, "synthesizer");
            return this;
        }

        /**
         * Builds the provider; the voice's data loads on its first call.
         *
         * @return the provider; close it when done
         * @throws IllegalArgumentException when the voice is not on the class path (the message lists those that are)
         */
        public MaryTtsProvider build() {
            MaryVoiceInfo info = MaryVoiceInfo.find(voice).orElseThrow(() -> new IllegalArgumentException(
                    "no MaryTTS voice '" + voice + "' on the classpath; available: " + MaryVoiceInfo.available()));
            return new MaryTtsProvider(info, synthesizer);
        }
    }
}
