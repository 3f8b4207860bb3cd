/**
 * The client API: what an application uses to turn text into audio.
 *
 * <p>{@link dev.ttskit.TtsClient} is the entry point. It is built once, from providers given to
 * its builder or found on the class path by {@link dev.ttskit.TtsClient#fromEnv()}, and shared by
 * every thread of the application. Each call takes a {@link dev.ttskit.SpeechRequest} (text, voice,
 * language, the {@link dev.ttskit.audio.AudioFormat} wanted, options, deadline) and answers in one of
 * four ways:
 * <ul>
 *   <li>{@code synthesize} and {@code synthesizeAsync}: the whole audio as a
 *       {@link dev.ttskit.SpeechResult}, with the provider that answered and the number of attempts;</li>
 *   <li>{@code stream}: an {@link dev.ttskit.AudioStream} delivering bytes as the provider sends them
 *       (close it; failover happens only before the first byte);</li>
 *   <li>{@code synthesizeLong}: text of any length, split on sentences, synthesized in parallel and
 *       reassembled in order into a {@link dev.ttskit.LongSpeechResult}, with a
 *       {@link dev.ttskit.ProgressListener} that ends at exactly 100 %.</li>
 * </ul>
 *
 * <p>Between the request and a provider the client validates the input, skips providers that cannot
 * serve it, and runs each remaining one behind a circuit breaker and a small retry before failing
 * over to the next. How it does so is tuned with immutable policies: {@link dev.ttskit.RetryPolicy},
 * {@link dev.ttskit.BreakerPolicy}, {@link dev.ttskit.HedgePolicy}, {@link dev.ttskit.CachePolicy},
 * {@link dev.ttskit.LongTextPolicy} and {@link dev.ttskit.HttpSettings}. Voices an application names
 * ({@code "narrator"}) are mapped per provider by {@link dev.ttskit.LogicalVoice}; credentials are
 * {@link dev.ttskit.ApiKey}s, which never print; {@link dev.ttskit.Settings} reads configuration from
 * system properties and the environment.
 *
 * <p>What happened is observable without parsing logs: {@link dev.ttskit.TtsListener} receives
 * routing events, {@code health()} returns a {@link dev.ttskit.ProviderHealth} per provider, and
 * {@code cacheStats()} a {@link dev.ttskit.CacheStats}.
 *
 * <p>Every failure is an unchecked {@link dev.ttskit.TtsException}. Its
 * {@link dev.ttskit.ErrorCategory} decides routing (retried, failed over, counted against the
 * breaker), and each category has its own subtype, from {@link dev.ttskit.ValidationException} to
 * {@link dev.ttskit.AllProvidersFailedException}, which keeps every attempt's failure.
 *
 * <pre>{@code
 * try (TtsClient tts = TtsClient.fromEnv()) {           // the offline voice when nothing is configured
 *     SpeechResult r = tts.synthesize(SpeechRequest.builder()
 *             .text("Hello there.").language("en").format(AudioFormat.WAV_PCM16_24K).build());
 *     Files.write(Path.of("hello.wav"), r.audioBytes());
 * } catch (TtsException e) {
 *     int status = e.httpStatus();                      // what your own service should answer
 * }
 * }</pre>
 *
 * @see dev.ttskit.spi the contract a provider implements
 * @see dev.ttskit.audio formats and the audio codecs the client converts with
 */
@NullMarked
package dev.ttskit;

import org.jspecify.annotations.NullMarked;
