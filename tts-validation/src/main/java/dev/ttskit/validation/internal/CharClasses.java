package dev.ttskit.validation.internal;

/** Character classes the text rules need, by code point. */
public final class CharClasses {
    public static final int ZWNJ = 0x200C;
    public static final int ZWJ = 0x200D;
    private static final int BLACK_FLAG = 0x1F3F4;

    private CharClasses() {
    }

    /** The bidirectional formatting characters of the "Trojan Source" set, plus the implicit marks. */
    public static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200E || cp == 0x200F || cp == 0x061C;
    }

    /** Zero-width characters that are always removed (joiners are decided by context). */
    public static boolean isZeroWidth(int cp) {
        return cp == 0x200B || cp == 0xFEFF || cp == 0x2060 || cp == 0x180E;
    }

    /** C0 and C1 controls and DEL, excluding the whitespace controls handled as line breaks or tabs. */
    public static boolean isStrippedControl(int cp) {
        return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != 0x0B && cp != 0x0C)
                || (cp >= 0x7F && cp <= 0x9F && cp != 0x85);
    }

    /** Characters that end a line: LF, CR, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
    public static boolean isLineBreak(int cp) {
        return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
    }

    /** Horizontal whitespace: tab and the space separators (space, no-break space, ideographic space...). */
    public static boolean isHorizontalSpace(int cp) {
        return cp == '\t' || cp == ' ' || (cp > 0x7F && Character.getType(cp) == Character.SPACE_SEPARATOR);
    }

    /** Tag characters (U+E0001, U+E0020..U+E007F), used legitimately only in emoji flag tag sequences. */
    public static boolean isTag(int cp) {
        return cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F);
    }

    /** Whether a tag character may follow {@code previous} (the black flag or another tag). */
    public static boolean continuesTagSequence(int previous) {
        return previous == BLACK_FLAG || (previous >= 0xE0020 && previous <= 0xE007E);
    }

    /**
     * Code points that take part in emoji ZWJ sequences: pictographs, dingbats, symbols, skin-tone
     * modifiers, variation selector 16 and the few BMP symbols used in sequences.
     */
    public static boolean isEmojiComponent(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2300 && cp <= 0x23FF)
                || (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0xFE0F || cp == 0x20E3 || cp == 0x00A9 || cp == 0x00AE
                || cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x2139 || (cp >= 0x2194 && cp <= 0x21AA);
    }

    /**
     * Letters and marks of scripts where ZWNJ and ZWJ change the rendering and the reading: Arabic
     * (Persian, Urdu), Syriac, N'Ko, Mongolian and the Brahmic scripts of India and Sri Lanka.
     */
    public static boolean isJoiningScriptLetter(int cp) {
        if (!Character.isLetter(cp) && Character.getType(cp) != Character.NON_SPACING_MARK
                && Character.getType(cp) != Character.COMBINING_SPACING_MARK) {
            return false;
        }
        switch (Character.UnicodeScript.of(cp)) {
            case ARABIC: case SYRIAC: case NKO: case MONGOLIAN: case DEVANAGARI: case BENGALI: case GURMUKHI:
            case GUJARATI: case ORIYA: case TAMIL: case TELUGU: case KANNADA: case MALAYALAM: case SINHALA:
                return true;
            case INHERITED:
                // Combining marks such as the Arabic harakat carry no script of their own.
                return !Character.isLetter(cp);
            default:
                return false;
        }
    }
}
