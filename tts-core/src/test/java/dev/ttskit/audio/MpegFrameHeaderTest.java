package dev.ttskit.audio;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpegFrameHeaderTest {

    @Test
    void readsMpeg1LayerThreeStereo() {
        // 0xFFFB: MPEG-1 layer III, no CRC; 0x90: 128 kbit/s, 44.1 kHz, no padding; 0x00: stereo
        MpegFrameHeader h = MpegFrameHeader.parse(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x00}, 0).orElseThrow();
        assertEquals(3, h.layer());
        assertTrue(h.mpeg1());
        assertEquals(128, h.bitrateKbps());
        assertEquals(44_100, h.sampleRate());
        assertEquals(2, h.channels());
        assertEquals(417, h.length(), "144 * 128000 / 44100");
        assertEquals(1152, h.samplesPerFrame());
        assertEquals(32, h.sideInfoBytes());
    }

    @Test
    void readsMpeg2LayerThreeMonoWithPadding() {
        // 0xFFF3: MPEG-2 layer III; 0x56: 40 kbit/s, 24 kHz, padding; 0xC0: mono
        MpegFrameHeader h = MpegFrameHeader.parse(new byte[] {(byte) 0xFF, (byte) 0xF3, (byte) 0x56, (byte) 0xC0}, 0).orElseThrow();
        assertFalse(h.mpeg1());
        assertEquals(40, h.bitrateKbps());
        assertEquals(24_000, h.sampleRate());
        assertEquals(1, h.channels());
        assertEquals(72 * 40_000 / 24_000 + 1, h.length());
        assertEquals(576, h.samplesPerFrame());
        assertEquals(72 * 8_000 / 24_000, h.minLength());
    }

    @Test
    void reservedValuesAreNotFrames() {
        assertEquals(Optional.empty(), MpegFrameHeader.parse(new byte[] {(byte) 0xFF, (byte) 0xEB, (byte) 0x90, 0}, 0), "reserved version");
        assertEquals(Optional.empty(), MpegFrameHeader.parse(new byte[] {(byte) 0xFF, (byte) 0xF9, (byte) 0x90, 0}, 0), "reserved layer");
        assertEquals(Optional.empty(), MpegFrameHeader.parse(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0xF0, 0}, 0), "bad bitrate");
        assertEquals(Optional.empty(), MpegFrameHeader.parse(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x9C, 0}, 0), "reserved rate");
        assertEquals(Optional.empty(), MpegFrameHeader.parse(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90}, 0), "truncated");
        assertEquals(Optional.empty(), MpegFrameHeader.parse(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0}, -1));
    }

    @Test
    void firstSkipsAnId3TagAndRejectsOneThatRunsPastTheEnd() {
        byte[] file = new byte[10 + 20 + 4];
        file[0] = 'I';
        file[1] = 'D';
        file[2] = '3';
        file[3] = 4;
        file[9] = 20;                       // tag body of 20 bytes
        file[30] = (byte) 0xFF;
        file[31] = (byte) 0xFB;
        file[32] = (byte) 0x90;
        assertEquals(44_100, MpegFrameHeader.first(file, 1024).orElseThrow().sampleRate());
        file[8] = 0x7F;                     // the tag now claims far more bytes than the file has
        assertEquals(Optional.empty(), MpegFrameHeader.first(file, 1024));
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[random.nextInt(64)];
            random.nextBytes(b);
            MpegFrameHeader.first(b, random.nextInt(100)).ifPresent(h -> assertTrue(h.length() > 0));
        }
    }
}
