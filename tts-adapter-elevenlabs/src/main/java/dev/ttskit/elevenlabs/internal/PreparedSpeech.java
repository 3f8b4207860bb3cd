package dev.ttskit.elevenlabs.internal;

import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import org.jspecify.annotations.Nullable;

/**
 * A request ready to send: checked, with the voice, model and output format chosen.
 *
 * @param voiceId      the ElevenLabs voice id (path segment)
 * @param modelId      the model the body names
 * @param outputFormat the {@code output_format} query value
 * @param format       what the caller gets back (WAV when a header is to be written over PCM)
 * @param body         the JSON body
 */
public record PreparedSpeech(String voiceId, String modelId, String outputFormat, AudioFormat format, SpeechBody body) {

    /** Whether the PCM the API sends must be wrapped in a WAV header. */
    public boolean wrapWav() {
        return OutputFormats.needsWavHeader(format);
    }

    /** The format the API sends: raw PCM where a WAV header is written over it, else the caller's format. */
    public AudioFormat sourceFormat() {
        return wrapWav() ? format.withContainer(AudioFormat.Container.RAW) : format;
    }

    /** The WAV header a stream starts with when the API's PCM is wrapped, else null. */
    public byte @Nullable [] wavHeader() {
        return wrapWav() ? WavCodec.streamingHeader(format.sampleRate(), format.channels()) : null;
    }

    @Override
    public String toString() {
        return "PreparedSpeech[voice=" + voiceId + ", model=" + modelId + ", outputFormat=" + outputFormat + "]";
    }
}
