package dev.ttskit.validation;

import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.spi.OptionValues;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.Validator;
import dev.ttskit.spi.VoiceTarget;
import dev.ttskit.validation.internal.TextMasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link Validator} ttskit finds with {@link java.util.ServiceLoader} when tts-validation is on
 * the class path.
 *
 * <p>{@link #validate(SpeechRequest)} cleans the text ({@link TextCleaner}), checks it against the
 * policy's overall limits, validates SSML when the {@code ssml} option is true, normalises the
 * language tag, checks parameters ({@link ParameterValidator}) and the speaker reference
 * ({@link VoiceReferenceValidator}). {@link #validateFor} applies one provider's declared limits:
 * what this provider cannot serve but another may (text too long, language, format, reference
 * duration) throws {@link UnsupportedRequestException} so the router fails over or splits; parameter
 * values outside the provider's ranges throw {@link ValidationException}.
 */
public final class StandardValidator implements Validator {
    /** The option that marks a request's text as SSML. */
    public static final String SSML_OPTION = "ssml";
    private static final Logger LOG = LoggerFactory.getLogger(StandardValidator.class);

    private final ValidationPolicy policy;
    private final TextCleaner cleaner;
    private final VoiceReferenceValidator references;
    private final SsmlValidator ssml;

    /** The policy from the process's settings ({@link ValidationPolicy#fromSettings}); used by ServiceLoader. */
    public StandardValidator() {
        this(ValidationPolicy.fromSettings(Settings.fromEnv()));
    }

    /**
     * A validator applying {@code policy}.
     *
     * @param policy what to check beyond the providers' own limits
     */
    public StandardValidator(ValidationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cleaner = TextCleaner.standard().withInjectionPolicy(policy.injectionPolicy());
        this.references = VoiceReferenceValidator.from(policy);
        this.ssml = SsmlValidator.standard();
    }

    /**
     * The policy this validator applies.
     *
     * @return the policy
     */
    public ValidationPolicy policy() {
        return policy;
    }

    @Override
    public SpeechRequest validate(SpeechRequest request) {
        Objects.requireNonNull(request, "request");
        boolean isSsml = isSsml(request);
        CleanedText cleaned = (isSsml ? cleaner.withInjectionPolicy(InjectionPolicy.OFF) : cleaner).clean(request.text());
        String text = cleaned.text();
        if (isSsml && ssml.validate(text).isBlank()) {
            throw ValidationException.builder("SSML holds no text to speak").build();
        }
        checkOverallLimits(text);
        if (cleaned.report().changed() && LOG.isDebugEnabled()) LOG.debug("text cleaned: {}", cleaned.report());

        ParameterValidator.checkNeutral(request);
        Optional<String> language = request.language().map(LanguageCodes::normalise);
        Optional<Path> reference = request.speakerReference().map(p -> references.inspect(p).path().orElse(p));

        boolean changed = !text.equals(request.text()) || !language.equals(request.language())
                || !reference.equals(request.speakerReference());
        if (!changed) return request;
        SpeechRequest.Builder b = request.toBuilder().text(text);
        language.ifPresent(b::language);
        reference.ifPresent(b::speakerReference);
        return b.build();
    }

    @Override
    public ProviderRequest validateFor(ProviderRequest request, String providerId, ProviderCapabilities capabilities) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(capabilities, "capabilities");
        String text = request.text();
        if (policy.nfkcFor(providerId) && !Normalizer.isNormalized(text, Normalizer.Form.NFKC)) {
            text = Normalizer.normalize(text, Normalizer.Form.NFKC);
        }
        if (capabilities.local() && !request.flag(SSML_OPTION).orElse(false)) {
            if (policy.maskUrls()) text = TextMasks.maskUrls(text).text();
            if (policy.maskEmails()) text = TextMasks.maskEmails(text).text();
        }

        Optional<String> language = request.language().map(l -> LanguageCodes.forProvider(providerId, l));
        if (language.isPresent() && !capabilities.supportsLanguage(language.get())) {
            throw UnsupportedRequestException.builder("provider " + providerId + " does not speak language " + language.get())
                    .provider(providerId).build();
        }
        checkProviderLength(text, language, request, providerId, capabilities);
        ParameterValidator.checkFormat(request, providerId, capabilities);
        ParameterValidator.checkFor(request, providerId, capabilities);
        checkReference(request, providerId, capabilities);

        if (text.equals(request.text()) && language.equals(request.language())) return request;
        return request.toBuilder().text(text).language(language.orElse(null)).build();
    }

    private void checkOverallLimits(String text) {
        if (text.length() > policy.maxChars()) {
            throw ValidationException.builder("text has " + text.length() + " characters; at most " + policy.maxChars() + " allowed (" + ValidationPolicy.MAX_TEXT_CHARS + ")")
                    .build();
        }
        int bytes = TextCleaner.utf8Length(text);
        if (bytes > policy.maxUtf8Bytes()) {
            throw ValidationException.builder("text has " + bytes + " UTF-8 bytes; at most " + policy.maxUtf8Bytes() + " allowed")
                    .build();
        }
    }

    private static void checkProviderLength(String text, Optional<String> language, ProviderRequest request,
                                            String providerId, ProviderCapabilities capabilities) {
        int limit = capabilities.maxCharsFor(language);
        Optional<Integer> model = ProviderLimits.modelLimit(providerId, request.options());
        if (model.isPresent()) limit = Math.min(limit, model.get());
        if (text.length() > limit) {
            throw UnsupportedRequestException.builder("text has " + text.length() + " characters; provider " + providerId + " accepts at most " + limit + language.map(l -> " for language " + l).orElse("") + " per request")
                    .provider(providerId).build();
        }
        int bytes = TextCleaner.utf8Length(text);
        if (bytes > capabilities.maxUtf8Bytes()) {
            throw UnsupportedRequestException.builder("text has " + bytes + " UTF-8 bytes; provider " + providerId + " accepts at most " + capabilities.maxUtf8Bytes() + " per request")
                    .provider(providerId).build();
        }
    }

    private void checkReference(ProviderRequest request, String providerId, ProviderCapabilities capabilities) {
        Optional<Path> reference = request.voice()
                .filter(v -> v instanceof VoiceTarget.Reference)
                .map(v -> ((VoiceTarget.Reference) v).audio());
        if (reference.isPresent() && !capabilities.voiceCloning()) {
            throw UnsupportedRequestException.builder("provider " + providerId + " does not clone voices")
                    .provider(providerId).build();
        }
        if (reference.isEmpty()) return;
        ReferenceAudio audio = references.inspect(reference.get());
        VoiceReferenceValidator.checkFor(audio, providerId, capabilities.minReferenceAudio(), capabilities.maxReferenceAudio());
    }

    private static boolean isSsml(SpeechRequest request) {
        return OptionValues.flag(null, SSML_OPTION, request.options().get(SSML_OPTION)).orElse(false);
    }

    @Override
    public String toString() {
        return "StandardValidator[" + policy + "]";
    }
}
