package dev.ttskit.polly.internal;

import dev.ttskit.audio.AudioFormat;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechRequest;

/**
 * A checked request, ready to send.
 *
 * @param request    the SDK request for the audio
 * @param format     what the caller gets
 * @param source     what Polly sends: {@code format}, or raw PCM when the adapter wraps it in WAV
 * @param sentText   the text or SSML as sent (speech-mark offsets point into it)
 * @param timestamps whether word timings were asked for (a second, speech-mark request)
 */
public record PreparedSpeech(SynthesizeSpeechRequest request, AudioFormat format, AudioFormat source, String sentText,
                             boolean timestamps) {
    public boolean wrapWav() {
        return !format.equals(source);
    }

    /** Never prints the text. */
    @Override
    public String toString() {
        return "PreparedSpeech[voice=" + request.voiceIdAsString() + ", engine=" + request.engineAsString() + ", format=" + format + "]";
    }
}
