package dev.ttskit.spring;

import dev.ttskit.CircuitState;
import dev.ttskit.ProviderHealth;
import dev.ttskit.TtsClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The client's health for Actuator: each provider's circuit breaker state and counts in the details.
 * DOWN only when no provider can serve (every breaker open or disabled): one open breaker is what
 * failover is for, so the application is still UP while another provider answers.
 */
public class TtsHealthIndicator implements HealthIndicator {
    private final TtsClient client;

    /**
     * The health of {@code client}.
     *
     * @param client the client reported on; the indicator does not close it
     */
    public TtsHealthIndicator(TtsClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Health health() {
        List<ProviderHealth> providers;
        try {
            providers = client.health();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", "the client cannot report its health: " + e.getMessage()).build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        int serving = 0;
        for (ProviderHealth h : providers) {
            if (canServe(h.state())) serving++;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("state", h.state().name());
            p.put("failureRate", h.failureRate() < 0 ? "not yet measured" : h.failureRate());
            p.put("successfulCalls", h.successfulCalls());
            p.put("failedCalls", h.failedCalls());
            p.put("latencyP95Millis", h.latencyP95().toMillis());
            h.lastErrorCategory().ifPresent(c -> p.put("lastError", c.name()));
            details.put(h.provider(), p);
        }
        Health.Builder b = serving > 0 ? Health.up() : Health.down();
        return b.withDetail("serving", serving + " of " + providers.size()).withDetail("providers", details).build();
    }

    private static boolean canServe(CircuitState state) {
        return state == CircuitState.CLOSED || state == CircuitState.HALF_OPEN;
    }
}
