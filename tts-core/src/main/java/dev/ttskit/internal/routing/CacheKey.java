package dev.ttskit.internal.routing;

import dev.ttskit.SpeechRequest;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.VoiceTarget;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What makes two requests give the same audio: the normalised text, voice, language, format, every
 * synthesis parameter, the content of the speaker reference and the candidate chain with each
 * provider's voice (a reference recording by its content, not its path). The result cache and
 * single flight both go by it. Never logged: it holds the text.
 */
record CacheKey(String text, @Nullable String voice, @Nullable String language, AudioFormat format, @Nullable Double speed, @Nullable Long seed,
                Map<String, Object> options, @Nullable String reference, List<String> chain) {
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static CacheKey of(SpeechRequest request, List<Candidate> candidates, ReferenceDigests digests) {
        List<String> chain = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            String voice = c.request().voice().map(v -> v instanceof VoiceTarget.Reference r ? "ref:" + digests.digest(r.audio())
                    : v.toString()).orElse("");
            chain.add(c.id() + "=" + voice + "@" + c.request().format());
        }
        return new CacheKey(normalise(request.text()), request.voice().orElse(null), request.language().orElse(null),
                request.format(), request.speed().orElse(null), request.seed().orElse(null), request.options(),
                request.speakerReference().map(digests::digest).orElse(null), List.copyOf(chain));
    }

    static String normalise(String text) {
        // Every request is keyed, cache or not (single flight uses the key): skip the regex and the
        // copies for the usual text, already NFC (the validator makes it so) with single spaces.
        String nfc = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        return singleSpaced(nfc) ? nfc.strip() : SPACES.matcher(nfc).replaceAll(" ").strip();
    }

    /** Whether every run of white space in {@code text} is one plain space already. */
    private static boolean singleSpaced(String text) {
        boolean previousSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = Character.isWhitespace(c);
            if (space && (previousSpace || c != ' ')) return false;
            previousSpace = space;
        }
        return true;
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
