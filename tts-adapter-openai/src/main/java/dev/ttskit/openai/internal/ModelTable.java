package dev.ttskit.openai.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What OpenAI's speech models accept (spec sections 3 and 8); used only against OpenAI itself. */
public final class ModelTable {
    /** The 13 built-in voices, in the guide's order. */
    public static final List<String> VOICES = List.of("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx",
            "sage", "shimmer", "verse", "marin", "cedar");
    /** The smaller set {@code tts-1} and {@code tts-1-hd} speak. */
    public static final Set<String> TTS1_VOICES = Set.of("alloy", "ash", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer");
    /** Most characters of {@code input} and of {@code instructions}. */
    public static final int MAX_INPUT_CHARS = 4096;

    private ModelTable() {
    }

    /** {@code tts-1} and {@code tts-1-hd} (and their dated snapshots): no instructions, no SSE, nine voices. */
    public static boolean isClassic(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        return m.equals("tts-1") || m.equals("tts-1-hd") || m.startsWith("tts-1-");
    }

    /** Whether an OpenAI model speaks a built-in voice; custom voices ({@code voice_…}) are the server's to judge. */
    public static boolean offersVoice(String model, String voice) {
        if (voice.startsWith("voice_")) return true;
        return isClassic(model) ? TTS1_VOICES.contains(voice) : VOICES.contains(voice);
    }

    /** The built-in voices a model speaks, in the guide's order. */
    public static List<String> voicesOf(String model) {
        return isClassic(model) ? VOICES.stream().filter(TTS1_VOICES::contains).toList() : VOICES;
    }
}
