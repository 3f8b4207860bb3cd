package dev.ttskit;

import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.TtsProvider;

/**
 * Work on one configured provider that goes beyond the common {@link TtsProvider} calls (an
 * adapter's own extras: timestamps, account queries, model lists), run by
 * {@link TtsClient#call(String, Class, ProviderCall)} under the client's deadline, cancellation and
 * resources.
 *
 * @param <P> the provider type the work needs
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface ProviderCall<P extends TtsProvider, T> {
    /**
     * Does the work.
     *
     * @param provider the configured provider instance
     * @param ctx      the call's context: pass it on to the provider's methods; it carries the client's
     *                 deadline, a cancellation that {@link TtsClient#close()} fires, and the client's
     *                 resource manager
     * @return the work's result
     */
    T apply(P provider, CallContext ctx);
}
