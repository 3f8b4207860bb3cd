package dev.ttskit.jobs.internal;

import org.jspecify.annotations.Nullable;

import java.sql.SQLException;
import java.util.Map;

/**
 * The texts of a run of chunks as {@code ttskit_job_text} keeps them: one after another in
 * {@code texts}, with each one's length ({@link String#length()}) in {@code lengths}, comma-separated.
 * A row without lengths holds one chunk (what the upgrade from schema version 2 made of each chunk row).
 */
final class ChunkTexts {
    private ChunkTexts() {
    }

    /** The lengths listed in {@code list}; a list that does not parse is a typed error. */
    static int[] lengths(String list, String jobId, int first) throws SQLException {
        String[] parts = list.split(",");
        int[] out = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                out[i] = Integer.parseInt(parts[i]);
                if (out[i] < 0) throw new NumberFormatException("negative length " + out[i]);
            }
        } catch (NumberFormatException e) {
            throw damaged(jobId, first, e.getMessage());
        }
        return out;
    }

    /** Puts the texts of the chunks the row from {@code first} holds into {@code out}, by chunk. */
    static void split(int first, @Nullable String lengths, String texts, String jobId, Map<Integer, String> out) throws SQLException {
        if (lengths == null) {
            out.put(first, texts);
            return;
        }
        int at = 0;
        int[] each = lengths(lengths, jobId, first);
        for (int i = 0; i < each.length; i++) {
            if (each[i] > texts.length() - at) throw damaged(jobId, first, "its texts are shorter than their lengths");
            out.put(first + i, texts.substring(at, at + each[i]));
            at += each[i];
        }
        if (at != texts.length()) throw damaged(jobId, first, "its texts are longer than their lengths");
    }

    private static SQLException damaged(String jobId, int first, @Nullable String why) {
        return new SQLException("the chunk texts of job " + jobId + " from chunk " + first + " are damaged: " + why, "22000");
    }
}
