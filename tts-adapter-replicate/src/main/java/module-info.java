/**
 * The Replicate adapter: predictions with signed webhooks, sync wait or polling, and guarded output
 * downloads. Only the API package is exported; {@code dev.ttskit.replicate.internal} is not.
 */
module dev.ttskit.replicate {
    requires transitive dev.ttskit.http;
    requires com.fasterxml.jackson.databind;

    exports dev.ttskit.replicate;

    provides dev.ttskit.spi.TtsProviderFactory with dev.ttskit.replicate.ReplicateProviderFactory;
}
