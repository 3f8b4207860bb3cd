package dev.ttskit.internal.resources;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Figures components report; a failing one reads as absent rather than failing the snapshot. */
final class Gauges {
    private static final Logger log = LoggerFactory.getLogger(Gauges.class);

    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    void put(String name, LongSupplier value) {
        gauges.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    Map<String, Long> snapshot() {
        Map<String, Long> values = new TreeMap<>();
        gauges.forEach((name, supplier) -> {
            try {
                values.put(name, supplier.getAsLong());
            } catch (RuntimeException e) {
                log.debug("gauge {} failed", name, e);
            }
        });
        return values;
    }

    /** Drops every gauge: they read components that are closed by now. */
    void clear() {
        gauges.clear();
    }
}
