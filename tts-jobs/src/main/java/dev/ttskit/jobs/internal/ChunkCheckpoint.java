package dev.ttskit.jobs.internal;

import dev.ttskit.spi.CallCheckpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A chunk's provider notes (a Replicate prediction id, say), kept in its row as {@code key=value}
 * lines. Each {@link #put} is its own committed transaction, so the note is safe before the adapter
 * starts waiting.
 */
public final class ChunkCheckpoint implements CallCheckpoint {
    private final Db db;
    private final JobStore store;
    private final String jobId;
    private final int seq;

    public ChunkCheckpoint(Db db, JobStore store, String jobId, int seq) {
        this.db = db;
        this.store = store;
        this.jobId = jobId;
        this.seq = seq;
    }

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(db.patiently("read a chunk checkpoint", c -> parse(store.checkpoint(c, jobId, seq).orElse(null))).get(key));
    }

    @Override
    public void put(String key, String value) {
        check(key, value);
        db.patiently("store a chunk checkpoint", c -> {
            Map<String, String> notes = parse(store.checkpoint(c, jobId, seq).orElse(null));
            notes.put(key, value);
            store.checkpoint(c, jobId, seq, format(notes));
            return null;
        });
    }

    @Override
    public void remove(String key) {
        Objects.requireNonNull(key, "key");
        db.patiently("clear a chunk checkpoint", c -> {
            Map<String, String> notes = parse(store.checkpoint(c, jobId, seq).orElse(null));
            if (notes.remove(key) != null) store.checkpoint(c, jobId, seq, notes.isEmpty() ? null : format(notes));
            return null;
        });
    }

    private static void check(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty() || key.contains("=") || key.contains("\n")) throw new IllegalArgumentException("bad checkpoint key '" + key + "'");
        if (value.contains("\n")) throw new IllegalArgumentException("checkpoint value for " + key + " must be one line");
    }

    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) return out;
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    private static String format(Map<String, String> notes) {
        StringBuilder sb = new StringBuilder();
        notes.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ChunkCheckpoint[" + jobId + ":" + seq + "]";
    }
}
