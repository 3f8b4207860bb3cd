package dev.ttskit.http;

import dev.ttskit.ApiKey;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans text that came from a provider before it enters an exception, a log line or the CLI:
 * error codes, request ids, problem titles, field lists, parse and cause messages, a model's error.
 * Such text is not ours: a provider can echo the key it was sent, or a token that looks like one.
 *
 * <p>It replaces every occurrence of the keys it was built with, and any token shaped like a
 * credential (the {@code sk_}, {@code sk-}, {@code r8_}, {@code whsec_} prefixes, AWS access key ids,
 * {@code Bearer}/{@code Token} authorization values, and long mixed-case-and-digit base64 runs),
 * with {@value #REDACTED}; turns control characters into spaces so a message stays one log line; and
 * cuts the result to a length. Ids and codes that are redacted become {@value #REDACTED} as a whole.
 * Immutable and thread-safe.
 */
public final class Scrubber {
    /** What a secret is replaced with. */
    public static final String REDACTED = "[redacted]";
    /** The default length a scrubbed text is cut to (then {@code ...} is appended). */
    public static final int MAX_TEXT = 300;
    /** The length an id or code is cut to. */
    public static final int MAX_ID = 128;

    /** Knows no configured key; still redacts key-shaped tokens. */
    public static final Scrubber GENERIC = new Scrubber(List.of());

    /** Keys shorter than this are not searched for: a 3-character key would redact ordinary words. */
    private static final int MIN_KEY_LENGTH = 8;
    private static final Pattern KEY_LIKE = Pattern.compile(
            "(?i:bearer|token|basic)\\s+(?=[A-Za-z0-9._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{8,}"   // authorization values
            + "|(?<![A-Za-z0-9])(?:sk|r8|whsec)[_-][A-Za-z0-9._+/=-]{6,}"    // ElevenLabs, OpenAI, Replicate, webhook secrets
            + "|(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"            // AWS access key ids
            + "|(?<![A-Za-z0-9+/])(?=[A-Za-z0-9+/]*[0-9])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{32,}={0,2}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    private final List<String> keys;

    private Scrubber(List<String> keys) {
        this.keys = keys;
    }

    /**
     * A scrubber that also knows these keys (nulls are skipped).
     *
     * @param keys the configured keys to redact wherever they appear
     * @return the scrubber
     */
    public static Scrubber knowing(ApiKey... keys) {
        List<String> values = new ArrayList<>();
        for (ApiKey k : keys) {
            if (k != null) values.add(k.reveal());
        }
        return knowingSecrets(values);
    }

    /**
     * A scrubber that also knows these secret strings (nulls and ones shorter than 8 characters are skipped).
     *
     * @param secrets the secrets to redact wherever they appear
     * @return the scrubber
     */
    public static Scrubber knowingSecrets(List<String> secrets) {
        Objects.requireNonNull(secrets, "secrets");
        List<String> kept = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_KEY_LENGTH && !kept.contains(s)) kept.add(s);
        }
        // Longest first, so a key that contains another is replaced whole.
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return new Scrubber(Collections.unmodifiableList(kept));
    }

    /**
     * {@link #text(String, int)} with {@link #MAX_TEXT}.
     *
     * @param providerText text the provider sent, or null
     * @return the scrubbed text, or null
     */
    public @Nullable String text(@Nullable String providerText) {
        return text(providerText, MAX_TEXT);
    }

    /**
     * The text with secrets redacted, control characters as spaces, cut to {@code max} characters
     * (plus {@code ...}); null stays null.
     *
     * @param providerText text the provider sent, or null
     * @param max          the most characters kept
     * @return the scrubbed text, or null
     */
    public @Nullable String text(@Nullable String providerText, int max) {
        return providerText == null ? null : scrub(providerText, max);
    }

    private String scrub(String providerText, int max) {
        String s = providerText;
        for (String key : keys) s = s.replace(key, REDACTED);
        s = KEY_LIKE.matcher(s).replaceAll(Matcher.quoteReplacement(REDACTED));
        s = CONTROL.matcher(s).replaceAll(" ");
        if (s.length() > max) {
            int cut = max;
            if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) cut--;
            s = s.substring(0, cut) + "...";
        }
        return s;
    }

    /**
     * An error code or request id: null or blank gives null; one that holds a secret is replaced
     * whole by {@value #REDACTED}, since a partly redacted id is no use to anyone.
     *
     * @param providerId the code or id as the provider sent it, or null
     * @return the scrubbed id, or null when there was none
     */
    public @Nullable String id(@Nullable String providerId) {
        if (providerId == null || providerId.isBlank()) return null;
        String cleaned = scrub(providerId.strip(), MAX_ID);
        return cleaned.contains(REDACTED) ? REDACTED : cleaned;
    }

    /**
     * Each item through {@link #text(String, int)}.
     *
     * @param items texts the provider sent
     * @param max   the most characters kept of each
     * @return the scrubbed texts, in order
     */
    public List<String> texts(List<String> items, int max) {
        List<String> out = new ArrayList<>(items.size());
        for (String item : items) out.add(text(item, max));
        return out;
    }

    /**
     * A stand-in for a failure whose message holds provider text (a parser quoting the body, an I/O
     * error quoting the server): same class name, scrubbed message and the same stack trace, with
     * its causes scrubbed likewise. Keeps the debugging value of a cause without its secrets.
     *
     * @param failure the failure to stand in for, or null
     * @return the stand-in, or null
     */
    public @Nullable Throwable cause(@Nullable Throwable failure) {
        return failure == null ? null : cause(failure, 0);
    }

    private ScrubbedCause cause(Throwable failure, int depth) {
        Throwable next = failure.getCause();
        ScrubbedCause out = new ScrubbedCause(failure.getClass().getName() + ": " + text(failure.getMessage()),
                next == null || next == failure || depth >= 8 ? null : cause(next, depth + 1));
        out.setStackTrace(failure.getStackTrace());
        return out;
    }

    /** What {@link #cause} returns: the original's class name is the start of the message. */
    public static final class ScrubbedCause extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScrubbedCause(String message, @Nullable Throwable cause) {
            super(message, cause, false, true);
        }
    }

    @Override
    public String toString() {
        return "Scrubber[" + keys.size() + " keys]";
    }
}
