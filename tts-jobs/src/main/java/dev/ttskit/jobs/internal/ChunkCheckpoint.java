package dev.ttskit.jobs.internal;

import org.jspecify.annotations.Nullable;
import dev.ttskit.spi.CallCheckpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A chunk's provider notes (a Replicate prediction id, say), kept in its row as {@code key=value}
 * lines (the first note gives the chunk its row). The notes are read with the chunk when it is taken
 * (only one worker holds a chunk), so a look-up costs nothing; each {@link #put} or {@link #remove}
 * is committed before it returns, so a note is safe before the adapter starts waiting.
 */
public final class ChunkCheckpoint implements CallCheckpoint {
    private final Db db;
    private final JobStore store;
    private final String jobId;
    private final int seq;
    private final Map<String, String> notes;

    /** @param stored the notes as read with the chunk (null: none) */
    public ChunkCheckpoint(Db db, JobStore store, String jobId, int seq, @Nullable String stored) {
        this.db = db;
        this.store = store;
        this.jobId = jobId;
        this.seq = seq;
        this.notes = parse(stored);
    }

    @Override
    public synchronized Optional<String> get(String key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(notes.get(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        check(key, value);
        Map<String, String> next = new LinkedHashMap<>(notes);
        next.put(key, value);
        write(next, "store a chunk checkpoint");
    }

    @Override
    public synchronized void remove(String key) {
        Objects.requireNonNull(key, "key");
        if (!notes.containsKey(key)) return;
        Map<String, String> next = new LinkedHashMap<>(notes);
        next.remove(key);
        write(next, "clear a chunk checkpoint");
    }

    /** Writes the notes, then keeps them: a note that could not be stored is not pretended to be. */
    private void write(Map<String, String> next, String what) {
        @Nullable String value = next.isEmpty() ? null : format(next);
        db.patientlySingleRun(what, c -> store.checkpoint(c, jobId, seq, value));
        notes.clear();
        notes.putAll(next);
    }

    private static void check(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty() || key.contains("=") || key.contains("\n")) throw new IllegalArgumentException("bad checkpoint key '" + key + "'");
        if (value.contains("\n")) throw new IllegalArgumentException("checkpoint value for " + key + " must be one line");
    }

    static Map<String, String> parse(@Nullable String text) {
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
