/**
 * The OpenAI speech adapter ({@code POST /v1/audio/speech}), for OpenAI itself and for servers that
 * speak the same API. Only the API package is exported; {@code dev.ttskit.openai.internal} is not.
 */
module dev.ttskit.openai {
    requires static com.google.errorprone.annotations;
    requires transitive dev.ttskit.core;
    requires dev.ttskit.http;
    requires okhttp3;
    requires okio;
    requires com.fasterxml.jackson.databind;

    exports dev.ttskit.openai;

    provides dev.ttskit.spi.TtsProviderFactory with dev.ttskit.openai.OpenAiProviderFactory;
}
