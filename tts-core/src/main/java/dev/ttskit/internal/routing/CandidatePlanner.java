package dev.ttskit.internal.routing;

import dev.ttskit.LogicalVoice;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.Validator;
import dev.ttskit.spi.VoiceTarget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Works out which providers can serve a request, in priority order, before any call is made: the
 * request's provider restriction, language, format (native or convertible from PCM), streaming,
 * voice mapping and cloning. Each candidate's request is checked against its provider's limits
 * here, once per request, not on every retry.
 */
public final class CandidatePlanner {
    private final List<TtsProvider> providers;
    private final Map<String, LogicalVoice> voices;
    private final Validator validator;

    public CandidatePlanner(List<TtsProvider> providers, Map<String, LogicalVoice> voices, Validator validator) {
        this.providers = List.copyOf(providers);
        this.voices = Map.copyOf(voices);
        this.validator = java.util.Objects.requireNonNull(validator, "validator");
    }

    /**
     * The candidates for a request.
     *
     * @param streaming whether the caller wants a stream
     * @throws UnsupportedRequestException naming each provider's reason when none can serve it
     */
    public List<Candidate> plan(SpeechRequest request, boolean streaming) {
        List<Candidate> out = eligible(request, streaming);
        out.replaceAll(this::checked);
        return out;
    }

    /** The candidates without the per-provider checks (long text: the chunks are checked one by one). */
    public List<Candidate> eligible(SpeechRequest request, boolean streaming) {
        List<TtsProvider> ordered = order(request);
        List<Candidate> out = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (TtsProvider provider : ordered) {
            String why = reasonToSkip(provider, request);
            if (why != null) {
                skipped.put(provider.id(), why);
                continue;
            }
            ProviderCapabilities caps = provider.capabilities();
            AudioFormat source = sourceFormat(caps, request.format(), streaming).orElseThrow();
            Optional<VoiceTarget> voice = voiceFor(provider.id(), request);
            out.add(new Candidate(provider, ProviderRequest.of(provider.id(), request, voice, source), request.format()));
        }
        if (out.isEmpty()) {
            throw UnsupportedRequestException.builder(skipped.isEmpty() ? "no provider is configured"
                    : "no provider can serve this request: " + inWords(skipped, request)).build();
        }
        return out;
    }

    /**
     * The candidate with its request as the provider's validator returns it; a refusal is kept on
     * the candidate (a text too long for this provider, say, may still suit the next one).
     */
    private Candidate checked(Candidate c) {
        try {
            return new Candidate(c.provider(), validator.validateFor(c.request(), c.id(), c.provider().capabilities()), c.wanted());
        } catch (TtsException e) {
            return new Candidate(c.provider(), c.request(), c.wanted(), e);
        }
    }

    private List<TtsProvider> order(SpeechRequest request) {
        if (request.providers().isEmpty()) return providers;
        List<TtsProvider> ordered = new ArrayList<>();
        for (String id : request.providers()) {
            TtsProvider match = providers.stream().filter(p -> p.id().equals(id)).findFirst()
                    .orElseThrow(() -> UnsupportedRequestException.builder("provider " + id + " is not configured").build());
            ordered.add(match);
        }
        return ordered;
    }

    /** "marytts cannot produce the format mp3_44100_128; replicate does not speak de": read by people, so no map's toString. */
    private static String inWords(Map<String, String> skipped, SpeechRequest request) {
        List<String> parts = new ArrayList<>();
        skipped.forEach((provider, why) -> parts.add(provider + " " + switch (why) {
            case "language" -> "does not speak " + request.language().orElse("that language");
            case "format" -> "cannot produce the format " + request.format();
            case "voice cloning" -> "does not clone voices";
            case "no mapping for voice" -> "has no mapping for voice " + request.voice().orElse("");
            default -> why;
        }));
        return String.join("; ", parts);
    }

    private @Nullable String reasonToSkip(TtsProvider provider, SpeechRequest request) {
        ProviderCapabilities caps = provider.capabilities();
        if (request.language().isPresent() && !caps.supportsLanguage(request.language().get())) return "language";
        if (sourceFormat(caps, request.format(), false).isEmpty()) return "format";
        if (request.speakerReference().isPresent() && !caps.voiceCloning()) return "voice cloning";
        if (request.voice().isPresent() && !request.allowAnyVoice()) {
            LogicalVoice logical = voices.get(request.voice().get());
            if (logical != null && logical.target(provider.id()).isEmpty()) return "no mapping for voice";
            if (logical != null && logical.target(provider.id()).get() instanceof VoiceTarget.Reference && !caps.voiceCloning()) {
                return "voice cloning";
            }
        }
        return null;
    }

    /**
     * The format to ask for. A stream wants the exact format, or raw PCM at the same rate when a WAV
     * stream is wanted (the header is prepended); anything else is produced whole and converted.
     */
    static Optional<AudioFormat> sourceFormat(ProviderCapabilities caps, AudioFormat wanted, boolean streaming) {
        if (streaming && caps.streaming()) {
            if (caps.formats().contains(wanted)) return Optional.of(wanted);
            AudioFormat raw = wanted.isLinearPcm() ? wanted.withContainer(AudioFormat.Container.RAW) : null;
            if (raw != null && caps.formats().contains(raw)) return Optional.of(raw);
        }
        return caps.sourceFormatFor(wanted);
    }

    private Optional<VoiceTarget> voiceFor(String providerId, SpeechRequest request) {
        if (request.voice().isPresent()) {
            LogicalVoice logical = voices.get(request.voice().get());
            if (logical == null) return Optional.of(VoiceTarget.id(request.voice().get()));
            Optional<VoiceTarget> target = logical.target(providerId);
            if (target.isPresent()) return target;
        }
        return request.speakerReference().map(VoiceTarget::reference);
    }
}
