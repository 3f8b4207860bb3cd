package dev.ttskit.spring.app;

import dev.ttskit.Settings;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.spi.TtsProviderFactory;
import dev.ttskit.testkit.MockTtsProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.util.Optional;

/** A web application whose only provider is the testkit's mock: fast, offline, and loud enough for the audio checks. */
@SpringBootApplication
public class MockVoiceApplication {

    /** The mock provider, added to the auto-configured chain as a factory bean. */
    @Bean
    TtsProviderFactory mockVoice() {
        return new TtsProviderFactory() {
            @Override
            public String id() {
                return "mock";
            }

            @Override
            public Optional<TtsProvider> create(Settings settings) {
                return Optional.of(MockTtsProvider.alwaysAudio("mock"));
            }
        };
    }
}
