package dev.ttskit.internal;

import dev.ttskit.SpeechResult;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The router's way to a {@link SpeechResult}'s audio array without the copy
 * {@link SpeechResult#audioBytes()} makes: checking and converting a 96 kB answer would otherwise
 * cost a second 96 kB per call. The result installs the accessor when its class initialises; code
 * given the array must not change it (results are immutable).
 */
public final class AudioAccess {
    private static volatile @Nullable Function<SpeechResult, byte[]> reader;

    private AudioAccess() {
    }

    /** Called once, by {@link SpeechResult}'s static initialiser. */
    public static void install(Function<SpeechResult, byte[]> value) {
        if (reader != null) throw new IllegalStateException("the audio accessor is installed already");
        reader = Objects.requireNonNull(value, "reader");
    }

    /** The result's own audio array: read it, never change it. */
    public static byte[] audioOf(SpeechResult result) {
        Function<SpeechResult, byte[]> r = reader;
        if (r == null) {
            // The result's class initialised before anything could hold an instance, so this never happens.
            throw new IllegalStateException("SpeechResult has not installed its audio accessor");
        }
        return r.apply(result);
    }
}
