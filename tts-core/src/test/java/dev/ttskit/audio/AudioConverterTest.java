package dev.ttskit.audio;

import dev.ttskit.AudioFormatException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.audio.TestSignals.Riff;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioConverterTest {

    private static final AudioFormat MULAW_WAV_8K =
            AudioFormat.of(AudioFormat.Container.WAV, AudioFormat.Encoding.MULAW, 8_000, 1, 0);
    private static final AudioFormat ALAW_WAV_8K =
            AudioFormat.of(AudioFormat.Container.WAV, AudioFormat.Encoding.ALAW, 8_000, 1, 0);

    @Test
    void sameFormatReturnsTheSameArrayUnexamined() {
        byte[] anything = {1, 2, 3};
        assertSame(anything, AudioConverter.convert(anything, AudioFormat.MP3_44K_128, AudioFormat.MP3_44K_128));
        assertSame(anything, AudioConverter.convert(anything, AudioFormat.PCM16_24K, AudioFormat.PCM16_24K));
    }

    @Test
    void wavAt24kBecomesRawPcmAt16k() {
        PcmAudio tone = TestSignals.sine(440, 0.5, 24_000, 24_000);
        byte[] pcm = AudioConverter.convert(WavCodec.encode(tone), AudioFormat.WAV_PCM16_24K, AudioFormat.PCM16_16K);
        assertEquals(2 * 16_000, pcm.length);
        PcmAudio out = PcmAudio.fromPcm16(pcm, 16_000, 1);
        assertEquals(0.5, TestSignals.toneAmplitude(out, 440, 4_000, 12_000), 0.005);
    }

    @Test
    void rawPcmIsWrappedInWavWithoutResamplingWhenRatesMatch() {
        byte[] pcm = PcmAudio.of(new float[] {0.25f, -0.25f, 0.5f}, 22_050, 1).toPcm16();
        byte[] wav = AudioConverter.convert(pcm, AudioFormat.PCM16_22K, AudioFormat.WAV_PCM16_22K);
        assertArrayEquals(WavCodec.wrapPcm16(pcm, 22_050, 1), wav);
    }

    @Test
    void stereoWavIsMixedDownForMonoTargets() {
        float[] st = new float[2 * 8_000];
        for (int i = 0; i < 8_000; i++) {
            st[2 * i] = 0.5f;
            st[2 * i + 1] = -0.25f;
        }
        byte[] wav = WavCodec.encode(PcmAudio.of(st, 8_000, 2));
        byte[] pcm = AudioConverter.convert(wav, AudioFormat.wav(8_000), AudioFormat.pcm(8_000));
        PcmAudio mono = PcmAudio.fromPcm16(pcm, 8_000, 1);
        assertEquals(8_000, mono.frames());
        assertEquals(0.125f, mono.samples()[4_000], 1e-4f);
    }

    @Test
    void monoIsCopiedToEveryTargetChannel() {
        AudioFormat stereoPcm = AudioFormat.of(AudioFormat.Container.RAW, AudioFormat.Encoding.PCM_S16LE, 16_000, 2, 0);
        byte[] out = AudioConverter.encode(PcmAudio.of(new float[] {0.5f, -0.5f}, 16_000, 1), stereoPcm);
        assertArrayEquals(PcmAudio.of(new float[] {0.5f, 0.5f, -0.5f, -0.5f}, 16_000, 2).toPcm16(), out);
    }

    @Test
    void g711RoundTripsThroughPcmWithinCompandingError() {
        PcmAudio tone = TestSignals.sine(440, 0.5, 8_000, 8_000);
        for (AudioFormat f : new AudioFormat[] {AudioFormat.MULAW_8K, AudioFormat.ALAW_8K, MULAW_WAV_8K, ALAW_WAV_8K}) {
            byte[] encoded = AudioConverter.encode(tone, f);
            int header = f.container() == AudioFormat.Container.WAV ? 44 : 0;
            assertEquals(header + 8_000, encoded.length, f.toString());
            PcmAudio back = AudioConverter.decode(encoded, f);
            assertEquals(0.5, TestSignals.toneAmplitude(back, 440, 0, 8_000), 0.005, f.toString());
            float[] a = tone.samples();
            float[] b = back.samples();
            for (int i = 0; i < a.length; i++) {
                // G.711 keeps about 3 % relative error plus a small absolute floor.
                assertEquals(a[i], b[i], Math.abs(a[i]) * 0.035 + 0.001, f + " sample " + i);
            }
        }
    }

    @Test
    void g711WavHeaderCarriesTheEncoding() {
        byte[] wav = AudioConverter.encode(PcmAudio.of(new float[] {0f, 0.5f}, 8_000, 1), MULAW_WAV_8K);
        WavInfo info = WavCodec.readInfo(wav);
        assertEquals(WavInfo.MULAW, info.formatTag());
        assertEquals(8, info.bitsPerSample());
        assertEquals(2, info.frames());
        assertEquals((byte) 0xFF, wav[44]);
    }

    @Test
    void pcmToMulawResamplesTo8k() {
        PcmAudio tone = TestSignals.sine(440, 0.5, 24_000, 24_000);
        byte[] ulaw = AudioConverter.convert(tone.toPcm16(), AudioFormat.PCM16_24K, AudioFormat.MULAW_8K);
        assertEquals(8_000, ulaw.length);
        PcmAudio back = AudioConverter.decode(ulaw, AudioFormat.MULAW_8K);
        assertEquals(0.5, TestSignals.toneAmplitude(back, 440, 2_000, 6_000), 0.01);
    }

    @Test
    void wavDecodingReadsAnyDepthAndTrustsItsOwnHeader() {
        byte[] pcm24 = {0, 0, 0x40, 0, 0, (byte) 0xC0};
        byte[] wav = Riff.wave().fmt(1, 1, 44_100, 24).data(6, pcm24).build();
        PcmAudio a = AudioConverter.decode(wav, AudioFormat.WAV_PCM16_24K);
        assertEquals(44_100, a.sampleRate());
        assertArrayEquals(new float[] {0.5f, -0.5f}, a.samples());
    }

    @Test
    void mp3AndOpusAreUnsupportedByDesign() {
        byte[] some = new byte[16];
        assertThrows(UnsupportedRequestException.class, () -> AudioConverter.decode(some, AudioFormat.MP3_44K_128));
        assertThrows(UnsupportedRequestException.class, () -> AudioConverter.decode(some, AudioFormat.OPUS_48K_64));
        PcmAudio a = PcmAudio.of(new float[4], 44_100, 1);
        assertThrows(UnsupportedRequestException.class, () -> AudioConverter.encode(a, AudioFormat.MP3_44K_128));
        assertThrows(UnsupportedRequestException.class,
                () -> AudioConverter.convert(some, AudioFormat.PCM16_44K, AudioFormat.MP3_44K_128));
        assertThrows(UnsupportedRequestException.class,
                () -> AudioConverter.convert(some, AudioFormat.MP3_44K_128, AudioFormat.PCM16_44K));
        // Unsupported target is reported even when the input is garbage too.
        assertThrows(UnsupportedRequestException.class,
                () -> AudioConverter.convert(new byte[0], AudioFormat.PCM16_44K, AudioFormat.OPUS_48K_64));
    }

    @Test
    void garbageIsAnAudioFormatException() {
        byte[] garbage = "<html>502 Bad Gateway</html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThrows(AudioFormatException.class, () -> AudioConverter.decode(garbage, AudioFormat.WAV_PCM16_24K));
        assertThrows(AudioFormatException.class,
                () -> AudioConverter.convert(garbage, AudioFormat.WAV_PCM16_24K, AudioFormat.PCM16_16K));
        assertThrows(AudioFormatException.class, () -> AudioConverter.decode(new byte[0], AudioFormat.PCM16_16K));
        assertThrows(AudioFormatException.class, () -> AudioConverter.decode(new byte[0], AudioFormat.MULAW_8K));
        assertThrows(AudioFormatException.class, () -> AudioConverter.decode(new byte[3], AudioFormat.PCM16_16K));
        assertThrows(AudioFormatException.class,
                () -> AudioConverter.convert(new byte[3], AudioFormat.PCM16_16K, AudioFormat.WAV_PCM16_16K));
        AudioFormat stereoUlaw = AudioFormat.of(AudioFormat.Container.RAW, AudioFormat.Encoding.MULAW, 8_000, 2, 0);
        assertThrows(AudioFormatException.class, () -> AudioConverter.decode(new byte[3], stereoUlaw));
    }

    @Test
    void convertedLengthFollowsTheRateRatio() {
        byte[] pcm = new byte[2 * 22_050];
        Arrays.fill(pcm, (byte) 1);
        byte[] out = AudioConverter.convert(pcm, AudioFormat.PCM16_22K, AudioFormat.PCM16_48K);
        assertEquals(2 * 48_000, out.length);
        assertTrue(WavCodec.readInfo(AudioConverter.convert(pcm, AudioFormat.PCM16_22K, AudioFormat.WAV_PCM16_16K))
                .frames() == 16_000);
    }
}
