package dev.ttskit.spi;

import dev.ttskit.SpeechRequest;

/**
 * Checks and cleans requests before any provider is tried. {@code tts-validation} provides the full
 * implementation (found with {@link java.util.ServiceLoader}); without it, the client applies a basic
 * check (text not blank, within the configured length).
 *
 * <p>Implementations throw {@link dev.ttskit.ValidationException} naming the rule, parameter and
 * allowed range, never echoing the text.
 */
public interface Validator {
    /**
     * Provider-neutral checks and cleaning: text encoding, normalisation, control characters,
     * parameter syntax, the voice reference file.
     *
     * @param request the caller's request
     * @return the request with cleaned text (or the same request when nothing changed)
     */
    SpeechRequest validate(SpeechRequest request);

    /**
     * Checks a cleaned request against one provider's declared limits (text length for that provider,
     * parameter ranges). A request too long for the provider throws
     * {@link dev.ttskit.UnsupportedRequestException}, so the router fails over or splits.
     *
     * @param request the request planned for the provider, already cleaned by {@link #validate}
     * @param providerId the provider's id, for messages
     * @param capabilities what the provider declared it accepts
     * @return the provider request, possibly adjusted for the provider (e.g. language code mapping)
     */
    ProviderRequest validateFor(ProviderRequest request, String providerId, ProviderCapabilities capabilities);
}
