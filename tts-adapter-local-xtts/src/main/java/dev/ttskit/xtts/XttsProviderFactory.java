package dev.ttskit.xtts;

import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Makes the {@code local-xtts} provider when {@code XTTS_MODEL_DIR} is set. Optional settings:
 * {@code XTTS_EXECUTION_PROVIDER} ({@code cpu} or {@code cuda}), {@code XTTS_THREADS},
 * {@code XTTS_INT8} ({@code true} to use the int8 GPT) and {@code XTTS_VOICE_CACHE_DIR}.
 */
public final class XttsProviderFactory implements TtsProviderFactory {
    @Override
    public String id() {
        return XttsProvider.ID;
    }

    /** After the hosted providers: local, free, but CPU-bound and slower per request. */
    @Override
    public int priority() {
        return 300;
    }

    @Override
    public Optional<TtsProvider> create(Settings settings) {
        Optional<String> dir = settings.get("XTTS_MODEL_DIR");
        if (dir.isEmpty()) return Optional.empty();
        XttsProvider.Builder b = XttsProvider.builder().modelDir(Path.of(dir.get()));
        settings.get("XTTS_EXECUTION_PROVIDER").ifPresent(v -> {
            try {
                b.executionProvider(ExecutionProvider.valueOf(v.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("XTTS_EXECUTION_PROVIDER must be cpu or cuda, was '" + v + "'", e);
            }
        });
        settings.number("XTTS_THREADS").ifPresent(n -> b.intraOpThreads(Math.toIntExact(n)));
        settings.get("XTTS_INT8").ifPresent(v -> b.useInt8Gpt(Boolean.parseBoolean(v)));
        settings.get("XTTS_VOICE_CACHE_DIR").ifPresent(v -> b.voiceCacheDir(Path.of(v)));
        return Optional.of(b.build());
    }
}
