package dev.ttskit.xtts.internal;

/** The GPT graph's per-layer input and output names (spec section 6.3), written in one place. */
public final class GptNames {
    /** Inputs of the concatenating KV layout that this version no longer runs (see {@link XttsModel#load}). */
    static final String LEGACY_PAST_KEY = "past_key.0";

    private GptNames() {
    }

    public static String cacheKey(int layer) {
        return "cache_key." + layer;
    }

    public static String cacheValue(int layer) {
        return "cache_value." + layer;
    }

    public static String newKey(int layer) {
        return "new_key." + layer;
    }

    public static String newValue(int layer) {
        return "new_value." + layer;
    }
}
