package dev.ttskit.routing;

import dev.ttskit.CircuitState;
import dev.ttskit.TtsException;
import dev.ttskit.TtsListener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records listener events as short strings, in order. */
final class Events implements TtsListener {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onAttempt(String provider, int attempt) {
        events.add("attempt " + provider + " " + attempt);
    }

    @Override
    public void onRetry(String provider, int attempt, Duration delay, TtsException cause) {
        events.add("retry " + provider + " " + cause.category());
    }

    @Override
    public void onFailover(String from, String to, TtsException cause) {
        events.add("failover " + from + "->" + to + " " + cause.category());
    }

    @Override
    public void onBreakerTransition(String provider, CircuitState from, CircuitState to) {
        events.add("breaker " + provider + " " + from + "->" + to);
    }

    @Override
    public void onHedge(String primary, String hedge) {
        events.add("hedge " + primary + "->" + hedge);
    }

    @Override
    public void onSharedCall(String provider) {
        events.add("shared " + provider);
    }

    @Override
    public void onCacheHit() {
        events.add("cache hit");
    }

    @Override
    public void onCacheMiss() {
        events.add("cache miss");
    }

    List<String> all() {
        return List.copyOf(events);
    }

    List<String> starting(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).toList();
    }
}
