package dev.ttskit.xtts.internal;

import dev.ttskit.AudioFormatException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes a reference WAV to mono float samples: PCM 8/16/24/32-bit and 32-bit float, channels
 * averaged. Chunk sizes are bounded by the data actually present. Kept inside the adapter until the
 * shared {@code dev.ttskit.audio.WavCodec} is available to it.
 */
public final class WavReader {
    /** Mono samples in [-1, 1] and their rate. */
    public record Mono(float[] samples, int sampleRate) {
    }

    private WavReader() {
    }

    public static Mono decode(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw bad("not a RIFF/WAVE file");
        }
        int pos = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= wav.length) {
            int id = b.getInt(pos);
            long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
            int body = pos + 8;
            long available = Math.min(size, wav.length - body);
            if (id == 0x20746d66) { // "fmt "
                if (available < 16) throw bad("fmt chunk is too short");
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (format == 0xFFFE && available >= 26) format = b.getShort(body + 24) & 0xFFFF;
            } else if (id == 0x61746164) { // "data"
                if (format < 0) throw bad("data chunk before fmt chunk");
                return samples(b, body, (int) available, format, channels, rate, bits);
            }
            pos = (int) Math.min(wav.length, body + size + (size & 1));
        }
        throw bad("no data chunk");
    }

    private static Mono samples(ByteBuffer b, int offset, int length, int format, int channels, int rate, int bits) {
        if (channels < 1 || channels > 32) throw bad("channel count " + channels + " is not supported");
        if (rate < 1000 || rate > 384_000) throw bad("sample rate " + rate + " is not supported");
        boolean pcm = format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        boolean flt = format == 3 && bits == 32;
        if (!pcm && !flt) throw bad("WAV format " + format + " with " + bits + " bits is not supported");
        int bytes = bits / 8;
        int frames = length / (bytes * channels);
        float[] out = new float[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = offset + (f * channels + c) * bytes;
                double v;
                if (flt) v = b.getFloat(at);
                else v = switch (bits) {
                    case 8 -> ((b.get(at) & 0xFF) - 128) / 128.0;
                    case 16 -> b.getShort(at) / 32768.0;
                    case 24 -> (((b.get(at) & 0xFF) | ((b.get(at + 1) & 0xFF) << 8) | (b.get(at + 2) << 16))) / 8388608.0;
                    default -> b.getInt(at) / 2147483648.0;
                };
                sum += v;
            }
            out[f] = (float) (sum / channels);
        }
        return new Mono(out, rate);
    }

    private static AudioFormatException bad(String what) {
        return new AudioFormatException(XttsIds.PROVIDER, "reference audio: " + what, null, null);
    }
}
