package dev.ttskit.replicate.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.VoiceTarget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one Replicate model is spoken to: its input field names, voice kind, languages, speed range
 * and the audio it returns (spec section 9). Models not listed here use the raw mapping: the text
 * under a configurable field and the caller's {@code replicate.}-prefixed options passed through.
 */
public final class ModelProfile {
    /** The models with a built-in mapping. */
    public enum Kind { XTTS_V2, KOKORO, MINIMAX_SPEECH, CHATTERBOX, RAW }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> XTTS_LANGUAGES =
            Set.of("en", "es", "fr", "de", "it", "pt", "pl", "tr", "ru", "nl", "cs", "ar", "zh", "hu", "ko", "hi");
    private static final List<String> KOKORO_VOICES = List.of("af_alloy", "af_aoede", "af_bella", "af_jessica", "af_kore",
            "af_nicole", "af_nova", "af_river", "af_sarah", "af_sky", "am_adam", "am_echo", "am_eric", "am_fenrir", "am_liam",
            "am_michael", "am_onyx", "am_puck", "bf_alice", "bf_emma", "bf_isabella", "bf_lily", "bm_daniel", "bm_fable",
            "bm_george", "bm_lewis", "ff_siwis", "hf_alpha", "hf_beta", "hm_omega", "hm_psi", "if_sara", "im_nicola",
            "jf_alpha", "jf_gongitsune", "jf_nezumi", "jf_tebukuro");
    private static final List<String> MINIMAX_VOICES = List.of("Wise_Woman", "Friendly_Person", "Inspirational_girl",
            "Deep_Voice_Man", "Calm_Woman", "Casual_Guy", "Lively_Girl", "Patient_Man", "Young_Knight", "Determined_Man",
            "Lovely_Girl", "Decent_Boy", "Imposing_Manner", "Elegant_Man", "Abbess", "Sweet_Girl_2", "Exuberant_Girl");
    private static final int[] MINIMAX_RATES = {8000, 16000, 22050, 24000, 32000, 44100};
    private static final int[] MINIMAX_BITRATES_KBPS = {32, 64, 128, 256};
    /** How a model input field is typed, so that an option given as a string is sent as the model expects. */
    private enum FieldType { DECIMAL, INTEGER, FLAG, TEXT }

    private static final Map<String, FieldType> MINIMAX_EXTRAS = Map.of("volume", FieldType.DECIMAL,
            "pitch", FieldType.INTEGER, "emotion", FieldType.TEXT, "english_normalization", FieldType.FLAG,
            "language_boost", FieldType.TEXT, "channel", FieldType.TEXT, "subtitle_enable", FieldType.FLAG);
    private static final Map<String, FieldType> CHATTERBOX_EXTRAS = Map.of("exaggeration", FieldType.DECIMAL,
            "cfg_weight", FieldType.DECIMAL, "temperature", FieldType.DECIMAL);

    private final Kind kind;
    private final AudioFormat rawFormat;
    private final String rawTextField;
    private final long maxReferenceBytes;

    private ModelProfile(Kind kind, AudioFormat rawFormat, String rawTextField, long maxReferenceBytes) {
        this.kind = kind;
        this.rawFormat = rawFormat;
        this.rawTextField = rawTextField;
        this.maxReferenceBytes = maxReferenceBytes;
    }

    /**
     * @param rawFormat         what a model without a built-in mapping returns
     * @param rawTextField      the input field that takes the text for such a model
     * @param maxReferenceBytes largest local voice reference sent inline as a data URI
     */
    public static ModelProfile forModel(ModelRef model, AudioFormat rawFormat, String rawTextField, long maxReferenceBytes) {
        Kind kind = switch (model.slug()) {
            case "lucataco/xtts-v2" -> Kind.XTTS_V2;
            case "jaaari/kokoro-82m" -> Kind.KOKORO;
            case "minimax/speech-02-turbo", "minimax/speech-02-hd" -> Kind.MINIMAX_SPEECH;
            case "resemble-ai/chatterbox" -> Kind.CHATTERBOX;
            default -> model.slug().startsWith("minimax/speech-2.") ? Kind.MINIMAX_SPEECH : Kind.RAW;
        };
        return new ModelProfile(kind, rawFormat, rawTextField, maxReferenceBytes);
    }

