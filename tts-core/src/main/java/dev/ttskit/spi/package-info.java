/**
 * The provider SPI: what an adapter implements so that {@link dev.ttskit.TtsClient} can route to it.
 *
 * <p>A provider is a {@link dev.ttskit.spi.TtsProvider}: an id, its
 * {@link dev.ttskit.spi.ProviderCapabilities} (formats, sample rates, languages, streaming, cloning,
 * text limits, parameter ranges) and calls that synthesize, stream and list voices. The router reads
 * the capabilities to skip a provider that cannot serve a request before calling it, and the
 * validator reads the same table for per-provider limits, so one declaration drives both.
 *
 * <p>Each call gets a {@link dev.ttskit.spi.ProviderRequest} (the caller's request as this provider
 * sees it: cleaned text, the {@link dev.ttskit.spi.VoiceTarget} resolved for it, the format it must
 * produce and only its own options) and a {@link dev.ttskit.spi.CallContext}: the deadline the call
 * must not outlive, the {@link dev.ttskit.spi.CancellationToken} it must honour, and the client's
 * {@link dev.ttskit.spi.ResourceManager}, which owns what adapters share and must release (the HTTP
 * client, local models, threads, open streams). Failures are thrown as the typed exceptions of
 * {@link dev.ttskit}, carrying the provider's id; the router decides retry and failover from their
 * category, never the adapter.
 *
 * <p>{@link dev.ttskit.TtsClient#fromEnv()} finds providers through
 * {@link dev.ttskit.spi.TtsProviderFactory} with {@link java.util.ServiceLoader}: a factory makes its
 * provider from {@link dev.ttskit.Settings}, or nothing when its settings are missing. The one
 * {@link dev.ttskit.spi.Validator} on the class path (tts-validation provides the full one) checks
 * every request before any provider is tried.
 *
 * <pre>{@code
 * public final class EchoProviderFactory implements TtsProviderFactory {
 *     public String id() { return "echo"; }
 *     public Optional<TtsProvider> create(Settings settings) {
 *         return settings.get("ECHO_URL").map(url -> new EchoProvider(url));
 *     }
 * }
 * // META-INF/services/dev.ttskit.spi.TtsProviderFactory lists the factory;
 * // module-info.java: provides dev.ttskit.spi.TtsProviderFactory with ...EchoProviderFactory;
 * }</pre>
 *
 * <p>Adapters check themselves against the contract by extending the testkit's
 * {@code TtsProviderContractTest}.
 */
@NullMarked
package dev.ttskit.spi;

import org.jspecify.annotations.NullMarked;
