/**
 * Request validation: what ttskit checks before any provider is called, so bad input fails fast,
 * with a clear message, and costs nothing.
 *
 * <p>{@link dev.ttskit.validation.StandardValidator} implements core's
 * {@link dev.ttskit.spi.Validator}. Having this module on the class path (or module path) is enough:
 * the client finds it with {@link java.util.ServiceLoader} and runs it on every request. It works in
 * two steps. Once per request it cleans the text ({@link dev.ttskit.validation.TextCleaner}, whose
 * result is a {@link dev.ttskit.validation.CleanedText} with a count-only
 * {@link dev.ttskit.validation.CleaningReport}), checks SSML ({@link dev.ttskit.validation.SsmlValidator}),
 * normalises the language tag ({@link dev.ttskit.validation.LanguageCodes}), checks parameters
 * ({@link dev.ttskit.validation.ParameterValidator}) and the voice reference for cloning
 * ({@link dev.ttskit.validation.VoiceReferenceValidator}, which sniffs the real
 * {@link dev.ttskit.validation.ReferenceFormat} and reports a {@link dev.ttskit.validation.ReferenceAudio}).
 * Then, per candidate provider, it applies that provider's declared limits
 * ({@link dev.ttskit.validation.ProviderLimits} holds those of the shipped adapters): what one provider
 * cannot serve but another may is an {@link dev.ttskit.UnsupportedRequestException}, so the router
 * fails over or splits the text; what no provider may take is a {@link dev.ttskit.ValidationException}.
 *
 * <p>{@link dev.ttskit.validation.ValidationPolicy} sets what goes beyond the providers' limits: the
 * text limit, the directories voice references may come from, URL and e-mail masking, and
 * {@link dev.ttskit.validation.InjectionPolicy} screening, which is off by default because it rejects
 * ordinary prose. {@link dev.ttskit.validation.FileNames} makes file names and output paths safe.
 *
 * <pre>{@code
 * TtsClient tts = TtsClient.builder()
 *         .provider(provider)
 *         .validator(new StandardValidator(ValidationPolicy.builder()
 *                 .allowReferencesFrom(Path.of("/srv/voices"))
 *                 .build()))
 *         .build();
 * }</pre>
 *
 * <p>Messages name the rule, the parameter and the allowed range; they never contain the text.
 */
@NullMarked
package dev.ttskit.validation;

import org.jspecify.annotations.NullMarked;
