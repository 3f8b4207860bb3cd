package dev.ttskit.validation;

import dev.ttskit.ValidationException;
import dev.ttskit.validation.internal.CharClasses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Safe file names and output paths, for the CLI and any helper that stores audio.
 *
 * <p>A safe name is one path segment: NFC, no {@code /} or {@code \}, no characters Windows forbids
 * ({@code < > : " | ? *}), no control, bidirectional or zero-width characters (NUL included), not
 * {@code .} or {@code ..}, no leading or trailing dot or space, not a reserved device name
 * ({@code CON}, {@code NUL}, {@code COM1}, {@code LPT1}... with or without an extension), and at most
 * {@value #MAX_UTF8_BYTES} UTF-8 bytes.
 */
public final class FileNames {
    /** The usual file-system limit on one name. */
    public static final int MAX_UTF8_BYTES = 255;
    private static final String FORBIDDEN = "/\\<>:\"|?*";
    private static final Set<String> RESERVED = reservedNames();

    private FileNames() {
    }

    /**
     * A safe name made from any string: forbidden and invisible characters replaced or removed,
     * reserved names prefixed with {@code _}, trimmed to {@value #MAX_UTF8_BYTES} UTF-8 bytes keeping a
     * short extension.
     *
     * @param name any string, e.g. a title or a user's input
     * @return a name that passes {@link #check(String)}
     * @throws ValidationException when nothing usable is left
     */
    public static String sanitize(String name) {
        return sanitize(name, MAX_UTF8_BYTES);
    }

    /**
     * As {@link #sanitize(String)} with another byte limit (at least 16).
     *
     * @param name         any string
     * @param maxUtf8Bytes the longest the result may be, in UTF-8 bytes
     * @return a safe name within that length
     * @throws IllegalArgumentException when {@code maxUtf8Bytes} is below 16
     * @throws ValidationException      when nothing usable is left
     */
    public static String sanitize(String name, int maxUtf8Bytes) {
        Objects.requireNonNull(name, "name");
        if (maxUtf8Bytes < 16) throw new IllegalArgumentException("maxUtf8Bytes must be >= 16, was " + maxUtf8Bytes);
        String n = Normalizer.normalize(wellFormed(name), Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (invisible(cp)) continue;
            if (FORBIDDEN.indexOf(cp) >= 0 || (Character.isWhitespace(cp) && cp != ' ')) {
                sb.append('_');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String s = strip(sb.toString());
        if (s.isEmpty() || s.chars().allMatch(c -> c == '.' || c == '_')) {
            throw ValidationException.builder("file name is empty after sanitising (" + name.length() + " characters in)")
                    .build();
        }
        if (isReserved(s)) s = "_" + s;
        s = truncate(s, maxUtf8Bytes);
        return strip(s);
    }

    /**
     * Checks that a name is already safe, naming the first rule it breaks.
     *
     * @param name the file name to check
     * @throws ValidationException when it is not safe
     */
    public static void check(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) throw ValidationException.builder("file name is empty").build();
        if (name.equals(".") || name.equals("..")) throw ValidationException.builder("file name is a relative path segment")
                .build();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0) throw ValidationException.builder("file name holds a NUL character at index " + i).build();
            if (c == '/' || c == '\\') throw ValidationException.builder("file name holds a path separator at index " + i)
                    .build();
            if (FORBIDDEN.indexOf(c) >= 0) throw ValidationException.builder("file name holds the forbidden character '" + c + "' at index " + i)
                    .build();
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(name.charAt(i - 1)))) {
                throw ValidationException.builder("file name holds an unpaired surrogate at index " + i).build();
            }
            if (invisible(c) || (Character.isWhitespace(c) && c != ' ')) {
                throw ValidationException.builder("file name holds a control or invisible character at index " + i)
                        .build();
            }
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (CharClasses.isTag(cp)) throw ValidationException.builder("file name holds a control or invisible character at index " + i)
                    .build();
            i += Character.charCount(cp);
        }
        if (!Normalizer.isNormalized(name, Normalizer.Form.NFC)) throw ValidationException.builder("file name is not in Unicode NFC")
                .build();
        if (!strip(name).equals(name)) throw ValidationException.builder("file name starts or ends with a dot or space")
                .build();
        if (isReserved(name)) throw ValidationException.builder("file name is a reserved device name").build();
        int bytes = TextCleaner.utf8Length(name);
        if (bytes > MAX_UTF8_BYTES) {
            throw ValidationException.builder("file name is " + bytes + " UTF-8 bytes; at most " + MAX_UTF8_BYTES + " allowed")
                    .build();
        }
    }

    /**
     * The path of {@code name} directly inside {@code base}. The base must exist; the name must pass
     * {@link #check(String)}; an existing symbolic link at the target is refused (writing through it
     * would leave the base).
     *
     * @param base the directory the file must stay in
     * @param name the file name
     * @return the file's path inside the base, the base with its links resolved; the file need not exist yet
     * @throws ValidationException when the name is unsafe, the base does not exist or the result would leave the base
     */
    public static Path resolveInside(Path base, String name) {
        Objects.requireNonNull(base, "base");
        check(name);
        Path realBase;
        try {
            realBase = base.toRealPath();
        } catch (IOException e) {
            throw ValidationException.builder("output directory does not exist or cannot be resolved: " + e.getClass().getSimpleName())
                    .build();
        }
        if (!Files.isDirectory(realBase)) throw ValidationException.builder("output base is not a directory").build();
        Path target = realBase.resolve(name).normalize();
        if (!realBase.equals(target.getParent())) {
            throw ValidationException.builder("output path leaves its base directory").build();
        }
        if (Files.isSymbolicLink(target)) {
            throw ValidationException.builder("output path is a symbolic link").build();
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw ValidationException.builder("output path exists and is not a regular file").build();
        }
        return target;
    }

    /**
     * Whether the name, or its part before the first dot, is a Windows device name (case-insensitive).
     *
     * @param name a file name
     * @return true for names like {@code CON}, {@code nul.txt} or {@code COM1.wav}
     */
    public static boolean isReserved(String name) {
        String stem = name;
        int dot = stem.indexOf('.');
        if (dot >= 0) stem = stem.substring(0, dot);
        return RESERVED.contains(stem.strip().toUpperCase(Locale.ROOT));
    }

    private static boolean invisible(int cp) {
        return (Character.isISOControl(cp) && !Character.isWhitespace(cp)) || CharClasses.isBidiControl(cp)
                || CharClasses.isZeroWidth(cp) || cp == CharClasses.ZWJ || cp == CharClasses.ZWNJ || CharClasses.isTag(cp);
    }

    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || s.charAt(start) == ' ')) start++;
        while (end > start && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) end--;
        return s.substring(start, end);
    }

    /** Replaces unpaired surrogates so normalisation and encoding see well-formed text. */
    private static String wellFormed(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                if (sb != null) sb.append(c).append(s.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                if (sb == null) sb = new StringBuilder(s.length()).append(s, 0, i);
                sb.append('_');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Cuts the name to the byte limit on a code point boundary, keeping an extension of up to 16 characters. */
    private static String truncate(String s, int maxBytes) {
        if (TextCleaner.utf8Length(s) <= maxBytes) return s;
        int dot = s.lastIndexOf('.');
        String ext = dot > 0 && s.length() - dot <= 16 ? s.substring(dot) : "";
        String stem = ext.isEmpty() ? s : s.substring(0, dot);
        int budget = maxBytes - TextCleaner.utf8Length(ext);
        int end = 0;
        int bytes = 0;
        while (end < stem.length()) {
            int cp = stem.codePointAt(end);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > budget) break;
            bytes += len;
            end += Character.charCount(cp);
        }
        return stem.substring(0, end) + ext;
    }

    private static Set<String> reservedNames() {
        java.util.HashSet<String> names = new java.util.HashSet<>(Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"));
        for (int i = 0; i <= 9; i++) {
            names.add("COM" + i);
            names.add("LPT" + i);
        }
        for (String sup : new String[] {"\u00B9", "\u00B2", "\u00B3"}) {
            names.add("COM" + sup);
            names.add("LPT" + sup);
        }
        return Set.copyOf(names);
    }
}
