package dev.ttskit.openai.internal;

import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.VoiceTarget;
import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link ProviderRequest} into the body of {@code POST /v1/audio/speech}, checking before any
 * I/O what the API would reject (spec section 3): blank or too long text, speed out of range,
 * instructions for a model that takes none, a voice the model does not speak, a format it cannot
 * produce. Against a compatible server the model and voice are the server's to judge.
 *
 * <p>Per-request options (given as {@code openai.<name>} on a request): {@code model},
 * {@code instructions}, {@code stream_format} ({@code audio} or {@code sse}).
 */
public final class RequestMapper {
    /** The API's speed range. */
    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 4.0;

    private final String provider;
    private final String defaultModel;
    private final String defaultVoice;
    private final @Nullable String defaultInstructions;
    private final boolean compatible;
    private final Set<AudioFormat> formats;
    private final String defaultStreamFormat;

    /**
     * @param defaultInstructions instructions for requests that give none, or null
     * @param compatible          whether the server is an OpenAI-compatible one (no model/voice checks)
     * @param formats             the formats the adapter declares; anything else is UNSUPPORTED
     */
    public RequestMapper(String provider, String defaultModel, String defaultVoice, @Nullable String defaultInstructions, boolean compatible,
                         Set<AudioFormat> formats, String defaultStreamFormat) {
        this.provider = provider;
        this.defaultModel = defaultModel;
        this.defaultVoice = defaultVoice;
        this.defaultInstructions = defaultInstructions;
        this.compatible = compatible;
        this.formats = Set.copyOf(formats);
        this.defaultStreamFormat = defaultStreamFormat;
    }

    /**
     * @throws ValidationException         for blank or too long text, speed or instructions out of range
     * @throws UnsupportedRequestException for a format, voice or model feature this server does not offer
     */
    public PreparedSpeech prepare(ProviderRequest request) {
        AudioFormat format = request.format();
        String wire = ResponseFormats.wireName(format).filter(w -> formats.contains(format))
                .orElseThrow(() -> unsupported("this server is not configured to produce " + format));
        AudioFormat source = ResponseFormats.wrapsWav(format) ? format.withContainer(AudioFormat.Container.RAW) : format;

        String text = request.text();
        if (text.isBlank()) throw invalid("text must not be blank");
        int chars = text.codePointCount(0, text.length());
        if (chars > ModelTable.MAX_INPUT_CHARS) {
            // The router splits long text by the declared limit; a longer piece is for another provider.
            throw unsupported("text has " + chars + " characters, more than the " + ModelTable.MAX_INPUT_CHARS
                    + " one speech request accepts");
        }

        Map<String, Object> options = request.options();
        String model = option(options, "model", defaultModel);
        String voice = voice(request);
        String instructions = option(options, "instructions");
        if (instructions == null) instructions = defaultInstructions;
        if (!compatible && !ModelTable.offersVoice(model, voice)) {
            throw unsupported("model " + model + " does not offer voice '" + voice + "'");
        }
        if (instructions != null) {
            if (instructions.codePointCount(0, instructions.length()) > ModelTable.MAX_INPUT_CHARS) {
                throw invalid("instructions must be at most " + ModelTable.MAX_INPUT_CHARS + " characters");
            }
            if (!compatible && ModelTable.isClassic(model)) {
                throw unsupported("model " + model + " takes no instructions");
            }
        }
        String streamFormat = option(options, "stream_format", defaultStreamFormat);
        if (!streamFormat.equals("audio") && !streamFormat.equals("sse")) {
            throw invalid("stream_format must be audio or sse, was '" + streamFormat + "'");
        }
        boolean sse = streamFormat.equals("sse");
        if (sse && !compatible && ModelTable.isClassic(model)) throw unsupported("model " + model + " does not stream events");
        Double speed = request.speed().orElse(null);
        if (speed != null && !(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw invalid("speed must be " + MIN_SPEED + ".." + MAX_SPEED + ", was " + speed);
        }

        byte[] body = SpeechJson.body(model, text, voice, voice.startsWith("voice_"),
                instructions != null && !instructions.isBlank() ? instructions : null, wire, speed, sse);
        return new PreparedSpeech(body, model, format, source, text, sse);
    }

    private String voice(ProviderRequest request) {
        if (request.voice().isEmpty()) return defaultVoice;
        VoiceTarget target = request.voice().get();
        if (target instanceof VoiceTarget.Id id) return id.id().value();
        throw unsupported("voices are names or custom voice ids; cloning from a reference recording is not offered");
    }

    private String option(Map<String, Object> options, String name, String fallback) {
        String s = option(options, name);
        return s != null ? s : fallback;
    }

    /** The option as trimmed text, or null when it is not given. */
    private @Nullable String option(Map<String, Object> options, String name) {
        Object v = options.get(name);
        if (v == null) return null;
        String s = v.toString().trim();
        if (s.isEmpty()) throw invalid("option " + name + " must not be blank");
        return s;
    }

    private ValidationException invalid(String message) {
        return ValidationException.builder(message).provider(provider).build();
    }

    private UnsupportedRequestException unsupported(String message) {
        return UnsupportedRequestException.builder(message).provider(provider).build();
    }
}
