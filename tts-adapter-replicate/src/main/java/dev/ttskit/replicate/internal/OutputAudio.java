package dev.ttskit.replicate.internal;

import dev.ttskit.AudioFormatException;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioAnalysis;
import dev.ttskit.audio.AudioConverter;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.MpegFrameHeader;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import org.jspecify.annotations.Nullable;

import java.util.Optional;

/**
 * Identifies a downloaded output by its bytes (never by the server's Content-Type) and delivers it in
 * the requested format where ttskit can convert: WAV of any depth and rate becomes the requested
 * linear PCM or G.711, in a WAV container or raw. MP3 is returned as MP3; a WAV output asked for as
 * MP3 (a raw-mode model) stays WAV. Either way the format is named truthfully. Silent WAV output, and
 * WAV at a rate or channel count no {@link AudioFormat} can name, is refused as bad audio that is not
 * worth retrying on the same model.
 *
 * @param audio  the bytes
 * @param format their format
 */
public record OutputAudio(byte[] audio, AudioFormat format) {

    /**
     * @throws AudioFormatException when the bytes are empty, silent, not WAV or MP3, or unparsable
     */
    public static OutputAudio of(byte[] bytes, AudioFormat wanted, String provider, String requestId) {
        if (bytes.length == 0) throw bad("output file is empty", provider, requestId);
        Optional<AudioSniffer.Kind> kind = AudioSniffer.detect(bytes);
        if (kind.isEmpty()) throw bad("output is not a recognised audio file", provider, requestId);
        switch (kind.get()) {
            case WAV:
                return fromWav(bytes, wanted, provider, requestId);
            case MP3: {
                MpegFrameHeader frame = MpegFrameHeader.first(bytes, 64 * 1024)
                        .orElseThrow(() -> bad("MP3 output has no readable frame", provider, requestId));
                if (wanted.encoding() == AudioFormat.Encoding.MP3 && wanted.sampleRate() == frame.sampleRate()) {
                    return new OutputAudio(bytes, wanted);   // bitrate varies per frame in VBR files
                }
                return new OutputAudio(bytes, AudioFormat.of(AudioFormat.Container.MP3, AudioFormat.Encoding.MP3,
                        frame.sampleRate(), frame.channels(), frame.bitrateKbps()));
            }
            default:
                throw bad("output is " + kind.get() + ", which ttskit cannot return", provider, requestId);
        }
    }

    private static OutputAudio fromWav(byte[] bytes, AudioFormat wanted, String provider, String requestId) {
        WavInfo h;
        PcmAudio pcm;
        try {
            h = WavCodec.readInfo(bytes);
            pcm = WavCodec.decode(bytes);
        } catch (TtsException e) {
            throw bad("WAV output cannot be decoded: " + e.getMessage(), provider, requestId, e);
        }
        if (pcm.isEmpty()) throw bad("WAV output holds no samples", provider, requestId);
        if (AudioAnalysis.isSilent(pcm)) throw bad("WAV output is silent", provider, requestId);
        boolean convertible = wanted.isPcmBased();
        if (convertible) {
            AudioFormat nativeWav = AudioFormat.of(AudioFormat.Container.WAV, AudioFormat.Encoding.PCM_S16LE,
                    pcm.sampleRate(), pcm.channels(), 0);
            boolean plainPcm16 = h.formatTag() == WavInfo.PCM && h.bitsPerSample() == 16 && h.dataOffset() == WavCodec.HEADER_SIZE && h.dataLength() == bytes.length - WavCodec.HEADER_SIZE;
            // Already exactly what was asked for: hand the model's bytes on untouched.
            if (wanted.equals(nativeWav) && plainPcm16) return new OutputAudio(bytes, wanted);
            return new OutputAudio(AudioConverter.encode(pcm, wanted), wanted);
        }
        return new OutputAudio(WavCodec.encode(pcm), AudioFormat.of(AudioFormat.Container.WAV, AudioFormat.Encoding.PCM_S16LE,
                pcm.sampleRate(), pcm.channels(), 0));
    }

    /**
     * A model's output is what it is: asking the same model again bills a new prediction for the same
     * odd file, so the router fails over instead of retrying.
     */
    private static AudioFormatException bad(String message, String provider, @Nullable String requestId) {
        return bad(message, provider, requestId, null);
    }

    private static AudioFormatException bad(String message, String provider, @Nullable String requestId, @Nullable Throwable cause) {
        return AudioFormatException.builder(message).provider(provider).requestId(requestId).cause(cause)
                .retryable(false).build();
    }

    @Override
    public String toString() {
        return "OutputAudio[" + format + ", " + audio.length + " bytes]";
    }
}
