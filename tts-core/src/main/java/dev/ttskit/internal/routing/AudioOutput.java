package dev.ttskit.internal.routing;

import dev.ttskit.AudioCheckPolicy;
import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.SpeechResult;
import dev.ttskit.audio.AudioConverter;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.ContainerDuration;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.internal.AudioAccess;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;

/**
 * Turns what a provider returned into what the caller asked for, and refuses bad audio: empty,
 * undecodable or silent output is a {@link AudioFormatException} (BAD_AUDIO), which the router
 * retries or fails over, never a result.
 */
public final class AudioOutput {
    private AudioOutput() {
    }

    /**
     * Checks the provider's audio against {@code policy} for {@code text} and converts it to
     * {@code wanted} (resample, downmix, wrap).
     */
    public static SpeechResult deliver(SpeechResult result, AudioFormat wanted, String text, AudioCheckPolicy policy) {
        String provider = result.provider();
        byte[] audio = AudioAccess.audioOf(result);   // read only: no copy
        if (audio.length == 0) {
            throw AudioFormatException.builder("provider returned no audio").provider(provider)
                    .requestId(result.providerRequestId().orElse(null)).build();
        }
        AudioFormat got = result.format();
        if (!got.isPcmBased()) {
            if (!got.equals(wanted)) {
                throw AudioFormatException.builder("provider returned " + got + " but " + wanted + " was asked for")
                        .provider(provider).requestId(result.providerRequestId().orElse(null)).build();
            }
            if (got.encoding() == AudioFormat.Encoding.MP3) {
                AudioCheck.checkMp3(audio, text, policy, provider, result.providerRequestId().orElse(null));
            } else if (ContainerDuration.readable(got)) {
                AudioCheck.checkByContainer(audio, got, text, policy, provider, result.providerRequestId().orElse(null));
            }
            return result;
        }
        // The usual answer, 16-bit PCM in the format asked for, is checked where it lies: no decoding.
        if (got.equals(wanted) && AudioCheck.checkPcm16InPlace(audio, got, text, policy, provider, result.providerRequestId().orElse(null))) {
            return result;
        }
        PcmAudio pcm;
        try {
            pcm = AudioConverter.decode(audio, got);
        } catch (AudioFormatException e) {
            throw AudioFormatException.builder("provider audio is not valid " + got + ": " + e.getMessage())
                    .provider(provider).requestId(result.providerRequestId().orElse(null)).cause(e).build();
        }
        AudioCheck.check(pcm, text, policy, provider, result.providerRequestId().orElse(null));
        if (got.equals(wanted)) return result;
        byte[] converted = AudioConverter.encode(pcm, wanted);   // from the samples already decoded above
        return result.toBuilder().audio(converted).format(wanted).build();
    }

    /**
     * Adapts a provider's stream to the wanted format: as is when equal, with a streaming WAV header
     * in front of raw PCM at the same rate. Other combinations are not streamed (the planner asks
     * for a whole result instead).
     */
    public static AudioStream adaptStream(AudioStream stream, AudioFormat wanted) {
        AudioFormat got = stream.format();
        if (got.equals(wanted)) return stream;
        if (wanted.container() == AudioFormat.Container.WAV && got.equals(wanted.withContainer(AudioFormat.Container.RAW))) {
            byte[] header = WavCodec.streamingHeader(wanted.sampleRate(), wanted.channels());
            return new AudioStream(new SequenceInputStream(new ByteArrayInputStream(header), stream), wanted,
                    stream.provider(), stream.providerRequestId().orElse(null), null);
        }
        throw new IllegalStateException("cannot stream " + got + " as " + wanted);
    }

    /** Whether a stream of {@code got} can be handed on as {@code wanted} without buffering. */
    public static boolean streamable(AudioFormat got, AudioFormat wanted) {
        return got.equals(wanted)
                || (wanted.container() == AudioFormat.Container.WAV && got.equals(wanted.withContainer(AudioFormat.Container.RAW)));
    }
}
