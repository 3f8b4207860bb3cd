package dev.ttskit.internal.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 digests of voice reference files, so that a re-recorded reference is a different voice to
 * the cache and to single flight. A file is read again only when its size or modification time
 * changed since its digest was taken.
 */
final class ReferenceDigests {
    private record Entry(long size, long modifiedMillis, String digest) { }

    private static final int MAX_ENTRIES = 1024;
    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();

    /** The file's content digest, or a marker naming it unreadable (then no two requests share it). */
    String digest(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try {
            long size = Files.size(path);
            long modified = Files.getLastModifiedTime(path).toMillis();
            Entry known = entries.get(path);
            if (known != null && known.size == size && known.modifiedMillis == modified) return known.digest;
            String digest = sha256(path);
            if (entries.size() >= MAX_ENTRIES) entries.clear();
            entries.put(path, new Entry(size, modified, digest));
            return digest;
        } catch (IOException e) {
            return "unreadable:" + path + "@" + System.nanoTime();
        }
    }

    private static String sha256(Path path) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[16384];
            for (int n; (n = in.read(buffer)) > 0; ) md.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
