/**
 * The ElevenLabs adapter: text to speech over REST (whole, streamed, with timestamps), WebSocket
 * input streaming, and the voice, model and subscription calls. Internals are not exported.
 */
module dev.ttskit.elevenlabs {
    requires static com.google.errorprone.annotations;
    requires transitive dev.ttskit.core;
    requires dev.ttskit.http;
    requires okhttp3;
    requires okio;
    requires com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.ttskit.elevenlabs;
    // Jackson reads and writes the request body records by reflection.
    opens dev.ttskit.elevenlabs.internal to com.fasterxml.jackson.databind;

    provides dev.ttskit.spi.TtsProviderFactory with dev.ttskit.elevenlabs.ElevenLabsProviderFactory;
}
