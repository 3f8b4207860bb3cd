package dev.ttskit.spring;

import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.elevenlabs.ElevenLabsProviderFactory;
import dev.ttskit.marytts.MaryTtsProviderFactory;
import dev.ttskit.Settings;
import dev.ttskit.spi.AccountLimiter;
import dev.ttskit.spi.CompletionBus;
import dev.ttskit.spi.ResultStore;
import dev.ttskit.spi.SharedState;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client bean: which providers, in which order, with which policies, and what replaces or removes it. */
class TtsAutoConfigurationTest {
    private static final String KEY = "sk_test_0123456789abcdef0123456789abcdef";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TtsAutoConfiguration.class));

    /** The failure that stopped the context from starting, with its causes' messages. */
    static String failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable t = context.getStartupFailure();
        StringBuilder s = new StringBuilder();
        for (; t != null; t = t.getCause()) s.append(t.getMessage()).append(" <- ");
        return s.toString();
    }

    @Test
    void withNothingConfiguredTheEmbeddedVoiceIsTheChain() {
        runner.run(context -> {
            TtsClient client = context.getBean(TtsClient.class);
            assertEquals(List.of("marytts"), client.providerIds());
        });
    }

    @Test
    void aKeyPutsItsProviderInFrontOfTheEmbeddedVoice() {
        runner.withPropertyValues("ttskit.elevenlabs.api-key=" + KEY).run(context ->
                assertEquals(List.of("elevenlabs", "marytts"), context.getBean(TtsClient.class).providerIds()));
    }

    @Test
    void providersListsTheChainInItsOrder() {
        runner.withPropertyValues("ttskit.elevenlabs.api-key=" + KEY, "ttskit.providers=marytts, elevenlabs").run(context ->
                assertEquals(List.of("marytts", "elevenlabs"), context.getBean(TtsClient.class).providerIds()));
    }

    @Test
    void aProviderCanBeSwitchedOff() {
        runner.withPropertyValues("ttskit.elevenlabs.api-key=" + KEY, "ttskit.marytts.enabled=false").run(context ->
                assertEquals(List.of("elevenlabs"), context.getBean(TtsClient.class).providerIds()));
        runner.withPropertyValues("ttskit.elevenlabs.api-key=" + KEY, "ttskit.elevenlabs.enabled=false").run(context ->
                assertEquals(List.of("marytts"), context.getBean(TtsClient.class).providerIds()));
    }

    @Test
    void anAdapterMissingFromTheClassPathIsNotConfigured() {
        runner.withClassLoader(new FilteredClassLoader(ElevenLabsProviderFactory.class))
                .withPropertyValues("ttskit.elevenlabs.api-key=" + KEY).run(context -> {
                    assertEquals(List.of("marytts"), context.getBean(TtsClient.class).providerIds());
                    assertFalse(context.containsBean("ttskitElevenLabsProviderFactory"));
                });
        runner.withClassLoader(new FilteredClassLoader(ElevenLabsProviderFactory.class))
                .withPropertyValues("ttskit.elevenlabs.api-key=" + KEY, "ttskit.providers=elevenlabs").run(context -> {
                    String why = failure(context);
                    assertTrue(why.contains("ttskit.providers names 'elevenlabs', which is not available"), why);
                });
    }

    @Test
    void withoutAnyProviderTheStartFailsSayingWhatToAdd() {
        runner.withClassLoader(new FilteredClassLoader(MaryTtsProviderFactory.class)).run(context -> {
            String why = failure(context);
            assertTrue(why.contains("no ttskit provider is configured") && why.contains("tts-adapter-marytts"), why);
        });
    }

    @Test
    void aListedProviderWithoutItsSettingsNamesTheMissingProperty() {
        runner.withPropertyValues("ttskit.providers=openai,marytts").run(context -> {
            String why = failure(context);
            assertTrue(why.contains("ttskit.openai.api-key"), why);
        });
        runner.withPropertyValues("ttskit.providers=nosuch").run(context -> {
            String why = failure(context);
            assertTrue(why.contains("'nosuch'") && why.contains("marytts"), why);
        });
    }

    @Test
    void theApplicationsOwnClientReplacesTheBean() {
        runner.withUserConfiguration(OwnClient.class).run(context -> {
            assertEquals(List.of("own"), context.getBean(TtsClient.class).providerIds());
            assertEquals(1, context.getBeansOfType(TtsClient.class).size());
        });
    }

    @Test
    void theBeanCanBeTurnedOff() {
        runner.withPropertyValues("ttskit.enabled=false").run(context -> assertTrue(context.getBeansOfType(TtsClient.class).isEmpty()));
    }

    @Test
    void theClientClosesWithTheContext() {
        AtomicReference<TtsClient> client = new AtomicReference<>();
        runner.run(context -> client.set(context.getBean(TtsClient.class)));
        assertTrue(client.get().toString().contains("closed"), client.get().toString());
        assertThrows(IllegalStateException.class, () -> client.get().synthesize(SpeechRequest.of("Too late.")));
    }

    @Test
    void aSharedStateBeanReachesTheProvidersAndClosesAfterTheClient() {
        AtomicReference<SharedState> givenToFactory = new AtomicReference<>();
        AtomicReference<TtsClient> client = new AtomicReference<>();
        List<String> closedWhileClientOpen = new ArrayList<>();
        SharedState local = SharedState.local();
        SharedState shared = new SharedState() {
            @Override
            public CompletionBus completionBus() {
                return local.completionBus();
            }

            @Override
            public ResultStore resultStore() {
                return local.resultStore();
            }

            @Override
            public AccountLimiter accountLimiter() {
                return local.accountLimiter();
            }

            @Override
            public void close() {
                if (!client.get().toString().contains("closed")) closedWhileClientOpen.add("shared state");
                local.close();
            }
        };
        TtsProviderFactory webhookTaking = new MockFactory("hooked", 10,
                () -> MockTtsProvider.builder("hooked").otherwise(MockOutcome.audio(Duration.ofSeconds(1))).build()) {
            @Override
            public Optional<TtsProvider> create(Settings settings, SharedState state) {
                givenToFactory.set(state);
                return create(settings);
            }
        };
        runner.withBean(SharedState.class, () -> shared).withBean("hookedFactory", TtsProviderFactory.class, () -> webhookTaking)
                .withPropertyValues("ttskit.providers=hooked").run(context -> {
                    client.set(context.getBean(TtsClient.class));
                    assertEquals(List.of("hooked"), client.get().providerIds());
                });
        assertTrue(givenToFactory.get() == shared, "the factory was not given the application's shared state");
        assertEquals(List.of(), closedWhileClientOpen, "the shared state closed before the client that uses it");
    }

    @Test
    void aClusterDatabaseWithoutTheClusterModuleStopsTheStartSayingWhatToAdd() {
        runner.withPropertyValues("ttskit.cluster.db-url=jdbc:postgresql://127.0.0.1:1/ttskit").run(context -> {
            String why = failure(context);
            assertTrue(why.contains("ttskit.cluster.db-url") && why.contains("tts-cluster"), why);
        });
    }

    @Test
    void aFactoryBeanAddsAProviderAndCustomizersRunLast() {
        runner.withUserConfiguration(MockProvider.class).withPropertyValues("ttskit.marytts.enabled=false",
                "ttskit.voices.narrator.mock=voice-1").run(context -> {
                    TtsClient client = context.getBean(TtsClient.class);
                    assertEquals(List.of("mock"), client.providerIds());
                    assertTrue(client.logicalVoices().contains("narrator"));
                    assertEquals("mock", client.synthesize(SpeechRequest.of("Hello from a bean.")).provider());
                    assertEquals(1, context.getBean(MockProvider.class).customized.size());
                });
    }

    @Test
    void retryPropertiesDecideHowOftenAProviderIsTried() {
        List<MockTtsProvider> made = new ArrayList<>();
        runner.withBean("down", TtsProviderFactory.class, () -> new MockFactory("down", 1, () -> {
                    MockTtsProvider p = MockTtsProvider.builder("down").otherwise(MockOutcome.error(
                            ProviderUnavailableException.builder("HTTP 503").provider("down").providerStatus(503).build())).build();
                    made.add(p);
                    return p;
                }))
                .withPropertyValues("ttskit.providers=down", "ttskit.retry.max-attempts=2", "ttskit.retry.initial-backoff=1ms",
                        "ttskit.retry.max-backoff=2ms")
                .run(context -> {
                    TtsClient client = context.getBean(TtsClient.class);
                    assertThrows(TtsException.class, () -> client.synthesize(SpeechRequest.of("Are you there?")));
                    assertEquals(2, made.get(0).callCount());
                });
    }

    @Test
    void breakerPropertiesDecideWhenItOpens() {
        List<MockTtsProvider> made = new ArrayList<>();
        runner.withBean("down", TtsProviderFactory.class, () -> new MockFactory("down", 1, () -> {
                    MockTtsProvider p = MockTtsProvider.builder("down").otherwise(MockOutcome.error(
                            ProviderUnavailableException.builder("HTTP 503").provider("down").providerStatus(503).build())).build();
                    made.add(p);
                    return p;
                }))
                .withPropertyValues("ttskit.providers=down", "ttskit.retry.max-attempts=1", "ttskit.breaker.window-size=2",
                        "ttskit.breaker.minimum-calls=2", "ttskit.breaker.open-duration=10m")
                .run(context -> {
                    TtsClient client = context.getBean(TtsClient.class);
                    for (String text : List.of("One.", "Two.", "Three.")) {
                        assertThrows(TtsException.class, () -> client.synthesize(SpeechRequest.of(text)));
                    }
                    assertEquals(2, made.get(0).callCount(), "the third request met an open breaker");
                });
    }

    @Test
    void cacheAndAudioCheckProperties() {
        runner.withBean("quiet", TtsProviderFactory.class, () -> new MockFactory("quiet", 1,
                        () -> MockTtsProvider.builder("quiet").otherwise(MockOutcome.silence(Duration.ofSeconds(1))).build()))
                .withPropertyValues("ttskit.providers=quiet", "ttskit.audio-checks.enabled=false", "ttskit.cache.max-bytes=1000000",
                        "ttskit.cache.ttl=5m")
                .run(context -> {
                    TtsClient client = context.getBean(TtsClient.class);
                    assertEquals("quiet", client.synthesize(SpeechRequest.of("Silence passes.")).provider());
                    assertEquals(1_000_000, client.cacheStats().orElseThrow().maxBytes());
                });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "ttskit.timeout|PT0S",
            "ttskit.max-text-chars|0",
            "ttskit.attempt.timeout|10m",
            "ttskit.attempt.first-byte-timeout|10m",
            "ttskit.attempt.reserve|0.95",
            "ttskit.retry.max-attempts|11",
            "ttskit.retry.budget-ratio|2",
            "ttskit.breaker.window-size|0",
            "ttskit.breaker.failure-rate|150",
            "ttskit.breaker.half-open-calls|0",
            "ttskit.cache.max-bytes|0",
            "ttskit.audio-checks.min-active-fraction|2",
            "ttskit.audio-checks.stream-probe|1ms",
            "ttskit.hedging.allow-paid|true",
            "ttskit.http.max-requests|0",
            "ttskit.http.max-requests-per-host|2000",
            "ttskit.http.max-idle-connections|-1",
            "ttskit.models.load-timeout|PT0S",
            "ttskit.long-text.parallelism|0",
    })
    void aBadPropertyStopsTheStartNamingIt(String property, String value) {
        runner.withPropertyValues(property + "=" + value).run(context -> {
            String why = failure(context);
            assertTrue(why.contains(property), why);
        });
    }

    @Test
    void aBadProviderPropertyStopsTheStartNamingIt() {
        runner.withPropertyValues("ttskit.replicate.api-token=r8_0123456789abcdef", "ttskit.replicate.sync-wait=90s").run(context -> {
            String why = failure(context);
            assertTrue(why.contains("ttskit.replicate.sync-wait") && why.contains("90"), why);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        @Bean
        TtsClient ownClient() {
            return TtsClient.builder().provider(MockTtsProvider.alwaysAudio("own")).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MockProvider {
        final List<TtsClient.Builder> customized = new ArrayList<>();

        @Bean
        TtsProviderFactory mockFactory() {
            return new MockFactory("mock", 50, () -> MockTtsProvider.alwaysAudio("mock"));
        }

        @Bean
        TtsClientCustomizer recordingCustomizer() {
            return customized::add;
        }
    }
}
