package dev.ttskit.xtts.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ttskit.ModelException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The model directory's manifest {@code xtts.json} (spec section 4), read and checked. Unknown fields
 * are ignored; every problem is a {@link ModelException} naming the field.
 */
public final class XttsManifest {
    public static final String FILE_NAME = "xtts.json";
    public static final String CONTRACT = "xtts-onnx";
    public static final int CONTRACT_VERSION = 1;

    /** Settings of the cloning front end (spec section 7.5). */
    public record CloningDefaults(double maxRefSeconds, double gptCondSeconds, double gptCondChunkSeconds,
                                  double minChunkSeconds, boolean soundNormRefs) {
    }

    /** Settings of the streaming vocoder (spec section 7.9). */
    public record StreamDefaults(int firstChunkCodes, int chunkCodes, int contextFrames, int lookaheadFrames) {
    }

    private final Path directory;
    private final String model;
    private final String modelVersion;
    private final Path tokenizer;
    private final Path conditioningEncoder;
    private final Path speakerEncoder;
    private final Path gpt;
    private final Map<String, Path> gptVariants;
    private final Path hifiganDecoder;
    private final @Nullable Path speakers;
    private final List<String> languages;
    private final Map<String, Integer> charLimits;
    private final SamplingParams samplingDefaults;
    private final CloningDefaults cloningDefaults;
    private final StreamDefaults streamDefaults;

    private XttsManifest(Path directory, JsonNode root) {
        this.directory = directory;
        String contract = text(root, "contract");
        if (!CONTRACT.equals(contract)) {
            throw error("field 'contract' must be '" + CONTRACT + "', was '" + contract + "'");
        }
        int version = integer(root, "contract_version");
        if (version != CONTRACT_VERSION) {
            throw error("contract_version " + version + " is not supported (this adapter reads version " + CONTRACT_VERSION + ")");
        }
        this.model = text(root, "model");
        this.modelVersion = text(root, "model_version");
        JsonNode files = object(root, "files");
        this.tokenizer = file(files, "tokenizer");
        this.conditioningEncoder = file(files, "conditioning_encoder");
        this.speakerEncoder = file(files, "speaker_encoder");
        this.gpt = file(files, "gpt");
        this.hifiganDecoder = file(files, "hifigan_decoder");
        this.speakers = files.hasNonNull("speakers") ? file(files, "speakers") : null;
        Map<String, Path> variants = new LinkedHashMap<>();
        if (files.hasNonNull("gpt_variants")) {
            JsonNode v = object(files, "gpt_variants");
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                variants.put(name, file(v, name));
            }
        }
        this.gptVariants = Collections.unmodifiableMap(variants);

        JsonNode langs = root.get("languages");
        if (langs == null || !langs.isArray() || langs.isEmpty()) throw error("field 'languages' must be a non-empty array");
        List<String> ls = new ArrayList<>();
        for (JsonNode l : langs) {
            if (!l.isTextual() || l.asText().isBlank()) throw error("field 'languages' must hold language tags");
            ls.add(l.asText().toLowerCase(Locale.ROOT));
        }
        this.languages = List.copyOf(ls);

        JsonNode limits = object(root, "char_limits");
        Map<String, Integer> cl = new LinkedHashMap<>();
        for (Iterator<String> it = limits.fieldNames(); it.hasNext(); ) {
            String base = it.next();
            int limit = integer(limits, base);
            if (limit < 1) throw error("char_limits." + base + " must be >= 1, was " + limit);
            cl.put(base.toLowerCase(Locale.ROOT), limit);
        }
        this.charLimits = Collections.unmodifiableMap(cl);

