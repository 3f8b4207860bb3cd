package dev.ttskit.spring;

import dev.ttskit.Settings;
import dev.ttskit.spi.SharedState;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the providers of the auto-configured client from the factory beans (one per adapter on the
 * class path, plus any the application declares): in {@code ttskit.providers} order when it is set,
 * otherwise every configured provider in the factories' priority order. Providers made before a later
 * one fails are closed again.
 */
final class ProviderChain {
    private ProviderChain() {
    }

    /**
     * The chain; with {@code shared} (null when the application runs as one instance), factories that take
     * webhooks wait on its completion bus.
     */
    static List<TtsProvider> create(List<TtsProviderFactory> factoryBeans, Settings settings, List<String> order,
                                    @Nullable SharedState shared) {
        Map<String, TtsProviderFactory> factories = byId(factoryBeans);
        List<TtsProvider> out = new ArrayList<>();
        try {
            if (order.isEmpty()) {
                for (TtsProviderFactory f : factories.values()) create(f, settings, shared).ifPresent(out::add);
                return out;
            }
            for (String raw : order) {
                String id = raw.trim().toLowerCase(Locale.ROOT);
                if (id.isEmpty()) continue;
                TtsProviderFactory f = factories.get(id);
                if (f == null) {
                    throw new IllegalArgumentException("ttskit.providers names '" + id + "', which is not available: "
                            + (factories.isEmpty() ? "no provider is" : "only " + String.join(", ", factories.keySet()) + " are")
                            + " (add the provider's adapter to the dependencies, and leave ttskit." + id + ".enabled unset or true)");
                }
                Optional<TtsProvider> p = create(f, settings, shared);
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("ttskit.providers names '" + id + "', but "
                            + PropertySettings.REQUIRED.getOrDefault(id, "its settings") + " is not set");
                }
                if (out.stream().anyMatch(q -> q.id().equals(id))) {
                    p.get().close();
                    throw new IllegalArgumentException("ttskit.providers names '" + id + "' twice");
                }
                out.add(p.get());
            }
            return out;
        } catch (RuntimeException e) {
            closeAll(out);
            throw e;
        }
    }

    private static Optional<TtsProvider> create(TtsProviderFactory f, Settings settings, @Nullable SharedState shared) {
        return shared == null ? f.create(settings) : f.create(settings, shared);
    }

    static void closeAll(List<TtsProvider> providers) {
        for (TtsProvider p : providers) {
            try {
                p.close();
            } catch (RuntimeException ignored) {
                // the failure being reported matters more than one that closing adds
            }
        }
    }

    private static Map<String, TtsProviderFactory> byId(List<TtsProviderFactory> beans) {
        List<TtsProviderFactory> sorted = new ArrayList<>(beans);
        sorted.sort(TtsProviderFactory.byPriority());
        Map<String, TtsProviderFactory> out = new LinkedHashMap<>();
        for (TtsProviderFactory f : sorted) {
            TtsProviderFactory other = out.putIfAbsent(f.id(), f);
            if (other != null) {
                throw new IllegalStateException("two TtsProviderFactory beans declare provider id '" + f.id() + "': "
                        + other.getClass().getName() + " and " + f.getClass().getName() + "; remove one of them");
            }
        }
        return out;
    }
}
