package dev.ttskit.internal;

import dev.ttskit.SpeechRequest;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.Validator;

import java.nio.charset.StandardCharsets;

/**
 * The check applied when tts-validation is not on the classpath: text must not be blank, and must
 * fit each provider's declared limits. tts-validation adds cleaning and every other rule.
 */
public final class BasicValidator implements Validator {
    @Override
    public SpeechRequest validate(SpeechRequest request) {
        if (request.text().isBlank()) {
            throw ValidationException.builder("text is empty").build();
        }
        return request;
    }

    @Override
    public ProviderRequest validateFor(ProviderRequest request, String providerId, ProviderCapabilities capabilities) {
        int chars = request.text().length();
        int limit = capabilities.maxCharsFor(request.language());
        if (chars > limit) {
            throw UnsupportedRequestException.builder("text has " + chars + " characters; " + providerId + " accepts at most " + limit)
                    .provider(providerId).build();
        }
        int bytes = request.text().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > capabilities.maxUtf8Bytes()) {
            throw UnsupportedRequestException.builder("text has " + bytes + " UTF-8 bytes; " + providerId + " accepts at most " + capabilities.maxUtf8Bytes())
                    .provider(providerId).build();
        }
        return request;
    }
}
