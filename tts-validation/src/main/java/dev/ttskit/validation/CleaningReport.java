package dev.ttskit.validation;

/**
 * What cleaning changed, as counts only: safe to log, never holds the text.
 *
 * @param inputChars             characters (UTF-16 code units) before cleaning
 * @param outputChars            characters after cleaning
 * @param normalised             whether Unicode normalisation (NFC or NFKC) changed the text
 * @param controlsRemoved        C0 and C1 control characters removed (newline and tab are kept)
 * @param bidiControlsRemoved    bidirectional formatting characters removed
 * @param invisiblesRemoved      zero-width characters, stray joiners and tag characters removed
 * @param whitespaceRunsCollapsed whitespace runs shortened or trimmed
 * @param lineBreaksNormalised   carriage returns and other line separators turned into newlines
 * @param urlsMasked             URLs replaced by a spoken placeholder
 * @param emailsMasked           e-mail addresses replaced by a spoken placeholder
 */
public record CleaningReport(int inputChars, int outputChars, boolean normalised, int controlsRemoved,
                             int bidiControlsRemoved, int invisiblesRemoved, int whitespaceRunsCollapsed,
                             int lineBreaksNormalised, int urlsMasked, int emailsMasked) {

    /**
     * Whether any rule changed the text.
     *
     * @return true when the output differs from the input
     */
    public boolean changed() {
        return normalised || controlsRemoved > 0 || bidiControlsRemoved > 0 || invisiblesRemoved > 0
                || whitespaceRunsCollapsed > 0 || lineBreaksNormalised > 0 || urlsMasked > 0 || emailsMasked > 0;
    }
}
