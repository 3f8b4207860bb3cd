package dev.ttskit.spring;

import dev.ttskit.TtsClient;
import dev.ttskit.micrometer.TtsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Binds the client to Micrometer (tts-micrometer's {@link TtsMetrics}) when the application has a
 * {@link MeterRegistry} bean: the auto-configured client reports every request and attempt (and,
 * with an {@link ObservationRegistry}, observations, hence traces), and the breaker and cache gauges
 * read it. The metrics close with the context, after the client.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({TtsClient.class, TtsMetrics.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class TtsMetricsAutoConfiguration {

    /**
     * The metrics, with observations when an {@link ObservationRegistry} bean exists.
     *
     * @param registry where the meters are registered
     * @param observations the observation registry, when there is one
     * @return the metrics, closed with the application context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public TtsMetrics ttsMetrics(MeterRegistry registry, ObjectProvider<ObservationRegistry> observations) {
        TtsMetrics.Builder b = TtsMetrics.builder(registry);
        observations.ifAvailable(b::observations);
        return b.build();
    }

    /**
     * Hands the metrics' listener to the auto-configured client.
     *
     * @param metrics the metrics whose listener is added
     * @return the customizer
     */
    @Bean
    public TtsClientCustomizer ttsMetricsListener(TtsMetrics metrics) {
        return builder -> builder.listener(metrics.listener());
    }

    /**
     * Registers the gauges once the client exists (also a client the application declared itself).
     * Static, so that declaring it does not create the configuration early.
     *
     * @param metrics the metrics, when there is such a bean
     * @param client the client, bound when exactly one exists
     * @return the callback run once every singleton exists
     */
    @Bean
    public static SmartInitializingSingleton ttsMetricsBinder(ObjectProvider<TtsMetrics> metrics, ObjectProvider<TtsClient> client) {
        return () -> metrics.ifAvailable(m -> client.ifUnique(m::bindTo));
    }
}
