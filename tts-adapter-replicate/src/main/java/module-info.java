/**
 * The Replicate adapter: predictions with signed webhooks, sync wait or polling, and guarded output
 * downloads. Only the API package is exported; {@code dev.ttskit.replicate.internal} is not.
 */
module dev.ttskit.replicate {
    requires static com.google.errorprone.annotations;
    requires transitive dev.ttskit.core;
    // The shared HTTP client is how the adapter talks to Replicate; no exported signature names it.
    requires dev.ttskit.http;
    requires okhttp3;
    requires okio;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    exports dev.ttskit.replicate;

    provides dev.ttskit.spi.TtsProviderFactory with dev.ttskit.replicate.ReplicateProviderFactory;
}
