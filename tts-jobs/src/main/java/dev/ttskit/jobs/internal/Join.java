package dev.ttskit.jobs.internal;

/**
 * How neighbouring chunks are joined: {@code gapMillis} of silence, or, when {@code crossfadeMillis}
 * is positive, an equal-power crossfade of that length instead (as {@code synthesizeLong} does).
 */
public record Join(int gapMillis, int crossfadeMillis) {
    public Join {
        if (gapMillis < 0 || crossfadeMillis < 0) throw new IllegalArgumentException("negative join: " + gapMillis + ", " + crossfadeMillis);
        if (gapMillis > 0 && crossfadeMillis > 0) throw new IllegalArgumentException("a gap or a crossfade, not both");
    }

    public boolean crossfades() {
        return crossfadeMillis > 0;
    }
}
