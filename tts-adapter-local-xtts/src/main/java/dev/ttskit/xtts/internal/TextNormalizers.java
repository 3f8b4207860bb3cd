package dev.ttskit.xtts.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The normalizer for a base language: English has full cleaning (numbers, abbreviations, symbols);
 * the other Latin- and Cyrillic-script languages get the language-neutral part (quotes removed,
 * Turkish capitals fixed, lowercase, whitespace collapsed). Languages that need a romaniser
 * (zh, ja, ko) have none, so the provider reports them unsupported.
 */
public final class TextNormalizers {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private TextNormalizers() {
    }

    public static Optional<TextNormalizer> forLanguage(String base) {
        return switch (base) {
            case "en" -> Optional.of(new EnglishNormalizer());
            case "zh", "ja", "ko" -> Optional.empty();
            default -> Optional.of(text -> basic(text, base));
        };
    }

    /** Quotes removed, Turkish capitals fixed, lowercased with Python's rules for these scripts, whitespace collapsed. */
    static String basic(String text, String base) {
        String s = text.replace("\"", "");
        if (base.equals("tr")) s = s.replace("İ", "i").replace("Ö", "ö").replace("Ü", "ü");
        s = s.toLowerCase(Locale.ROOT);
        return collapse(s);
    }

    static String collapse(String s) {
        return WHITESPACE.matcher(s).replaceAll(" ").strip();
    }
}
