package dev.ttskit.spring;

import dev.ttskit.TtsClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code ttskit} health indicator ({@link TtsHealthIndicator}) when Spring Boot's health support
 * is present and there is a {@link TtsClient} bean; {@code management.health.ttskit.enabled=false}
 * turns it off.
 */
@AutoConfiguration(after = TtsAutoConfiguration.class)
@ConditionalOnClass({TtsClient.class, HealthIndicator.class})
@ConditionalOnBean(TtsClient.class)
@ConditionalOnEnabledHealthIndicator("ttskit")
public class TtsHealthAutoConfiguration {

    /**
     * Named so that its health contributor is {@code ttskit}.
     *
     * @param client the application's client
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "ttskitHealthIndicator")
    public TtsHealthIndicator ttskitHealthIndicator(TtsClient client) {
        return new TtsHealthIndicator(client);
    }
}
