package dev.ttskit.xtts.internal;

/**
 * Cleans text for one language before tokenising (spec section 7.2): lowercase, numbers,
 * abbreviations and symbols spelled out, whitespace collapsed. The seam for more languages.
 */
@FunctionalInterface
public interface TextNormalizer {
    String normalize(String text);
}
