package dev.ttskit.internal;

import dev.ttskit.TtsListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/** Delivers an event to every listener; a listener that throws is logged and skipped. */
public final class Listeners {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<TtsListener> listeners;

    public Listeners(List<TtsListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Whether any listener is registered: hot paths ask first, so that with none an event costs
     * neither the lambda that would carry it nor the values it would report.
     */
    public boolean any() {
        return !listeners.isEmpty();
    }

    public void fire(Consumer<TtsListener> event) {
        for (TtsListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("a TtsListener threw; ignored", e);
            }
        }
    }
}