        JsonNode s = object(root, "sampling_defaults");
        try {
            this.samplingDefaults = new SamplingParams(number(s, "temperature"), integer(s, "top_k"), number(s, "top_p"),
                    number(s, "repetition_penalty"), bool(s, "do_sample"));
        } catch (IllegalArgumentException e) {
            throw error("sampling_defaults: " + e.getMessage());
        }
        JsonNode c = object(root, "cloning_defaults");
        this.cloningDefaults = new CloningDefaults(positive(c, "max_ref_seconds"), positive(c, "gpt_cond_seconds"),
                positive(c, "gpt_cond_chunk_seconds"), positive(c, "min_chunk_seconds"), bool(c, "sound_norm_refs"));
        if (cloningDefaults.soundNormRefs()) {
            throw error("cloning_defaults.sound_norm_refs=true is not supported (v1 reads references unnormalised)");
        }
        JsonNode st = object(root, "stream_defaults");
        this.streamDefaults = new StreamDefaults(atLeast(st, "first_chunk_codes", 1), atLeast(st, "chunk_codes", 1),
                atLeast(st, "context_frames", 0), atLeast(st, "lookahead_frames", 0));
    }

    /** Reads {@code xtts.json} from a model directory. */
    public static XttsManifest read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ModelException.builder("model directory " + directory + " has no " + FILE_NAME)
                    .provider(XttsIds.PROVIDER).cause(e).build();
        } catch (IOException e) {
            throw ModelException.builder("cannot read " + file + ": " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ModelException.builder(FILE_NAME + " is not valid JSON: " + e.getOriginalMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        } catch (IOException e) {
            throw ModelException.builder("cannot read " + file + ": " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        }
        if (root == null || !root.isObject()) throw ModelException.builder(FILE_NAME + " must hold a JSON object")
                .provider(XttsIds.PROVIDER).build();
        return new XttsManifest(directory, root);
    }

    public Path directory() { return directory; }

    public String model() { return model; }

    public String modelVersion() { return modelVersion; }

    public Path tokenizer() { return tokenizer; }

    public Path conditioningEncoder() { return conditioningEncoder; }

    public Path speakerEncoder() { return speakerEncoder; }

    public Path gpt() { return gpt; }

    /** Alternative GPT graphs with the same I/O, by name (e.g. {@code int8}). */
    public Map<String, Path> gptVariants() { return gptVariants; }

    public Path hifiganDecoder() { return hifiganDecoder; }

    public Optional<Path> speakers() { return Optional.ofNullable(speakers); }

    /** Language tags as the tokenizer knows them ({@code zh-cn}, not {@code zh}). */
    public List<String> languages() { return languages; }

    /** Soft character limits by base language. */
    public Map<String, Integer> charLimits() { return charLimits; }

    public SamplingParams samplingDefaults() { return samplingDefaults; }

    public CloningDefaults cloningDefaults() { return cloningDefaults; }

    public StreamDefaults streamDefaults() { return streamDefaults; }

    private ModelException error(String what) {
        return ModelException.builder(FILE_NAME + " in " + directory + ": " + what).provider(XttsIds.PROVIDER).build();
    }

    private JsonNode require(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) throw error("required field '" + field + "' is missing");
        return n;
    }

    private String text(JsonNode parent, String field) {
        JsonNode n = require(parent, field);
        if (!n.isTextual()) throw error("field '" + field + "' must be a string");
        return n.asText();
    }

    private JsonNode object(JsonNode parent, String field) {
        JsonNode n = require(parent, field);
        if (!n.isObject()) throw error("field '" + field + "' must be an object");
        return n;
    }

    private int integer(JsonNode parent, String field) {
        JsonNode n = require(parent, field);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw error("field '" + field + "' must be a whole number");
        return n.asInt();
    }

    private int atLeast(JsonNode parent, String field, int min) {
        int v = integer(parent, field);
        if (v < min) throw error("field '" + field + "' must be >= " + min + ", was " + v);
        return v;
    }

    private double number(JsonNode parent, String field) {
        JsonNode n = require(parent, field);
        if (!n.isNumber()) throw error("field '" + field + "' must be a number");
        return n.asDouble();
    }

    private double positive(JsonNode parent, String field) {
        double v = number(parent, field);
        if (!(v > 0) || Double.isInfinite(v)) throw error("field '" + field + "' must be > 0, was " + v);
        return v;
    }

    private boolean bool(JsonNode parent, String field) {
        JsonNode n = require(parent, field);
        if (!n.isBoolean()) throw error("field '" + field + "' must be true or false");
        return n.asBoolean();
    }

    /** A file inside the directory: relative, no {@code ..}, so a manifest cannot point elsewhere. */
    private Path file(JsonNode parent, String field) {
        String name = text(parent, field);
        if (name.isBlank()) throw error("files." + field + " is empty");
        Path rel;
        try {
            rel = Path.of(name);
        } catch (RuntimeException e) {
            throw error("files." + field + " is not a valid path");
        }
        if (rel.isAbsolute() || name.startsWith("/") || name.startsWith("\\")) {
            throw error("files." + field + " must be relative to the model directory, was absolute");
        }
        for (Path part : rel) {
            if (part.toString().equals("..")) throw error("files." + field + " must not contain '..'");
        }
        return contained(directory.resolve(rel).normalize(), field);
    }

    /**
     * The lexical check above cannot see symbolic links: {@code gpt.onnx -> /etc/passwd}, or a linked
     * subdirectory, passes it. So the real path of the file (or, while it does not exist yet, of its
     * nearest existing ancestor) must lie inside the real model directory. The real path is what is
     * returned, so the file loaded later is the one checked here.
     */
    private Path contained(Path resolved, String field) {
        try {
            Path realDirectory = directory.toRealPath();
            Path probe = resolved;
            while (probe != null && !Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) probe = probe.getParent();
            if (probe == null) return resolved;
            Path real = probe.toRealPath();
            if (!real.startsWith(realDirectory)) {
                throw error("files." + field + " leads outside the model directory through a symbolic link");
            }
            return probe.equals(resolved) ? real : resolved;
        } catch (NoSuchFileException e) {
            throw error("files." + field + " is a symbolic link to nothing");
        } catch (IOException e) {
            throw error("files." + field + " cannot be resolved (" + e.getClass().getSimpleName() + ")");
        }
    }
}
