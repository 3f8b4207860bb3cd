package dev.ttskit.internal.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CacheKey} as the shared result store sees it: a SHA-256 digest of every field, in a fixed
 * order with lengths, so equal keys give equal digests in every process and the store never holds
 * the text.
 */
final class StoreKey {
    private StoreKey() {
    }

    static String of(CacheKey key) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        field(sha, key.text());
        field(sha, key.voice());
        field(sha, key.language());
        field(sha, key.format().toString());
        field(sha, key.speed() == null ? null : Double.toString(key.speed()));
        field(sha, key.seed() == null ? null : Long.toString(key.seed()));
        for (Map.Entry<String, Object> e : new TreeMap<>(key.options()).entrySet()) {
            field(sha, e.getKey());
            field(sha, String.valueOf(e.getValue()));
        }
        field(sha, key.reference());
        for (String link : key.chain()) field(sha, link);
        return "v1:" + HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, @Nullable String value) {
        if (value == null) {
            sha.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) 1);
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        sha.update(bytes);
    }
}
