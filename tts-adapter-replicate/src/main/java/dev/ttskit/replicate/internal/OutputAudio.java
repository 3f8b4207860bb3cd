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

import java.util.Optional;

/**
 * Identifies a downloaded output by its bytes (never by the server's Content-Type) and delivers it in
 * the requested format where ttskit can convert: WAV of any depth and rate becomes the requested
 * linear PCM or G.711, in a WAV container or raw. MP3 is returned as MP3; a WAV output asked for as
 * MP3 (a raw-mode model) stays WAV. Either way the format is named truthfully. Silent WAV output is
 * refused as bad audio.
 *
 * @param audio  the bytes
 * @param format their format
 */
public record OutputAudio(byte[] audio, AudioFormat format) {

    /**
     * @throws AudioFormatException when the bytes are empty, silent, not WAV or MP3, or unparsable
     */
    public static OutputAudio of(byte[] bytes, AudioFormat wanted, String provider, String requestId) {
        if (bytes.length == 0) throw AudioFormatException.builder("output file is empty")
                .provider(provider).requestId(requestId).build();
        Optional<AudioSniffer.Kind> kind = AudioSniffer.detect(bytes);
        if (kind.isEmpty()) throw AudioFormatException.builder("output is not a recognised audio file")
                .provider(provider).requestId(requestId).build();
        switch (kind.get()) {
            case WAV:
                return fromWav(bytes, wanted, provider, requestId);
            case MP3: {
                MpegFrameHeader frame = MpegFrameHeader.first(bytes, 64 * 1024)
                        .orElseThrow(() -> AudioFormatException.builder("MP3 output has no readable frame")
                                .provider(provider).requestId(requestId).build());
                if (wanted.encoding() == AudioFormat.Encoding.MP3 && wanted.sampleRate() == frame.sampleRate()) {
                    return new OutputAudio(bytes, wanted);   // bitrate varies per frame in VBR files
                }
                return new OutputAudio(bytes, AudioFormat.of(AudioFormat.Container.MP3, AudioFormat.Encoding.MP3,
                        frame.sampleRate(), frame.channels(), frame.bitrateKbps()));
            }
            default:
                throw AudioFormatException.builder("output is " + kind.get() + ", which ttskit cannot return")
                        .provider(provider).requestId(requestId).build();
        }
    }

    private static OutputAudio fromWav(byte[] bytes, AudioFormat wanted, String provider, String requestId) {
        WavInfo h;
        PcmAudio pcm;
        try {
            h = WavCodec.readInfo(bytes);
            pcm = WavCodec.decode(bytes);
        } catch (TtsException e) {
            throw AudioFormatException.builder("WAV output cannot be decoded: " + e.getMessage())
                    .provider(provider).requestId(requestId).cause(e).build();
        }
        if (pcm.isEmpty()) throw AudioFormatException.builder("WAV output holds no samples")
                .provider(provider).requestId(requestId).build();
        if (AudioAnalysis.isSilent(pcm)) throw AudioFormatException.builder("WAV output is silent")
                .provider(provider).requestId(requestId).build();
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

    @Override
    public String toString() {
        return "OutputAudio[" + format + ", " + audio.length + " bytes]";
    }
}
