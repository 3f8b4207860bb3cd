package dev.ttskit.replicate;

import mockwebserver3.MockResponse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Generated test data: audio files, prediction objects, JSON answers. */
final class Fixtures {
    private Fixtures() {
    }

    /** A 16-bit mono WAV of a 440 Hz tone. */
    static byte[] wav(int sampleRate, int frames) {
        ByteBuffer pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) pcm.putShort((short) (Math.sin(2 * Math.PI * 440 * i / sampleRate) * 12_000));
        return wavOf(pcm.array(), sampleRate, 1, 16, 1);
    }

    /** A 32-bit float mono WAV of a tone. */
    static byte[] floatWav(int sampleRate, int frames) {
        ByteBuffer data = ByteBuffer.allocate(frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) data.putFloat((float) (Math.sin(2 * Math.PI * 440 * i / sampleRate) * 0.5));
        return wavOf(data.array(), sampleRate, 1, 32, 3);
    }

    static byte[] wavOf(byte[] data, int rate, int channels, int bits, int formatTag) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + data.length).put(ascii("WAVEfmt ")).putInt(16)
                .putShort((short) formatTag).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits)
                .put(ascii("data")).putInt(data.length).put(data);
        return b.array();
    }

    /** A few MPEG-1 Layer III frame headers at 44.1 kHz, 128 kbit/s, mono, behind an ID3 tag. */
    static byte[] mp3() {
        byte[] b = new byte[10 + 417 * 3];
        b[0] = 'I'; b[1] = 'D'; b[2] = '3'; b[3] = 4;
        for (int f = 0; f < 3; f++) {
            int o = 10 + f * 417;
            b[o] = (byte) 0xFF; b[o + 1] = (byte) 0xFB; b[o + 2] = (byte) 0x90; b[o + 3] = (byte) 0xC4;
        }
        return b;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String dataUri(byte[] bytes) {
        return "data:audio/wav;base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** A prediction object as Replicate writes it; {@code output} is raw JSON ({@code null}, a string, an array). */
    static String prediction(String id, String status, String outputJson) {
        return "{\"id\":\"" + id + "\",\"model\":\"replicate-internal/some-model\",\"version\":\"hidden\","
                + "\"input\":{\"text\":\"Hello\"},\"logs\":\"\",\"output\":" + outputJson + ",\"data_removed\":false,"
                + "\"error\":null,\"status\":\"" + status + "\",\"created_at\":\"2023-11-27T13:35:45.99397566Z\","
                + "\"started_at\":\"2024-10-04T18:07:40.51Z\",\"extra_field\":{\"nested\":[1,2]},"
                + "\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/" + id + "\",\"cancel\":\"https://api.replicate.com/v1/predictions/" + id + "/cancel\"}}";
    }

    static String quoted(String s) {
        return "\"" + s + "\"";
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=UTF-8").body(body).build();
    }

    static MockResponse audio(byte[] bytes, String contentType) {
        okio.Buffer buffer = new okio.Buffer().write(bytes);
        MockResponse.Builder b = new MockResponse.Builder().code(200).body(buffer);
        if (contentType != null) b.setHeader("Content-Type", contentType);
        return b.build();
    }
}