    public Kind kind() {
        return kind;
    }

    /** What the model can do, for routing. */
    public ProviderCapabilities capabilities() {
        ProviderCapabilities.Builder b = ProviderCapabilities.builder().paid(true).streaming(false).maxConcurrentCalls(16);
        switch (kind) {
            case XTTS_V2 -> b.formats(AudioFormat.WAV_PCM16_24K).voiceCloning(true).languages(XTTS_LANGUAGES)
                    .maxChars(5_000).referenceAudioDuration(Duration.ofSeconds(6), Duration.ofSeconds(60));
            case KOKORO -> b.formats(AudioFormat.WAV_PCM16_24K).maxChars(5_000).parameter("speed", 0.1, 5)
                    .languages("en", "es", "fr", "hi", "it", "ja", "pt", "zh");
            case MINIMAX_SPEECH -> {
                // formats(...) replaces, so all of them go in one call
                List<AudioFormat> formats = new ArrayList<>();
                for (int rate : MINIMAX_RATES) {
                    formats.add(AudioFormat.wav(rate));
                    for (int kbps : MINIMAX_BITRATES_KBPS) formats.add(AudioFormat.mp3(rate, kbps));
                }
                b.formats(formats.toArray(new AudioFormat[0]));
                b.maxChars(10_000).maxUtf8Bytes(40_000).parameter("speed", 0.5, 2);
            }
            case CHATTERBOX -> b.formats(AudioFormat.WAV_PCM16_24K).voiceCloning(true).languages("en").maxChars(5_000)
                    .referenceAudioDuration(Duration.ofSeconds(5), Duration.ofSeconds(60));
            case RAW -> b.formats(rawFormat);
        }
        return b.build();
    }

    /** Whether outputs are a single file, so a non-null output in sync mode is final (spec section 10, X3). */
    public boolean singleFileOutput() {
        return kind != Kind.RAW;
    }

    /** The model's built-in voices, where the spec lists them. */
    public List<Voice> voices(String provider) {
        List<String> ids = switch (kind) {
            case KOKORO -> KOKORO_VOICES;
            case MINIMAX_SPEECH -> MINIMAX_VOICES;
            default -> List.of();
        };
        List<Voice> voices = new ArrayList<>(ids.size());
        for (String id : ids) voices.add(Voice.of(provider, id, id));
        return voices;
    }

    /**
     * The prediction input for a request.
     *
     * @throws UnsupportedRequestException when this model cannot serve the request (language, format,
     *                                     a required voice reference missing)
     * @throws dev.ttskit.ValidationException when a typed model option has a value of the wrong type
     */
    public ObjectNode input(ProviderRequest request, String provider) {
        ObjectNode in = JSON.objectNode();
        switch (kind) {
            case XTTS_V2 -> {
                in.put("text", request.text());
                in.put("speaker", reference(request, provider)
                        .orElseThrow(() -> unsupported(provider, "lucataco/xtts-v2 needs a voice reference (a recording or an https URL)")));
                request.language().ifPresent(l -> in.put("language", xttsLanguage(l, provider)));
                request.flag("cleanup_voice").ifPresent(v -> in.put("cleanup_voice", v));
            }
            case KOKORO -> {
                in.put("text", request.text());
                voiceId(request).ifPresent(v -> in.put("voice", v));
                request.speed().ifPresent(s -> in.put("speed", inRange(s, 0.1, 5, provider)));
            }
            case MINIMAX_SPEECH -> {
                in.put("text", request.text());
                voiceId(request).ifPresent(v -> in.put("voice_id", v));
                request.speed().ifPresent(s -> in.put("speed", inRange(s, 0.5, 2, provider)));
                minimaxFormat(request.format(), in, provider);
                copyTyped(request, MINIMAX_EXTRAS, in);
            }
            case CHATTERBOX -> {
                in.put("prompt", request.text());
                reference(request, provider).ifPresent(r -> in.put("audio_prompt", r));
                request.seed().ifPresent(s -> in.put("seed", s));
                copyTyped(request, CHATTERBOX_EXTRAS, in);
            }
            case RAW -> {
                // Only options addressed to this provider: unprefixed ones are meant for every provider
                // and an unknown input field makes Cog models answer 422.
                request.addressedOptions().forEach((k, v) -> put(in, k, v));
                in.put(rawTextField, request.text());
            }
        }
        return in;
    }

