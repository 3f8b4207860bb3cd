package dev.ttskit.testkit;

import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import dev.ttskit.spi.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery through ServiceLoader: factories in priority order, and a refusal to guess when the
 * class path holds two factories with one id or several validators. Each case puts extra service
 * files on a class loader of its own, set as the thread's context loader, so that the test class
 * path stays as every other test sees it.
 */
class ProviderDiscoveryTest {
    @TempDir
    Path dir;

    /** Makes a mock provider named by {@link #id()} when {@code <ID>_ENABLED} is set. */
    public abstract static class SettingsFactory implements TtsProviderFactory {
        @Override
        public Optional<TtsProvider> create(Settings settings) {
            return settings.get(id().toUpperCase(Locale.ROOT) + "_ENABLED").map(v -> MockTtsProvider.alwaysAudio(id()));
        }
    }

    /** Runs first. */
    public static final class Zeta extends SettingsFactory {
        @Override public String id() { return "zeta"; }
        @Override public int priority() { return 50; }
    }

    /** Declares no priority, as a third-party adapter might. */
    public static final class Alpha extends SettingsFactory {
        @Override public String id() { return "alpha"; }
    }

    /** Runs last. */
    public static final class Omega extends SettingsFactory {
        @Override public String id() { return "omega"; }
        @Override public int priority() { return 2_000; }
    }

    /** Claims the id of {@link TestProviderFactory}. */
    public static final class SecondEnvMock extends SettingsFactory {
        @Override public String id() { return "envmock"; }
    }

    /** A validator that accepts everything unchanged. */
    public static class PassValidator implements Validator {
        @Override public SpeechRequest validate(SpeechRequest request) { return request; }

        @Override
        public ProviderRequest validateFor(ProviderRequest request, String providerId, ProviderCapabilities capabilities) {
            return request;
        }
    }

    /** A second validator, as when two validation modules are on the class path. */
    public static final class OtherValidator extends PassValidator {
    }

    @Test
    void discoveredProvidersFailOverInPriorityOrderThenById() throws IOException {
        Settings all = Settings.of(Map.of("ZETA_ENABLED", "1", "ALPHA_ENABLED", "1", "OMEGA_ENABLED", "1", "ENVMOCK_ENABLED", "1"));
        List<String> ids = withServices(Map.of(TtsProviderFactory.class, List.of(Omega.class, Alpha.class, Zeta.class)), () -> {
            try (TtsClient tts = TtsClient.builder().settings(all).build()) {
                return tts.providerIds();
            }
        });
        // alpha and envmock share the default priority: the id decides, never the class-path order.
        assertEquals(List.of("zeta", "alpha", "envmock", "omega"), ids);
        assertEquals(500, new Alpha().priority());
        assertEquals(TtsProviderFactory.DEFAULT_PRIORITY, new TestProviderFactory().priority());
    }

    @Test
    void ttskitProvidersStillOverridesThePriorities() throws IOException {
        Settings listed = Settings.of(Map.of("TTSKIT_PROVIDERS", "omega,zeta", "ZETA_ENABLED", "1", "OMEGA_ENABLED", "1"));
        List<String> ids = withServices(Map.of(TtsProviderFactory.class, List.of(Omega.class, Zeta.class)), () -> {
            try (TtsClient tts = TtsClient.builder().settings(listed).build()) {
                return tts.providerIds();
            }
        });
        assertEquals(List.of("omega", "zeta"), ids);
    }

    @Test
    void twoFactoriesWithOneIdFailNamingBothClasses() throws IOException {
        Settings s = Settings.of(Map.of("ENVMOCK_ENABLED", "1"));
        IllegalStateException e = withServices(Map.of(TtsProviderFactory.class, List.of(SecondEnvMock.class)),
                () -> assertThrows(IllegalStateException.class, () -> TtsClient.builder().settings(s).build()));
        assertTrue(e.getMessage().contains("'envmock'"), e.getMessage());
        assertTrue(e.getMessage().contains(TestProviderFactory.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(SecondEnvMock.class.getName()), e.getMessage());
    }

    @Test
    void severalValidatorsFailNamingEachUnlessOneIsChosen() throws IOException {
        Map<Class<?>, List<Class<?>>> services = Map.of(Validator.class, List.of(PassValidator.class, OtherValidator.class));
        IllegalStateException e = withServices(services, () -> assertThrows(IllegalStateException.class,
                () -> TtsClient.builder().provider(MockTtsProvider.alwaysAudio("p")).build()));
        assertTrue(e.getMessage().contains(PassValidator.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(OtherValidator.class.getName()), e.getMessage());
        String provider = withServices(services, () -> {
            try (TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("p")).validator(new PassValidator()).build()) {
                return tts.synthesize(SpeechRequest.of("Hi.")).provider();
            }
        });
        assertEquals("p", provider, "an explicitly chosen validator ends the ambiguity");
    }

    @Test
    void oneValidatorOnTheClassPathIsUsed() throws IOException {
        Map<Class<?>, List<Class<?>>> services = Map.of(Validator.class, List.of(PassValidator.class));
        String provider = withServices(services, () -> {
            try (TtsClient tts = TtsClient.builder().provider(MockTtsProvider.alwaysAudio("p")).build()) {
                return tts.synthesize(SpeechRequest.of("Hi.")).provider();
            }
        });
        assertEquals("p", provider);
    }

    private interface Body<T> {
        T run();
    }

    /** Runs body with a context class loader that also lists the given service implementations. */
    private <T> T withServices(Map<Class<?>, List<Class<?>>> services, Body<T> body) throws IOException {
        Path root = Files.createTempDirectory(dir, "services");
        Path folder = Files.createDirectories(root.resolve("META-INF/services"));
        for (Map.Entry<Class<?>, List<Class<?>>> e : services.entrySet()) {
            StringBuilder lines = new StringBuilder();
            for (Class<?> c : e.getValue()) lines.append(c.getName()).append('\n');
            Files.writeString(folder.resolve(e.getKey().getName()), lines);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            return body.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
