package dev.ttskit.xtts.internal;

/**
 * The GPT's keys and values for a voice's conditioning prefix (spec section 7.5), on the heap: per
 * layer, keys [n_head, head_dim, positions] and values [n_head, positions, head_dim], the layout of
 * the graph's {@code new_key.N}/{@code new_value.N} outputs. Immutable once made: generations copy
 * it into their own {@link KvCache}, so an entry evicted from the {@link PrefixCache} stays usable
 * by whoever still holds it.
 */
public final class PrefixKv {
    private final int positions;
    private final float[][] keys;
    private final float[][] values;

    PrefixKv(int positions, float[][] keys, float[][] values) {
        this.positions = positions;
        this.keys = keys;
        this.values = values;
    }

    /** Positions the prefix covers (the voice's cond_len). */
    public int positions() {
        return positions;
    }

    /** Layer i's keys; not copied, so never written to. */
    float[] keys(int layer) {
        return keys[layer];
    }

    /** Layer i's values; not copied, so never written to. */
    float[] values(int layer) {
        return values[layer];
    }

    /** Heap bytes this prefix takes. */
    public long bytes() {
        long total = 0;
        for (float[] k : keys) total += (long) k.length * Float.BYTES;
        for (float[] v : values) total += (long) v.length * Float.BYTES;
        return total;
    }
}