    private void minimaxFormat(AudioFormat format, ObjectNode in, String provider) {
        int rate = format.sampleRate();
        boolean rateOk = false;
        for (int r : MINIMAX_RATES) rateOk |= r == rate;
        if (!rateOk || format.channels() != 1) {
            throw unsupported(provider, "minimax speech cannot produce " + format);
        }
        if (format.encoding() == AudioFormat.Encoding.MP3) {
            boolean bitrateOk = false;
            for (int k : MINIMAX_BITRATES_KBPS) bitrateOk |= k == format.bitrateKbps();
            if (!bitrateOk) throw unsupported(provider, "minimax speech cannot produce " + format);
            in.put("audio_format", "mp3");
            in.put("bitrate", format.bitrateKbps() * 1000);
        } else if (format.isPcmBased()) {
            in.put("audio_format", "wav");   // linear PCM and G.711 are converted from the WAV output
        } else {
            throw unsupported(provider, "minimax speech cannot produce " + format);
        }
        in.put("sample_rate", rate);
        in.put("channel", "mono");
    }

    /** A voice reference: a local recording as a data URI, or an https URL given as the voice id. */
    private Optional<String> reference(ProviderRequest request, String provider) {
        Optional<VoiceTarget> voice = request.voice();
        if (voice.isPresent() && voice.get() instanceof VoiceTarget.Reference ref) {
            return Optional.of(ReferenceAudio.toDataUri(ref.audio(), maxReferenceBytes, provider));
        }
        if (voice.isPresent() && voice.get() instanceof VoiceTarget.Id id) {
            String value = id.id().value();
            if (value.regionMatches(true, 0, "https://", 0, 8)) return Optional.of(value);
            throw unsupported(provider, "this model clones a voice from a recording; voice ids are not offered");
        }
        return Optional.empty();   // the planner puts the caller's speaker reference in voice()
    }

    private static Optional<String> voiceId(ProviderRequest request) {
        return request.voice().filter(VoiceTarget.Id.class::isInstance).map(v -> ((VoiceTarget.Id) v).id().value());
    }

    private static String xttsLanguage(String tag, String provider) {
        String lower = tag.toLowerCase(Locale.ROOT);
        int dash = lower.indexOf('-');
        String primary = dash > 0 ? lower.substring(0, dash) : lower;
        if (!XTTS_LANGUAGES.contains(primary)) throw unsupported(provider, "lucataco/xtts-v2 does not speak '" + tag + "'");
        return primary;
    }

    private static double inRange(double value, double min, double max, String provider) {
        if (value < min || value > max) {
            throw unsupported(provider, "speed must be " + min + ".." + max + " for this model, was " + value);
        }
        return value;
    }

    /** The options among {@code fields}, in the model's types; a value of the wrong type is a ValidationException. */
    private static void copyTyped(ProviderRequest request, Map<String, FieldType> fields, ObjectNode in) {
        for (String key : request.options().keySet()) {
            FieldType type = fields.get(key);
            if (type == null) continue;
            switch (type) {
                case DECIMAL -> request.decimal(key).ifPresent(v -> in.put(key, v));
                case INTEGER -> request.integer(key).ifPresent(v -> in.put(key, v));
                case FLAG -> request.flag(key).ifPresent(v -> in.put(key, v));
                case TEXT -> request.text(key).ifPresent(v -> in.put(key, v));
            }
        }
    }

    private static void put(ObjectNode in, String key, Object v) {
        if (v instanceof Boolean b) in.put(key, b);
        else if (v instanceof Integer i) in.put(key, i);
        else if (v instanceof Long l) in.put(key, l);
        else if (v instanceof Number n) in.put(key, n.doubleValue());
        else in.put(key, String.valueOf(v));
    }

    private static UnsupportedRequestException unsupported(String provider, String message) {
        return UnsupportedRequestException.builder(message).provider(provider).build();
    }
}
