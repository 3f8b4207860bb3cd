package dev.ttskit.audio;

import dev.ttskit.AudioFormatException;
import dev.ttskit.audio.TestSignals.Riff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavCodecTest {

    private static final byte[] FOUR_PCM16_FRAMES = {0, 0, 0, 0x40, 0, (byte) 0xC0, (byte) 0xFF, 0x7F};

    @Test
    void encodeThenDecodeIsExactForPcm16Values() {
        float[] s = new float[2 * 300];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (Math.round(Math.sin(i * 0.1) * 30000) / 32768.0);
        }
        PcmAudio in = PcmAudio.of(s, 22_050, 2);
        byte[] wav = WavCodec.encode(in);
        assertEquals(44 + 600 * 2, wav.length);
        assertEquals(in, WavCodec.decode(wav));
    }

    @Test
    void readInfoDescribesWhatIsPresent() {
        byte[] wav = WavCodec.encode(PcmAudio.of(new float[48_000], 24_000, 2));
        WavInfo info = WavCodec.readInfo(wav);
        assertEquals(new WavInfo(24_000, 2, 16, WavInfo.PCM, 44, 96_000, Duration.ofSeconds(1)), info);
        assertEquals(24_000, info.frames());
        assertEquals(4, info.frameSize());
    }

    @Test
    void headerMatchesTheCanonicalLayout() {
        byte[] wav = WavCodec.wrapPcm16(FOUR_PCM16_FRAMES, 16_000, 1);
        byte[] expected = new Riff().id("RIFF").u32(36 + 8).id("WAVE").fmt(1, 1, 16_000, 16).data(8, FOUR_PCM16_FRAMES).build();
        assertArrayEquals(expected, wav);
    }

    @Test
    void decodesEveryIntegerDepthToTheSameLevels() {
        // 0, +0.5, -0.5, (nearly) -1 at each depth.
        byte[] pcm8 = {(byte) 128, (byte) 192, 64, 0};
        byte[] pcm16 = {0, 0, 0, 0x40, 0, (byte) 0xC0, 0, (byte) 0x80};
        byte[] pcm24 = {0, 0, 0, 0, 0, 0x40, 0, 0, (byte) 0xC0, 0, 0, (byte) 0x80};
        byte[] pcm32 = {0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, (byte) 0xC0, 0, 0, 0, (byte) 0x80};
        float[] expected = {0f, 0.5f, -0.5f, -1f};
        assertArrayEquals(expected, decodeMono(1, 8, pcm8).samples());
        assertArrayEquals(expected, decodeMono(1, 16, pcm16).samples());
        assertArrayEquals(expected, decodeMono(1, 24, pcm24).samples());
        assertArrayEquals(expected, decodeMono(1, 32, pcm32).samples());
    }

    @Test
    void decodesFloat32AndFloat64() {
        java.nio.ByteBuffer f32 = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        f32.putFloat(0.25f).putFloat(-0.75f);
        java.nio.ByteBuffer f64 = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        f64.putDouble(0.25).putDouble(-0.75);
        assertArrayEquals(new float[] {0.25f, -0.75f}, decodeMono(3, 32, f32.array()).samples());
        assertArrayEquals(new float[] {0.25f, -0.75f}, decodeMono(3, 64, f64.array()).samples());
    }

    @Test
    void decodesG711() {
        // µ-law 0xFF is 0 and 0x80 is +32124; A-law 0xD5 is +8 and 0x2A is -32256.
        assertArrayEquals(new float[] {0f, 32124 / 32768f}, decodeMono(7, 8, new byte[] {(byte) 0xFF, (byte) 0x80}).samples());
        assertArrayEquals(new float[] {8 / 32768f, -32256 / 32768f}, decodeMono(6, 8, new byte[] {(byte) 0xD5, 0x2A}).samples());
    }

    @Test
    void decodesWaveFormatExtensible() {
        byte[] pcm24in32 = {0, 0, 0, 0x40, 0, 0, 0, (byte) 0xC0};
        byte[] wav = Riff.wave().fmtExtensible(1, 2, 48_000, 32, 24).data(8, pcm24in32).build();
        PcmAudio a = WavCodec.decode(wav);
        assertEquals(2, a.channels());
        assertEquals(48_000, a.sampleRate());
        assertArrayEquals(new float[] {0.5f, -0.5f}, a.samples());

        java.nio.ByteBuffer f32 = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(0.125f);
        byte[] floatWav = Riff.wave().fmtExtensible(3, 1, 44_100, 32, 32).data(4, f32.array()).build();
        assertEquals(WavInfo.IEEE_FLOAT, WavCodec.readInfo(floatWav).formatTag());
        assertArrayEquals(new float[] {0.125f}, WavCodec.decode(floatWav).samples());
    }

    @Test
    void skipsUnknownAndOddSizedChunks() {
        byte[] wav = Riff.wave()
                .chunk("JUNK", new byte[7])                     // odd: padded to 8
                .fmt(1, 1, 16_000, 16)
                .chunk("fact", new byte[] {4, 0, 0, 0})
                .chunk("LIST", "INFOISFT\u0005\0\0\0ttsk\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .data(8, FOUR_PCM16_FRAMES)
                .chunk("LIST", new byte[3])
                .build();
        assertEquals(PcmAudio.fromPcm16(FOUR_PCM16_FRAMES, 16_000, 1), WavCodec.decode(wav));
    }

    @Test
    void toleratesAMissingPadByteAfterAnOddChunk() {
        byte[] wav = Riff.wave().fmt(1, 1, 16_000, 16)
                .id("LIST").u32(5).bytes(new byte[] {1, 2, 3, 4, 5})   // no pad byte
                .data(8, FOUR_PCM16_FRAMES).build();
        assertEquals(4, WavCodec.decode(wav).frames());
    }

    @Test
    void dataChunkBeforeFmtIsFound() {
        byte[] wav = Riff.wave().data(8, FOUR_PCM16_FRAMES).fmt(1, 1, 16_000, 16).build();
        assertEquals(PcmAudio.fromPcm16(FOUR_PCM16_FRAMES, 16_000, 1), WavCodec.decode(wav));
    }

    @Test
    void unknownDataSizeMeansReadToTheEnd() {
        for (long declared : new long[] {0L, 0xFFFF_FFFFL}) {
            byte[] wav = Riff.wave().fmt(1, 1, 16_000, 16).data(declared, FOUR_PCM16_FRAMES).build();
            assertEquals(4, WavCodec.decode(wav).frames(), "declared " + declared);
        }
        byte[] streamed = concat(WavCodec.streamingHeader(24_000, 1), FOUR_PCM16_FRAMES);
        assertEquals(PcmAudio.fromPcm16(FOUR_PCM16_FRAMES, 24_000, 1), WavCodec.decode(streamed));
    }

    @Test
    void streamingHeaderAloneHasNoFrames() {
        byte[] header = WavCodec.streamingHeader(22_050, 2);
        assertEquals(44, header.length);
        WavInfo info = WavCodec.readInfo(header);
        assertEquals(22_050, info.sampleRate());
        assertEquals(2, info.channels());
        assertEquals(44, info.dataOffset());
        assertEquals(0, info.dataLength());
        assertEquals(Duration.ZERO, info.duration());
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavCodec.decode(header));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void oversizedDataIsClampedToWholeFramesPresent() {
        // Claims 1 MB, holds 4 stereo-16 frames and 3 stray bytes of a fifth.
        byte[] body = Arrays.copyOf(new byte[] {1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0, 9, 0, 10}, 19);
        byte[] wav = Riff.wave().fmt(1, 2, 8_000, 16).data(1_000_000, body).build();
        WavInfo info = WavCodec.readInfo(wav);
        assertEquals(16, info.dataLength());
        assertEquals(4, WavCodec.decode(wav).frames());
        assertEquals(Duration.ofMillis(0).plusNanos(500_000), info.duration());
    }

    @Test
    void hugeDeclaredSizesAllocateOnlyWhatIsPresent() {
        for (long declared : new long[] {9L, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFF0L, 0xFFFF_FFFEL}) {
            byte[] wav = Riff.wave().fmt(1, 1, 16_000, 16).data(declared, FOUR_PCM16_FRAMES).build();
            assertEquals(4, WavCodec.decode(wav).frames(), "declared " + declared);
        }
    }

    @Test
    void riffSizeIsIgnored() {
        for (long riffSize : new long[] {0L, 4L, 36L, 0xFFFF_FFFFL}) {
            byte[] wav = new Riff().id("RIFF").u32(riffSize).id("WAVE").fmt(1, 1, 16_000, 16)
                    .data(8, FOUR_PCM16_FRAMES).build();
            assertEquals(4, WavCodec.decode(wav).frames(), "RIFF size " + riffSize);
        }
    }

    @Test
    void rf64HeadersAreRead() {
        byte[] wav = new Riff().id("RF64").u32(0xFFFF_FFFFL).id("WAVE").chunk("ds64", new byte[28])
                .fmt(1, 1, 16_000, 16).data(0xFFFF_FFFFL, FOUR_PCM16_FRAMES).build();
        assertEquals(PcmAudio.fromPcm16(FOUR_PCM16_FRAMES, 16_000, 1), WavCodec.decode(wav));
    }

    @Test
    void truncatedFileYieldsTheFramesItStillHas() {
        byte[] full = WavCodec.encode(TestSignals.sine(440, 0.5, 16_000, 1_000));
        byte[] cut = Arrays.copyOf(full, 44 + 2 * 600 + 1);
        assertEquals(600, WavCodec.decode(cut).frames());
    }

    static Stream<Arguments> malformed() {
        byte[] ok = FOUR_PCM16_FRAMES;
        byte[] valid = Riff.wave().fmt(1, 1, 16_000, 16).data(8, ok).build();
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("11 bytes", Arrays.copyOf(valid, 11)),
                Arguments.of("RIFF header only", Arrays.copyOf(valid, 12)),
                Arguments.of("cut inside fmt chunk header", Arrays.copyOf(valid, 17)),
                Arguments.of("cut inside fmt chunk body", Arrays.copyOf(valid, 30)),
                Arguments.of("cut inside data chunk header", Arrays.copyOf(valid, 40)),
                Arguments.of("header without frames", Arrays.copyOf(valid, 44)),
                Arguments.of("one byte of a two-byte frame", Arrays.copyOf(valid, 45)),
                Arguments.of("not RIFF", new Riff().id("RIFX").u32(44).id("WAVE").fmt(1, 1, 16_000, 16).data(8, ok).build()),
                Arguments.of("not WAVE", new Riff().id("RIFF").u32(44).id("AVI ").fmt(1, 1, 16_000, 16).data(8, ok).build()),
                Arguments.of("MP3 bytes", new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                Arguments.of("no fmt chunk", Riff.wave().data(8, ok).build()),
                Arguments.of("no data chunk", Riff.wave().fmt(1, 1, 16_000, 16).chunk("LIST", new byte[4]).build()),
                Arguments.of("fmt size 14", Riff.wave().id("fmt ").u32(14).u16(1).u16(1).u32(16_000).u32(32_000).u16(2).data(8, ok).build()),
                Arguments.of("fmt size huge", Riff.wave().id("fmt ").u32(0xFFFF_FFF0L).u16(1).u16(1).u32(16_000).u32(32_000).u16(2).u16(16).data(8, ok).build()),
                Arguments.of("chunk before data claims 4 GB", Riff.wave().fmt(1, 1, 16_000, 16).id("LIST").u32(0xFFFF_FFFFL).data(8, ok).build()),
                Arguments.of("zero channels", Riff.wave().fmt(1, 0, 16_000, 16).data(8, ok).build()),
                Arguments.of("65535 channels", Riff.wave().fmt(1, 65_535, 16_000, 16).data(8, ok).build()),
                Arguments.of("33 channels", Riff.wave().fmt(1, 33, 16_000, 16).data(8, ok).build()),
                Arguments.of("rate 0", Riff.wave().fmt(1, 1, 0, 16).data(8, ok).build()),
                Arguments.of("rate 999", Riff.wave().fmt(1, 1, 999, 16).data(8, ok).build()),
                Arguments.of("rate 4 GHz", Riff.wave().fmt(1, 1, 0xFFFF_FFFFL, 16).data(8, ok).build()),
                Arguments.of("12 bits", Riff.wave().fmt(1, 1, 16_000, 12).data(8, ok).build()),
                Arguments.of("0 bits", Riff.wave().fmt(1, 1, 16_000, 0).data(8, ok).build()),
                Arguments.of("65535 bits", Riff.wave().fmt(1, 1, 16_000, 65_535).data(8, ok).build()),
                Arguments.of("16-bit float", Riff.wave().fmt(3, 1, 16_000, 16).data(8, ok).build()),
                Arguments.of("16-bit mu-law", Riff.wave().fmt(7, 1, 16_000, 16).data(8, ok).build()),
                Arguments.of("MPEG layer 3 tag", Riff.wave().fmt(0x55, 1, 16_000, 16).data(8, ok).build()),
                Arguments.of("ADPCM tag", Riff.wave().fmt(2, 1, 16_000, 4).data(8, ok).build()),
                Arguments.of("extensible too short", Riff.wave().id("fmt ").u32(18).u16(0xFFFE).u16(1).u32(16_000).u32(32_000).u16(2).u16(16).u16(0).data(8, ok).build()),
                Arguments.of("extensible cut short", Arrays.copyOf(Riff.wave().fmtExtensible(1, 1, 16_000, 16, 16).build(), 50)),
                Arguments.of("extensible unknown GUID", unknownGuid()));
    }

    private static byte[] unknownGuid() {
        byte[] wav = Riff.wave().fmtExtensible(1, 1, 16_000, 16, 16).data(8, FOUR_PCM16_FRAMES).build();
        wav[12 + 8 + 30] = 0x11;
        return wav;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedInputWithAudioFormatException(String name, byte[] wav) {
        assertThrows(AudioFormatException.class, () -> WavCodec.decode(wav), name);
    }

    @Test
    void wrapPcm16RejectsPartialFramesAndBadLayout() {
        assertThrows(AudioFormatException.class, () -> WavCodec.wrapPcm16(new byte[3], 16_000, 1));
        assertThrows(AudioFormatException.class, () -> WavCodec.wrapPcm16(new byte[6], 16_000, 2));
        assertThrows(IllegalArgumentException.class, () -> WavCodec.wrapPcm16(new byte[4], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> WavCodec.streamingHeader(16_000, 0));
    }

    private static PcmAudio decodeMono(int tag, int bits, byte[] data) {
        return WavCodec.decode(Riff.wave().fmt(tag, 1, 16_000, bits).data(data.length, data).build());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
