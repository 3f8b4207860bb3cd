package dev.ttskit.validation;

import dev.ttskit.SpeechRequest;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ParameterRange;
import dev.ttskit.spi.OptionValues;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.validation.internal.CharClasses;
import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Synthesis parameters: the ranges every provider shares, the ranges a provider declares in its
 * {@link ProviderCapabilities#parameters()}, sample rates and voice id syntax. Every violation names
 * the parameter, the value and the allowed range.
 *
 * <p>Option names are matched in snake case: {@code topK} and {@code top_k} are the same parameter.
 */
public final class ParameterValidator {
    /** A range that holds for a parameter whichever provider receives it. */
    private record Neutral(double min, boolean minExclusive, double max, boolean integer) {
        String describe() {
            String lower = minExclusive ? "> " + format(min) : format(min);
            return minExclusive ? lower + " and <= " + format(max) : lower + ".." + format(max);
        }

        boolean contains(double v) {
            return (minExclusive ? v > min : v >= min) && v <= max && (!integer || v == Math.rint(v));
        }
    }

    private static final Map<String, Neutral> NEUTRAL = Map.of(
            "speed", new Neutral(0, true, 10, false),
            "stability", new Neutral(0, false, 1, false),
            "similarity_boost", new Neutral(0, false, 1, false),
            "similarity", new Neutral(0, false, 1, false),
            "style", new Neutral(0, false, 1, false),
            "temperature", new Neutral(0, true, 10, false),
            "top_k", new Neutral(0, false, 100_000, true),
            "top_p", new Neutral(0, true, 1, false),
            "repetition_penalty", new Neutral(0, true, 100, false),
            "seed", new Neutral(0, false, 0xFFFF_FFFFL, true));

    private ParameterValidator() {
    }

    /**
     * Checks what holds for every provider: numeric options finite and in their shared range, speed,
     * seed, and the voice id's syntax.
     *
     * @param request the caller's request
     * @throws ValidationException naming the parameter, value and range
     */
    public static void checkNeutral(SpeechRequest request) {
        request.speed().ifPresent(s -> checkNeutral("speed", s));
        request.seed().ifPresent(s -> checkNeutral("seed", s));
        request.voice().ifPresent(ParameterValidator::checkVoiceId);
        request.options().forEach((key, value) -> {
            String name = snakeCase(key.substring(key.lastIndexOf('.') + 1));
            if (NEUTRAL.containsKey(name) || name.equals("sample_rate")) checkNeutral(key, numberOf(null, key, value));
        });
    }

    /**
     * Checks a provider request against one provider's declared ranges: speed and seed fields, options
     * named like a declared parameter, and a {@code sample_rate} option against the rates it offers.
     *
     * @param request      the request as that provider will get it
     * @param providerId   the provider's id, for messages
     * @param capabilities what the provider declares
     * @throws ValidationException naming the parameter, value, allowed range and provider
     */
    public static void checkFor(ProviderRequest request, String providerId, ProviderCapabilities capabilities) {
        Map<String, ParameterRange> ranges = capabilities.parameters();
        request.speed().ifPresent(s -> checkRange("speed", s, ranges.get("speed"), providerId));
        request.seed().ifPresent(s -> checkRange("seed", s, ranges.get("seed"), providerId));
        request.options().forEach((key, value) -> {
            String name = snakeCase(key);
            ParameterRange range = ranges.containsKey(key) ? ranges.get(key) : ranges.get(name);
            if (range != null) {
                checkRange(key, numberOf(providerId, key, value), range, providerId);
            }
            if (name.equals("sample_rate")) {
                checkSampleRate(key, numberOf(providerId, key, value), capabilities, providerId);
            }
        });
    }

    /**
     * A voice id or logical voice name: 1 to 256 characters, no surrounding whitespace, no control,
     * bidirectional or zero-width characters, no path separators, not {@code .} or {@code ..}.
     *
     * @param voice the voice id or name
     * @throws ValidationException naming the rule broken (never the id itself)
     */
    public static void checkVoiceId(String voice) {
        Objects.requireNonNull(voice, "voice");
        if (voice.isEmpty() || voice.length() > 256) {
            throw ValidationException.builder("parameter voice must be 1..256 characters, was " + voice.length())
                    .build();
        }
        if (!voice.strip().equals(voice)) {
            throw ValidationException.builder("parameter voice must not start or end with whitespace").build();
        }
        if (voice.equals(".") || voice.equals("..")) {
            throw ValidationException.builder("parameter voice must not be a relative path segment").build();
        }
        for (int i = 0; i < voice.length(); ) {
            int cp = voice.codePointAt(i);
            if (Character.isISOControl(cp) || CharClasses.isBidiControl(cp) || CharClasses.isZeroWidth(cp)
                    || CharClasses.isTag(cp) || cp == CharClasses.ZWJ || cp == CharClasses.ZWNJ || Character.isSurrogate((char) cp)) {
                throw ValidationException.builder("parameter voice holds an invisible or control character at index " + i)
                        .build();
            }
            if (cp == '/' || cp == '\\') {
                throw ValidationException.builder("parameter voice holds a path separator at index " + i).build();
            }
            i += Character.charCount(cp);
        }
    }

    /** {@code topK} → {@code top_k}; names already in snake case are returned unchanged. */
    static String snakeCase(String name) {
        StringBuilder sb = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) sb = new StringBuilder(name.length() + 4).append(name, 0, i);
                if (i > 0) sb.append('_');
                sb.append((char) (c + ('a' - 'A')));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? name : sb.toString();
    }

    private static void checkNeutral(String key, double value) {
        String name = snakeCase(key.substring(key.lastIndexOf('.') + 1));
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw ValidationException.builder("parameter " + key + " must be a finite number, was " + value).build();
        }
        if (name.equals("sample_rate")) {
            if (value != Math.rint(value) || value < 8_000 || value > 192_000) {
                throw ValidationException.builder("parameter " + key + " = " + format(value) + " is outside the allowed range 8000..192000 Hz")
                        .build();
            }
            return;
        }
        Neutral range = NEUTRAL.get(name);
        if (range != null && !range.contains(value)) {
            throw ValidationException.builder("parameter " + key + " = " + format(value) + " is outside the allowed range " + range.describe() + (range.integer() ? " (whole numbers)" : ""))
                    .build();
        }
    }

    private static void checkRange(String key, double value, @Nullable ParameterRange range, String providerId) {
        if (range == null) return;
        if (Double.isNaN(value) || !range.contains(value)) {
            throw ValidationException.builder("parameter " + key + " = " + format(value) + " is outside the allowed range " + format(range.min()) + ".." + format(range.max()) + " for provider " + providerId)
                    .provider(providerId).build();
        }
    }

    private static void checkSampleRate(String key, double value, ProviderCapabilities capabilities, String providerId) {
        TreeSet<Integer> offered = new TreeSet<>();
        for (AudioFormat f : capabilities.formats()) offered.add(f.sampleRate());
        if (value != Math.rint(value) || !offered.contains((int) value)) {
            throw ValidationException.builder("parameter " + key + " = " + format(value) + " Hz is not offered by provider " + providerId + "; allowed: " + offered)
                    .provider(providerId).build();
        }
    }

    /**
     * Checks that the provider can deliver the request's format, natively or by resampling its PCM.
     *
     * @param request      the request as that provider will get it
     * @param providerId   the provider's id, for messages
     * @param capabilities what the provider declares
     * @throws UnsupportedRequestException naming the format and the sample rates offered
     */
    public static void checkFormat(ProviderRequest request, String providerId, ProviderCapabilities capabilities) {
        if (capabilities.sourceFormatFor(request.format()).isEmpty()) {
            TreeSet<Integer> offered = new TreeSet<>();
            for (AudioFormat f : capabilities.formats()) offered.add(f.sampleRate());
            throw UnsupportedRequestException.builder("provider " + providerId + " cannot produce " + request.format() + "; sample rates offered: " + offered)
                    .provider(providerId).build();
        }
    }

    /** A finite number; providerId is null for the checks made before any provider is chosen. */
    private static double numberOf(@Nullable String providerId, String key, Object value) {
        return OptionValues.decimal(providerId, key, value).orElseThrow();
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
