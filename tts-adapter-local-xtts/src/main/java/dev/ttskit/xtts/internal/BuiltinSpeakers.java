package dev.ttskit.xtts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ttskit.ModelException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The optional built-in voices ({@code speakers.json} + {@code speakers.bin}, spec section 4.2). */
public final class BuiltinSpeakers {
    private final Map<String, ClonedVoice> voices;

    private BuiltinSpeakers(Map<String, ClonedVoice> voices) {
        this.voices = voices;
    }

    public static BuiltinSpeakers none() {
        return new BuiltinSpeakers(Map.of());
    }

    /** Reads the speakers file and checks its dimensions against the model's. */
    public static BuiltinSpeakers read(Path json, int condLen, int dModel, int speakerDim) {
        String name = json.getFileName().toString();
        try {
            JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(json));
            String data = root.path("data").asText("");
            if (data.isEmpty() || data.contains("..") || Path.of(data).isAbsolute()) {
                throw ModelException.builder(name + ": 'data' must name a file beside it")
                        .provider(XttsIds.PROVIDER).build();
            }
            if (!"float32".equals(root.path("dtype").asText()) || !"little".equals(root.path("byte_order").asText())) {
                throw ModelException.builder(name + ": only little-endian float32 speakers are supported")
                        .provider(XttsIds.PROVIDER).build();
            }
            int cl = root.path("cond_len").asInt(-1);
            int d = root.path("d_model").asInt(-1);
            int sd = root.path("speaker_dim").asInt(-1);
            if (cl != condLen || d != dModel || sd != speakerDim) {
                throw ModelException.builder(name + ": dimensions " + cl + "/" + d + "/" + sd + " do not match the model's cond_len/d_model/speaker_dim " + condLen + "/" + dModel + "/" + speakerDim)
                        .provider(XttsIds.PROVIDER).build();
            }
            List<String> names = new ArrayList<>();
            for (JsonNode n : root.path("names")) names.add(n.asText());
            byte[] bytes = Files.readAllBytes(json.resolveSibling(data));
            long expected = (long) names.size() * ClonedVoice.recordBytes(cl, d, sd);
            if (bytes.length != expected) {
                throw ModelException.builder(data + " holds " + bytes.length + " bytes, expected " + expected + " for " + names.size() + " speakers")
                        .provider(XttsIds.PROVIDER).build();
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            Map<String, ClonedVoice> voices = new LinkedHashMap<>();
            for (String n : names) voices.put(n, ClonedVoice.read(buf, cl, d, sd));
            return new BuiltinSpeakers(Collections.unmodifiableMap(voices));
        } catch (IOException e) {
            throw ModelException.builder("cannot read built-in speakers " + name + ": " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        } catch (IllegalArgumentException e) {
            throw ModelException.builder("built-in speakers " + name + ": " + e.getMessage())
                    .provider(XttsIds.PROVIDER).cause(e).build();
        }
    }

    /** Names in file order. */
    public List<String> names() {
        return List.copyOf(voices.keySet());
    }

    /** The voice of that name, or null when the file has none. */
    public @Nullable ClonedVoice get(String name) {
        return voices.get(name);
    }

    public boolean isEmpty() {
        return voices.isEmpty();
    }
}
