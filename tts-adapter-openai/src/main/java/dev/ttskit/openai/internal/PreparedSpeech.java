package dev.ttskit.openai.internal;

import dev.ttskit.audio.AudioFormat;

/**
 * A checked request, ready to send.
 *
 * @param body     the JSON body
 * @param model    the model it asks for
 * @param format   what the caller gets
 * @param source   what the server sends: {@code format}, or raw PCM when the adapter wraps it in WAV
 * @param text     the text, kept only to scrub it from error messages
 * @param sse      whether the audio comes as server-sent events ({@code stream_format=sse})
 */
public record PreparedSpeech(byte[] body, String model, AudioFormat format, AudioFormat source, String text, boolean sse) {
    public boolean wrapWav() {
        return !format.equals(source);
    }

    /** Never prints the text or the body. */
    @Override
    public String toString() {
        return "PreparedSpeech[model=" + model + ", format=" + format + ", bodyBytes=" + body.length + "]";
    }
}
