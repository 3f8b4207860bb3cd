package dev.ttskit.validation;

import dev.ttskit.ValidationException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * BCP 47 language tags: syntax, canonical case, and each provider's own codes.
 *
 * <p>{@link #normalise(String)} gives {@code en-US}, {@code zh-Hans-CN}, {@code pt-BR}: language in lower
 * case (three-letter ISO 639-2/3 codes with a two-letter equivalent folded to it, deprecated codes
 * {@code iw in ji} replaced), script in title case, region in upper case. {@link #forProvider} maps a
 * tag to what a provider expects: XTTS wants its tokenizer tags ({@code zh-cn}), Replicate's xtts-v2
 * wants the base code ({@code zh}), ElevenLabs wants an ISO 639-1 {@code language_code}.
 */
public final class LanguageCodes {
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,8}");
    private static final Map<String, String> TO_TWO_LETTER = buildTwoLetterMap();

    private LanguageCodes() {
    }

    /**
     * The canonical form of a tag.
     *
     * @param tag a BCP 47 tag, {@code _} accepted as separator and three-letter codes with a two-letter form shortened
     * @return the tag with each subtag in its conventional case, e.g. {@code pt-BR}, {@code zh-Hant-TW}
     * @throws ValidationException when the tag is not BCP 47 syntax
     */
    public static String normalise(String tag) {
        Objects.requireNonNull(tag, "language");
        String trimmed = tag.trim();
        if (!SYNTAX.matcher(trimmed).matches()) {
            throw ValidationException.builder("language must be a BCP 47 tag such as en or pt-BR, was " + describe(tag))
                    .build();
        }
        String[] parts = trimmed.split("[-_]");
        StringBuilder out = new StringBuilder(trimmed.length());
        String language = parts[0].toLowerCase(Locale.ROOT);
        out.append(TO_TWO_LETTER.getOrDefault(language, language));
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            out.append('-');
            if (i == 1 && p.length() == 4 && Character.isLetter(p.charAt(0))) {
                out.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1).toLowerCase(Locale.ROOT));
            } else if ((p.length() == 2 && Character.isLetter(p.charAt(0))) || (p.length() == 3 && Character.isDigit(p.charAt(0)))) {
                out.append(p.toUpperCase(Locale.ROOT));
            } else {
                out.append(p.toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    /**
     * The primary language subtag of a tag, normalised: {@code pt-BR} gives {@code pt}.
     *
     * @param tag a BCP 47 tag
     * @return the primary language subtag, lower case
     * @throws ValidationException when the tag is not BCP 47 syntax
     */
    public static String primary(String tag) {
        String n = normalise(tag);
        int dash = n.indexOf('-');
        return dash < 0 ? n : n.substring(0, dash);
    }

    /**
     * The code a provider expects for a tag: {@code local-xtts} gets the XTTS tokenizer tag (the base
     * code, {@code zh-cn} for any Chinese), {@code replicate} the xtts-v2 base code ({@code zh} for any
     * Chinese), {@code elevenlabs} the ISO 639-1 code; other providers get the normalised tag.
     *
     * @param providerId the provider's id
     * @param tag        a BCP 47 tag
     * @return the code that provider expects
     * @throws ValidationException when the tag is not BCP 47 syntax
     */
    public static String forProvider(String providerId, String tag) {
        Objects.requireNonNull(providerId, "providerId");
        switch (providerId) {
            case "local-xtts":
                String base = primary(tag);
                return base.equals("zh") ? "zh-cn" : base;
            case "replicate":
            case "elevenlabs":
                return primary(tag);
            default:
                return normalise(tag);
        }
    }

    /** Describes a bad value without echoing anything that is not tag-like. */
    private static String describe(String value) {
        if (value.length() <= 35 && value.chars().allMatch(c -> c < 0x7F && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
            return "'" + value + "'";
        }
        return "a value of " + value.length() + " characters";
    }

    private static Map<String, String> buildTwoLetterMap() {
        Map<String, String> map = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            try {
                String three = new Locale(two).getISO3Language();
                if (!three.isEmpty()) map.put(three, two);
            } catch (MissingResourceException e) {
                // No three-letter form known to this JDK: nothing to fold.
            }
        }
        String[][] bibliographic = {{"alb", "sq"}, {"arm", "hy"}, {"baq", "eu"}, {"bur", "my"}, {"chi", "zh"},
                {"cze", "cs"}, {"dut", "nl"}, {"fre", "fr"}, {"geo", "ka"}, {"ger", "de"}, {"gre", "el"},
                {"ice", "is"}, {"mac", "mk"}, {"mao", "mi"}, {"may", "ms"}, {"per", "fa"}, {"rum", "ro"},
                {"slo", "sk"}, {"tib", "bo"}, {"wel", "cy"}, {"iw", "he"}, {"in", "id"}, {"ji", "yi"}};
        for (String[] pair : bibliographic) map.put(pair[0], pair[1]);
        return Map.copyOf(map);
    }
}
