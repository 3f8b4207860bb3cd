package dev.ttskit.internal.resources;

import dev.ttskit.HttpSettings;

import java.time.Clock;
import java.time.Duration;

/**
 * The settings of a {@link DefaultResourceManager}, checked by {@code ResourceManager.Builder}.
 *
 * @param httpSettings      HTTP timeouts and pool sizes
 * @param maxOpenStreams    streams open at once
 * @param streamIdleTimeout how long a stream may go unread
 * @param modelMemoryBudget native bytes loaded models may declare in all
 * @param modelIdleTimeout  how long an unleased model stays loaded
 * @param modelLoadTimeout  how long a load may take
 * @param sweepInterval     how often idle streams and models are looked for
 * @param clock             the clock for idle expiry
 */
public record ResourceConfig(HttpSettings httpSettings, int maxOpenStreams, Duration streamIdleTimeout,
                             long modelMemoryBudget, Duration modelIdleTimeout, Duration modelLoadTimeout,
                             Duration sweepInterval, Clock clock) {
}
