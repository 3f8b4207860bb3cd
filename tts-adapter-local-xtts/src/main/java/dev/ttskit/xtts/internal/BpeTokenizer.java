package dev.ttskit.xtts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ttskit.ModelException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XTTS BPE tokenizer from {@code vocab.json} (HF tokenizers JSON), in pure Java with the
 * semantics of HF {@code tokenizers} for this configuration (spec section 7.2): added tokens are
 * matched first (leftmost, longest), the rest is split by the Whitespace pre-tokenizer and merged by
 * merge rank; symbols missing from the vocabulary become {@code [UNK]}, one per symbol.
 *
 * <p>Immutable and thread-safe.
 */
public final class BpeTokenizer {
    public static final String STOP = "[STOP]";
    public static final String UNK = "[UNK]";
    public static final String SPACE = "[SPACE]";
    public static final String START = "[START]";

    private static final Pattern WHITESPACE_PRE_TOKENIZER = Pattern.compile("\\w+|[^\\w\\s]+", Pattern.UNICODE_CHARACTER_CLASS);

    private final Map<String, Integer> vocab;
    private final Map<String, Integer> mergeRanks;
    /** Added tokens, longest first so the first match at a position is the longest. */
    private final List<String> addedTokens;
    private final Map<String, Integer> addedIds;
    private final int unkId;
    private final int maxId;

    private BpeTokenizer(Map<String, Integer> vocab, Map<String, Integer> mergeRanks, Map<String, Integer> added, int unkId) {
        this.vocab = vocab;
        this.mergeRanks = mergeRanks;
        this.addedIds = added;
        List<String> tokens = new ArrayList<>(added.keySet());
        tokens.sort(Comparator.comparingInt(String::length).reversed());
        this.addedTokens = List.copyOf(tokens);
        this.unkId = unkId;
        int max = 0;
        for (int id : vocab.values()) max = Math.max(max, id);
        for (int id : added.values()) max = Math.max(max, id);
        this.maxId = max;
    }

    /** Reads a tokenizer file; every problem is a {@link ModelException} naming the file. */
    public static BpeTokenizer read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw ModelException.builder("tokenizer file " + file + " is missing")
                    .provider(XttsIds.PROVIDER).cause(e).build();
        } catch (IOException e) {
            throw ModelException.builder("tokenizer file " + file.getFileName() + " is not readable JSON: " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw ModelException.builder("tokenizer file " + file.getFileName() + ": " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        }
    }

    static BpeTokenizer parse(JsonNode root) {
        if (root == null || !root.isObject()) throw new IllegalArgumentException("not a JSON object");
        JsonNode model = root.get("model");
        if (model == null || !model.isObject()) throw new IllegalArgumentException("no 'model' object");
        if (!"BPE".equals(model.path("type").asText("BPE"))) {
            throw new IllegalArgumentException("model type must be BPE, was " + model.path("type").asText());
        }
        JsonNode vocabNode = model.get("vocab");
        if (vocabNode == null || !vocabNode.isObject() || vocabNode.isEmpty()) throw new IllegalArgumentException("model.vocab is missing or empty");
        Map<String, Integer> vocab = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : vocabNode.properties()) {
            if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) throw new IllegalArgumentException("vocab id of a token is not a non-negative integer");
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        Map<String, Integer> ranks = new HashMap<>();
        JsonNode merges = model.get("merges");
        if (merges != null && merges.isArray()) {
            int rank = 0;
            for (JsonNode m : merges) {
                String a;
                String b;
                if (m.isTextual()) {
                    String s = m.asText();
                    int sp = s.indexOf(' ');
                    if (sp <= 0 || sp == s.length() - 1) throw new IllegalArgumentException("merge " + rank + " is not 'a b'");
                    a = s.substring(0, sp);
                    b = s.substring(sp + 1);
                } else if (m.isArray() && m.size() == 2) {
                    a = m.get(0).asText();
                    b = m.get(1).asText();
                } else {
                    throw new IllegalArgumentException("merge " + rank + " is neither 'a b' nor [a, b]");
                }
                ranks.putIfAbsent(pairKey(a, b), rank);
                rank++;
            }
        }
        Map<String, Integer> added = new HashMap<>();
        JsonNode addedNode = root.get("added_tokens");
        if (addedNode != null && addedNode.isArray()) {
            for (JsonNode t : addedNode) {
                String content = t.path("content").asText("");
                if (content.isEmpty() || !t.path("id").canConvertToInt()) throw new IllegalArgumentException("an added token has no content or id");
                added.put(content, t.get("id").asInt());
            }
        }
        String unk = model.path("unk_token").asText(UNK);
        Integer unkId = added.containsKey(unk) ? added.get(unk) : vocab.get(unk);
        if (unkId == null) throw new IllegalArgumentException("unknown-token " + unk + " has no id");
        return new BpeTokenizer(Collections.unmodifiableMap(vocab), Collections.unmodifiableMap(ranks),
                Collections.unmodifiableMap(added), unkId);
    }

    private static String pairKey(String a, String b) {
        return a + '\u0000' + b;
    }

    /** The id of a token (added tokens first, then the vocabulary). */
    public OptionalInt id(String token) {
        Integer id = addedIds.get(token);
        if (id == null) id = vocab.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The largest id in the vocabulary and the added tokens. */
    public int maxId() {
        return maxId;
    }

    /** Encodes a prepared string such as {@code [en]hello[SPACE]world}. */
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        int segmentStart = 0;
        int i = 0;
        while (i < text.length()) {
            String match = addedTokenAt(text, i);
            if (match != null) {
                encodeSegment(text.substring(segmentStart, i), ids);
                ids.add(addedIds.get(match));
                i += match.length();
                segmentStart = i;
            } else {
                i++;
            }
        }
        encodeSegment(text.substring(segmentStart), ids);
        int[] out = new int[ids.size()];
        for (int k = 0; k < out.length; k++) out[k] = ids.get(k);
        return out;
    }

    private @Nullable String addedTokenAt(String text, int pos) {
        for (String token : addedTokens) {
            if (text.startsWith(token, pos)) return token;
        }
        return null;
    }

    private void encodeSegment(String segment, List<Integer> out) {
        if (segment.isEmpty()) return;
        Matcher m = WHITESPACE_PRE_TOKENIZER.matcher(segment);
        while (m.find()) encodeWord(m.group(), out);
    }

    /** BPE on one pre-token: start from code points, merge the lowest-ranked adjacent pair (leftmost on ties). */
    private void encodeWord(String word, List<Integer> out) {
        List<String> symbols = new ArrayList<>();
        word.codePoints().forEach(cp -> symbols.add(new String(Character.toChars(cp))));
        while (symbols.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            for (int k = 0; k + 1 < symbols.size(); k++) {
                Integer rank = mergeRanks.get(pairKey(symbols.get(k), symbols.get(k + 1)));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    bestAt = k;
                }
            }
            if (bestAt < 0) break;
            symbols.set(bestAt, symbols.get(bestAt) + symbols.get(bestAt + 1));
            symbols.remove(bestAt + 1);
        }
        for (String s : symbols) {
            Integer id = vocab.get(s);
            out.add(id == null ? unkId : id);
        }
    }
}
