package dev.ttskit.replicate.internal;

import dev.ttskit.AudioFormatException;
import dev.ttskit.audio.AudioFormat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * Identifies a downloaded output by its bytes and brings it as close to the requested format as can
 * be done without resampling: WAV of any integer or float depth becomes 16-bit PCM, and WAV becomes
 * headerless PCM when that was asked for at the same rate. Otherwise the model's own format is
 * returned and named truthfully.
 *
 * @param audio  the bytes
 * @param format their format
 */
public record OutputAudio(byte[] audio, AudioFormat format) {

    /**
     * @throws AudioFormatException when the bytes are empty, not WAV or MP3, or unparsable
     */
    public static OutputAudio of(byte[] bytes, AudioFormat wanted, String provider, String requestId) {
        if (bytes.length == 0) throw new AudioFormatException(provider, "output file is empty", requestId, null);
        Optional<AudioSniffer.Kind> kind = AudioSniffer.detect(bytes);
        if (kind.isEmpty()) throw new AudioFormatException(provider, "output is not a recognised audio file", requestId, null);
        switch (kind.get()) {
            case WAV:
                return fromWav(bytes, wanted, provider, requestId);
            case MP3: {
                Mp3Frame frame = Mp3Frame.first(bytes, 64 * 1024)
                        .orElseThrow(() -> new AudioFormatException(provider, "MP3 output has no readable frame", requestId, null));
                if (wanted.encoding() == AudioFormat.Encoding.MP3 && wanted.sampleRate() == frame.sampleRate()) {
                    return new OutputAudio(bytes, wanted);   // bitrate varies per frame in VBR files
                }
                return new OutputAudio(bytes, AudioFormat.of(AudioFormat.Container.MP3, AudioFormat.Encoding.MP3,
                        frame.sampleRate(), frame.channels(), frame.bitrateKbps()));
            }
            default:
                throw new AudioFormatException(provider, "output is " + kind.get() + ", which ttskit cannot return", requestId, null);
        }
    }

    private static OutputAudio fromWav(byte[] bytes, AudioFormat wanted, String provider, String requestId) {
        WavHeader h = WavHeader.read(bytes)
                .orElseThrow(() -> new AudioFormatException(provider, "WAV output has no readable fmt and data chunks", requestId, null));
        if (h.channels() > 8 || h.sampleRate() < 4_000 || h.sampleRate() > 192_000) {
            throw new AudioFormatException(provider, "WAV output has " + h.channels() + " channels at " + h.sampleRate() + " Hz", requestId, null);
        }
        byte[] pcm = toPcm16(bytes, h, provider, requestId);
        if (pcm.length == 0) throw new AudioFormatException(provider, "WAV output holds no samples", requestId, null);
        AudioFormat nativeRaw = AudioFormat.of(AudioFormat.Container.RAW, AudioFormat.Encoding.PCM_S16LE, h.sampleRate(), h.channels(), 0);
        if (wanted.equals(nativeRaw)) return new OutputAudio(pcm, wanted);
        AudioFormat nativeWav = nativeRaw.withContainer(AudioFormat.Container.WAV);
        byte[] wav = h.isPcm16() && h.dataOffset() == 44 && h.dataLength() == bytes.length - 44 ? bytes : wrap(pcm, h.sampleRate(), h.channels());
        return new OutputAudio(wav, nativeWav);
    }

    /** Sample data as 16-bit little-endian PCM, whole frames only. */
    static byte[] toPcm16(byte[] bytes, WavHeader h, String provider, String requestId) {
        int bits = h.bitsPerSample();
        int bytesPerSample = bits / 8;
        boolean supported = (h.formatTag() == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                || (h.formatTag() == 3 && (bits == 32 || bits == 64));
        if (!supported) {
            throw new AudioFormatException(provider, "WAV output encoding " + h.formatTag() + "/" + bits + " bit is not supported", requestId, null);
        }
        int frame = bytesPerSample * h.channels();
        int samples = h.dataLength() / frame * h.channels();
        int off = h.dataOffset();
        if (h.formatTag() == 1 && bits == 16) return Arrays.copyOfRange(bytes, off, off + samples * 2);
        ByteBuffer in = ByteBuffer.wrap(bytes, off, samples * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            int s;
            if (h.formatTag() == 3) {
                double v = bits == 32 ? in.getFloat() : in.getDouble();
                if (Double.isNaN(v)) v = 0;
                s = (int) Math.round(Math.max(-1.0, Math.min(1.0, v)) * 32767.0);
            } else if (bits == 8) {
                s = ((in.get() & 0xff) - 128) << 8;
            } else if (bits == 24) {
                int b0 = in.get() & 0xff;
                int b1 = in.get() & 0xff;
                int b2 = in.get();
                s = ((b2 << 16) | (b1 << 8) | b0) >> 8;
            } else {
                s = in.getInt() >> 16;
            }
            out.putShort((short) s);
        }
        return out.array();
    }

    /** A 44-byte PCM16 WAV header in front of the samples. */
    static byte[] wrap(byte[] pcm, int sampleRate, int channels) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
        return b.array();
    }

    @Override
    public String toString() {
        return "OutputAudio[" + format + ", " + audio.length + " bytes]";
    }
}
