package dev.ttskit.spring;

import dev.ttskit.Settings;
import dev.ttskit.TtsClient;
import dev.ttskit.elevenlabs.ElevenLabsProviderFactory;
import dev.ttskit.marytts.MaryTtsProviderFactory;
import dev.ttskit.openai.OpenAiProviderFactory;
import dev.ttskit.polly.PollyProviderFactory;
import dev.ttskit.replicate.ReplicateProviderFactory;
import dev.ttskit.spi.SharedState;
import dev.ttskit.spi.SharedStateFactory;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import dev.ttskit.xtts.XttsProviderFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A {@link TtsClient} bean from the {@code ttskit.*} properties ({@link TtsProperties}), closed with
 * the application context. Each adapter on the class path contributes its {@link TtsProviderFactory}
 * as a bean ({@code ttskit.<provider>.enabled=false} leaves it out); an application adds a provider
 * of its own by declaring a factory bean, or changes anything with {@link TtsClientCustomizer} beans.
 * A {@code TtsClient} bean of the application's own replaces this one.
 */
@AutoConfiguration
@ConditionalOnClass(TtsClient.class)
@ConditionalOnBooleanProperty(name = "ttskit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TtsProperties.class)
public class TtsAutoConfiguration {

    /**
     * The client: the configured providers in order, the policies and limits from the properties,
     * then every customizer.
     *
     * @param properties the bound {@code ttskit.*} properties
     * @param factories the provider factories of the adapters present and of the application, in their order
     * @param customizers applied last, in their order
     * @param sharedState the cluster's shared state, when there is such a bean
     * @return the client, closed with the application context
     * @throws IllegalArgumentException naming the property, when one is invalid or a listed provider
     *                                  is missing or not configured
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public TtsClient ttsClient(TtsProperties properties, ObjectProvider<TtsProviderFactory> factories,
                               ObjectProvider<TtsClientCustomizer> customizers, ObjectProvider<SharedState> sharedState) {
        Settings settings = PropertySettings.from(properties);
        SharedState shared = sharedState.getIfAvailable();
        List<TtsProvider> providers;
        try {
            providers = ProviderChain.create(factories.orderedStream().toList(), settings, properties.getProviders(), shared);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PropertySettings.inPropertyTerms(e.getMessage()), e);
        }
        try {
            TtsClient.Builder b = TtsClient.builder().settings(settings).discoverProviders(false);
            if (shared != null) b.sharedState(shared);
            providers.forEach(b::provider);
            for (Map.Entry<String, Map<String, String>> voice : properties.getVoices().entrySet()) {
                b.voice(voice.getKey(), v -> voice.getValue().forEach((provider, target) -> {
                    if (target.startsWith("file:")) v.on(provider, Path.of(target.substring("file:".length())));
                    else v.on(provider, target);
                }));
            }
            customizers.orderedStream().forEach(c -> c.customize(b));
            return b.build();
        } catch (IllegalArgumentException e) {
            ProviderChain.closeAll(providers);
            throw new IllegalArgumentException(PropertySettings.inPropertyTerms(e.getMessage()), e);
        } catch (IllegalStateException e) {
            ProviderChain.closeAll(providers);
            if (providers.isEmpty()) {
                throw new IllegalStateException("no ttskit provider is configured: add tts-adapter-marytts for the embedded voice, "
                        + "or set a provider's key (ttskit.elevenlabs.api-key, ttskit.openai.api-key, ...)", e);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            ProviderChain.closeAll(providers);
            throw e;
        }
    }

    /**
     * What the application's instances share (tts-cluster on PostgreSQL: webhook completions, the
     * result cache's far tier, account limits), when {@code ttskit.cluster.db-url} is set. A bean of
     * the application's own replaces it. The client depends on it, so the context closes it after the client.
     *
     * @param properties the bound {@code ttskit.*} properties, read for {@code ttskit.cluster.*}
     * @return the shared state, closed with the application context
     * @throws IllegalArgumentException naming the property, when a {@code ttskit.cluster.*} value is invalid
     * @throws IllegalStateException when no shared-state implementation is on the class path, or two are
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "ttskit.cluster.db-url")
    public SharedState ttskitSharedState(TtsProperties properties) {
        try {
            return SharedStateFactory.discover(PropertySettings.from(properties)).orElseThrow(() -> new IllegalStateException(
                    "ttskit.cluster.db-url is set, but tts-cluster is not on the class path: "
                            + "add the dependency dev.ttskit:tts-cluster, or remove the property"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PropertySettings.inPropertyTerms(e.getMessage()), e);
        }
    }

    /** ElevenLabs, when its adapter is present; it configures itself once {@code ttskit.elevenlabs.api-key} is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ElevenLabsProviderFactory.class)
    @ConditionalOnBooleanProperty(name = "ttskit.elevenlabs.enabled", matchIfMissing = true)
    static class ElevenLabsConfiguration {
        @Bean
        TtsProviderFactory ttskitElevenLabsProviderFactory() {
            return new ElevenLabsProviderFactory();
        }
    }

    /** OpenAI speech or a compatible server, when its adapter is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenAiProviderFactory.class)
    @ConditionalOnBooleanProperty(name = "ttskit.openai.enabled", matchIfMissing = true)
    static class OpenAiConfiguration {
        @Bean
        TtsProviderFactory ttskitOpenAiProviderFactory() {
            return new OpenAiProviderFactory();
        }
    }

    /** Replicate, when its adapter is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReplicateProviderFactory.class)
    @ConditionalOnBooleanProperty(name = "ttskit.replicate.enabled", matchIfMissing = true)
    static class ReplicateConfiguration {
        @Bean
        TtsProviderFactory ttskitReplicateProviderFactory() {
            return new ReplicateProviderFactory();
        }
    }

    /** Amazon Polly, when its adapter is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(PollyProviderFactory.class)
    @ConditionalOnBooleanProperty(name = "ttskit.polly.enabled", matchIfMissing = true)
    static class PollyConfiguration {
        @Bean
        TtsProviderFactory ttskitPollyProviderFactory() {
            return new PollyProviderFactory();
        }
    }

    /** Local XTTS-v2, when its adapter is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(XttsProviderFactory.class)
    @ConditionalOnBooleanProperty(name = "ttskit.xtts.enabled", matchIfMissing = true)
    static class XttsConfiguration {
        @Bean
        TtsProviderFactory ttskitXttsProviderFactory() {
            return new XttsProviderFactory();
        }
    }

    /** The embedded offline voice, when its adapter is present: on without settings, last in the chain. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MaryTtsProviderFactory.class)
    @ConditionalOnBooleanProperty(name = "ttskit.marytts.enabled", matchIfMissing = true)
    static class MaryTtsConfiguration {
        @Bean
        TtsProviderFactory ttskitMaryTtsProviderFactory() {
            return new MaryTtsProviderFactory();
        }
    }
}
