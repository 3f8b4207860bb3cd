package dev.ttskit.spring;

import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.micrometer.TtsMetrics;
import dev.ttskit.spi.TtsProviderFactory;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Micrometer bound when a registry exists; the health indicator's view of the breakers. */
class TtsMetricsAndHealthTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TtsAutoConfiguration.class, TtsMetricsAutoConfiguration.class,
                    TtsHealthAutoConfiguration.class))
            .withPropertyValues("ttskit.marytts.enabled=false")
            .withBean("good", TtsProviderFactory.class, () -> new MockFactory("good", 20, () -> MockTtsProvider.alwaysAudio("good")));

    private static TtsProviderFactory down(String id, int priority) {
        return new MockFactory(id, priority, () -> MockTtsProvider.builder(id).otherwise(MockOutcome.error(
                ProviderUnavailableException.builder("HTTP 503").provider(id).providerStatus(503).build())).build());
    }

    @Test
    void aRegistryBeanGetsTheClientsMeters() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertNotNull(context.getBean(TtsMetrics.class));
            TtsClient client = context.getBean(TtsClient.class);
            client.synthesize(SpeechRequest.of("Counted."));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertEquals(1, registry.get("ttskit.requests").tag("provider", "good").tag("outcome", "success").timer().count());
            assertEquals(1.0, registry.get("ttskit.breaker.state").tag("provider", "good").tag("state", "closed").gauge().value());
        });
    }

    @Test
    void withoutARegistryOrWithoutTheModuleThereAreNoMetrics() {
        runner.run(context -> assertTrue(context.getBeansOfType(TtsMetrics.class).isEmpty()));
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withClassLoader(new FilteredClassLoader(TtsMetrics.class))
                .run(context -> {
                    assertFalse(context.containsBean("ttsMetrics"));
                    assertEquals(List.of("good"), context.getBean(TtsClient.class).providerIds());
                });
    }

    @Test
    void closingTheContextRemovesTheMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        runner.withBean(MeterRegistry.class, () -> registry)
                .run(context -> context.getBean(TtsClient.class).synthesize(SpeechRequest.of("Once.")));
        assertNull(registry.find("ttskit.requests").timer());
    }

    @Test
    void healthIsUpWithEachProvidersBreakerInTheDetails() {
        runner.run(context -> {
            Health health = context.getBean("ttskitHealthIndicator", HealthIndicator.class).health();
            assertEquals(Status.UP, health.getStatus());
            Map<?, ?> providers = (Map<?, ?>) health.getDetails().get("providers");
            assertEquals("CLOSED", ((Map<?, ?>) providers.get("good")).get("state"));
            assertEquals("1 of 1", health.getDetails().get("serving"));
        });
    }

    @Test
    void oneOpenBreakerIsNotDownButNoProviderLeftIs() {
        ApplicationContextRunner breakers = runner.withPropertyValues("ttskit.retry.max-attempts=1", "ttskit.breaker.window-size=2",
                "ttskit.breaker.minimum-calls=2", "ttskit.breaker.open-duration=10m");
        breakers.withBean("flaky", TtsProviderFactory.class, () -> down("flaky", 10)).run(context -> {
            TtsClient client = context.getBean(TtsClient.class);
            client.synthesize(SpeechRequest.of("First try."));
            client.synthesize(SpeechRequest.of("Second try."));
            Health health = context.getBean("ttskitHealthIndicator", HealthIndicator.class).health();
            assertEquals(Status.UP, health.getStatus(), health.toString());
            assertEquals("1 of 2", health.getDetails().get("serving"));
            assertEquals("OPEN", ((Map<?, ?>) ((Map<?, ?>) health.getDetails().get("providers")).get("flaky")).get("state"));
        });
        breakers.withPropertyValues("ttskit.providers=flaky").withBean("flaky", TtsProviderFactory.class, () -> down("flaky", 10))
                .run(context -> {
                    TtsClient client = context.getBean(TtsClient.class);
                    assertThrows(TtsException.class, () -> client.synthesize(SpeechRequest.of("First try.")));
                    assertThrows(TtsException.class, () -> client.synthesize(SpeechRequest.of("Second try.")));
                    Health health = context.getBean("ttskitHealthIndicator", HealthIndicator.class).health();
                    assertEquals(Status.DOWN, health.getStatus(), health.toString());
                    assertEquals("0 of 1", health.getDetails().get("serving"));
                });
    }

    @Test
    void theIndicatorCanBeTurnedOffAndIsAbsentWithoutHealthSupport() {
        runner.withPropertyValues("management.health.ttskit.enabled=false")
                .run(context -> assertFalse(context.containsBean("ttskitHealthIndicator")));
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> {
                    assertFalse(context.containsBean("ttskitHealthIndicator"));
                    assertEquals(List.of("good"), context.getBean(TtsClient.class).providerIds());
                });
    }
}
