package dev.ttskit.xtts.internal;

import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text to GPT text ids (spec section 7.2): resolve the language tag, split into sentences within the
 * language's soft character limit, clean each with the language's normalizer, write spaces as
 * {@code [SPACE]}, prefix the language tag and BPE-encode; pieces whose ids reach the hard limit
 * ({@code max_text_tokens}) are split further on word boundaries.
 */
public final class TextFrontEnd {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;:\u3002\uff01\uff1f])\\s+");
    private static final Pattern WORDS = Pattern.compile("\\s+");

    private final BpeTokenizer tokenizer;
    private final XttsManifest manifest;
    private final int maxTextTokens;
    private final int startId;
    private final int stopId;

    public TextFrontEnd(BpeTokenizer tokenizer, XttsManifest manifest, GptSpec gpt) {
        this.tokenizer = tokenizer;
        this.manifest = manifest;
        this.maxTextTokens = gpt.maxTextTokens();
        this.startId = gpt.startTextToken();
        this.stopId = gpt.stopTextToken();
    }

    /** A language as the model knows it. */
    public record Language(String base, String tag) {
    }

    /** {@code en-US} to base {@code en}, tag {@code en}; {@code zh-CN} to base {@code zh}, tag {@code zh-cn}. */
    public static Language language(String bcp47) {
        String lower = bcp47.toLowerCase(Locale.ROOT).replace('_', '-');
        int dash = lower.indexOf('-');
        String base = dash < 0 ? lower : lower.substring(0, dash);
        return new Language(base, base.equals("zh") ? "zh-cn" : base);
    }

    /** The language for a request, or UNSUPPORTED when the model or the cleaners do not speak it. */
    public Language resolve(String bcp47) {
        Language l = language(bcp47);
        if (!manifest.languages().contains(l.tag())) {
            throw UnsupportedRequestException.builder("language " + bcp47 + " is not in this model's languages " + manifest.languages())
                    .provider(XttsIds.PROVIDER).build();
        }
        if (TextNormalizers.forLanguage(l.base()).isEmpty()) {
            throw UnsupportedRequestException.builder("language " + bcp47 + " needs a romaniser this adapter does not have")
                    .provider(XttsIds.PROVIDER).build();
        }
        return l;
    }

    /** The soft character limit for a language: the manifest's, else 250 as Coqui's default. */
    public int charLimit(Language l) {
        return manifest.charLimits().getOrDefault(l.base(), 250);
    }

    /** The text as pieces of GPT input, each {@code [START] + ids + [STOP]}. */
    public List<int[]> encode(String text, Language language) {
        return encode(text, language, false);
    }

    /**
     * As {@link #encode(String, Language)}; with {@code firstSentenceAlone} the first piece holds only
     * the first sentence, so a stream's first audio waits for one sentence's prefill, not for a
     * piece packed up to the character limit.
     */
    public List<int[]> encode(String text, Language language, boolean firstSentenceAlone) {
        List<int[]> out = new ArrayList<>();
        for (int[] piece : pieces(text, language, firstSentenceAlone)) out.add(piece);
        return out;
    }

    /**
     * As {@link #encode(String, Language, boolean)}, but only up to the first non-empty piece is
     * cleaned and tokenised now; each later piece when generation reaches it. The first audio of a long
     * text then waits for one piece's front end, not for all of them. A text empty after cleaning is
     * refused here; a later piece's own error (a word over the token limit) comes when its turn does.
     */
    public TextPieces pieces(String text, Language language, boolean firstSentenceAlone) {
        TextNormalizer normalizer = TextNormalizers.forLanguage(language.base())
                .orElseThrow(() -> UnsupportedRequestException.builder("no text cleaner for " + language.base())
                        .provider(XttsIds.PROVIDER).build());
        TextPieces pieces = new TextPieces(split(text, charLimit(language), firstSentenceAlone), raw -> {
            String cleaned = normalizer.normalize(raw);
            List<int[]> out = new ArrayList<>();
            if (!cleaned.isEmpty()) encodePiece(cleaned, language, out);
            return out;
        });
        if (!pieces.iterator().hasNext()) throw ValidationException.builder("the text is empty after cleaning")
                .provider(XttsIds.PROVIDER).build();
        return pieces;
    }

    /** Ids of one cleaned piece with the language tag, without START/STOP. */
    public int[] ids(String cleaned, Language language) {
        return tokenizer.encode("[" + language.tag() + "]" + cleaned.replace(" ", BpeTokenizer.SPACE));
    }

    private void encodePiece(String cleaned, Language language, List<int[]> out) {
        int[] ids = ids(cleaned, language);
        if (ids.length < maxTextTokens) {
            int[] full = new int[ids.length + 2];
            full[0] = startId;
            System.arraycopy(ids, 0, full, 1, ids.length);
            full[full.length - 1] = stopId;
            out.add(full);
            return;
        }
        String[] words = WORDS.split(cleaned);
        if (words.length < 2) {
            throw ValidationException.builder("a word of the text encodes to " + ids.length + " tokens, more than the model's limit " + (maxTextTokens - 1))
                    .provider(XttsIds.PROVIDER).build();
        }
        int mid = words.length / 2;
        encodePiece(String.join(" ", List.of(words).subList(0, mid)), language, out);
        encodePiece(String.join(" ", List.of(words).subList(mid, words.length)), language, out);
    }

    /** Sentences packed greedily up to the limit; over-long sentences wrapped on word boundaries. */
    public static List<String> split(String text, int limit) {
        return split(text, limit, false);
    }

    /** As {@link #split(String, int)}; with {@code firstSentenceAlone} nothing is packed onto the first sentence. */
    public static List<String> split(String text, int limit, boolean firstSentenceAlone) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean first = true;
        for (String sentence : SENTENCE_END.split(text.strip())) {
            boolean newSentence = true;
            for (String part : wrap(sentence.strip(), limit)) {
                if (part.isEmpty()) continue;
                boolean closeFirst = firstSentenceAlone && newSentence && !first && pieces.isEmpty();
                newSentence = false;
                first = false;
                if (current.length() > 0 && (closeFirst || current.length() + 1 + part.length() > limit)) {
                    pieces.add(current.toString());
                    current.setLength(0);
                }
                if (current.length() > 0) current.append(' ');
                current.append(part);
            }
        }
        if (current.length() > 0) pieces.add(current.toString());
        return pieces;
    }

    private static List<String> wrap(String sentence, int limit) {
        if (sentence.length() <= limit) return List.of(sentence);
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : WORDS.split(sentence)) {
            while (word.length() > limit) {
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                out.add(word.substring(0, limit));
                word = word.substring(limit);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > limit) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) out.add(line.toString());
        return out;
    }
}
