package dev.ttskit.internal;

import dev.ttskit.LogicalVoice;
import dev.ttskit.Sleeper;
import dev.ttskit.TtsListener;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.Validator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a router needs from the client's configuration, resolved (builder, then settings,
 * then defaults).
 *
 * @param providers      in priority order
 * @param voices         logical voices by name
 * @param validator      the validator run before any provider
 * @param defaultTimeout deadline budget of requests that set none
 * @param maxTextChars   longest text accepted by {@code synthesize} and {@code stream}
 * @param listeners      event listeners
 * @param resources      the client's resource manager
 * @param routing        retry, breaker, hedging, cache and long-text policies
 */
public record ClientConfig(List<TtsProvider> providers, Map<String, LogicalVoice> voices, Validator validator,
                           Duration defaultTimeout, int maxTextChars, Clock clock, Sleeper sleeper,
                           List<TtsListener> listeners, ResourceManager resources, RoutingConfig routing) {
    public ClientConfig {
        providers = List.copyOf(providers);
        voices = Map.copyOf(voices);
        listeners = List.copyOf(listeners);
        java.util.Objects.requireNonNull(routing, "routing");
    }
}
