package dev.ttskit.internal.routing;

import dev.ttskit.SpeechRequest;
import dev.ttskit.audio.AudioFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What makes two requests give the same audio: the normalised text, voice, language, format, every
 * synthesis parameter, the speaker reference (path, size and modification time) and the candidate
 * chain with each provider's voice. Never logged: it holds the text.
 */
record CacheKey(String text, String voice, String language, AudioFormat format, Double speed, Long seed,
                Map<String, Object> options, String reference, List<String> chain) {
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static CacheKey of(SpeechRequest request, List<Candidate> candidates) {
        List<String> chain = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            chain.add(c.id() + "=" + c.request().voice().map(Object::toString).orElse("") + "@" + c.request().format());
        }
        return new CacheKey(normalise(request.text()), request.voice().orElse(null), request.language().orElse(null),
                request.format(), request.speed().orElse(null), request.seed().orElse(null), request.options(),
                request.speakerReference().map(CacheKey::reference).orElse(null), List.copyOf(chain));
    }

    static String normalise(String text) {
        return SPACES.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").strip();
    }

    private static String reference(Path path) {
        try {
            return path.toAbsolutePath() + "#" + Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return path.toAbsolutePath().toString();
        }
    }

    /** Approximate heap taken by the key, for the cache's byte budget. */
    int weight() {
        return 64 + text.length() * 2;
    }

    @Override
    public String toString() {
        return "CacheKey[" + text.length() + " chars, format=" + format + ", chain=" + chain + "]";
    }
}
