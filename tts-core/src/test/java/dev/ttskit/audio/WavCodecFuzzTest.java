package dev.ttskit.audio;

import dev.ttskit.AudioFormatException;
import dev.ttskit.audio.TestSignals.Riff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Seeded random mutations of valid WAV files: the reader may only ever answer with audio or AudioFormatException. */
class WavCodecFuzzTest {

    private static final long SEED = 0x7753_4B49_54L;
    private static final int MUTANTS = 20_000;

    @Test
    void mutatedFilesDecodeOrFailWithAudioFormatExceptionOnly() {
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < MUTANTS; i++) {
                byte[] mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
                try {
                    PcmAudio a = WavCodec.decode(mutant);
                    WavInfo info = WavCodec.readInfo(mutant);
                    // Whatever the header said, what was decoded came from bytes that exist.
                    assertTrue(info.dataOffset() + (long) info.dataLength() <= mutant.length, "mutant " + i);
                    assertTrue(a.frames() > 0, "mutant " + i);
                    assertEquals(info.frames(), a.frames(), "mutant " + i);
                    outcomes[0]++;
                } catch (AudioFormatException expected) {
                    outcomes[1]++;
                } catch (RuntimeException | Error e) {
                    fail("mutant " + i + " (" + Arrays.toString(Arrays.copyOf(mutant, Math.min(64, mutant.length)))
                            + "...) escaped with " + e, e);
                }
            }
        });
        // Both branches must be exercised or the mutations are not testing anything.
        assertTrue(outcomes[0] > MUTANTS / 20, "decoded " + outcomes[0]);
        assertTrue(outcomes[1] > MUTANTS / 20, "rejected " + outcomes[1]);
    }

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        byte[] pcm = WavCodec.encode(TestSignals.sine(440, 0.5, 16_000, 200)).clone();
        byte[] body = Arrays.copyOfRange(pcm, 44, pcm.length);
        seeds.add(pcm);
        seeds.add(WavCodec.encode(PcmAudio.of(new float[64], 48_000, 2)));
        seeds.add(WavCodecTest.concat(WavCodec.streamingHeader(24_000, 1), body));
        seeds.add(Riff.wave().chunk("LIST", new byte[9]).fmt(1, 1, 22_050, 16).chunk("fact", new byte[4])
                .data(body.length, body).chunk("JUNK", new byte[3]).build());
        seeds.add(Riff.wave().fmtExtensible(1, 2, 44_100, 32, 24).data(64, new byte[64]).build());
        seeds.add(Riff.wave().fmtExtensible(3, 1, 8_000, 64, 64).data(64, new byte[64]).build());
        seeds.add(Riff.wave().fmt(7, 1, 8_000, 8).data(33, new byte[33]).build());
        seeds.add(Riff.wave().fmt(1, 3, 8_000, 24).data(90, new byte[90]).build());
        return seeds;
    }

    private static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds; k++) {
            switch (r.nextInt(7)) {
                case 0 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));                         // truncate
                case 1 -> {                                                                        // flip bytes
                    for (int n = 1 + r.nextInt(4); n > 0 && b.length > 0; n--) {
                        b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                    }
                }
                case 2 -> putU32(b, headerField(b, r), new long[] {0, 1, 0x7FFF_FFFFL, 0x8000_0000L,
                    0xFFFF_FFFFL, 0xFFFF_FFFEL, r.nextInt(1 << 16)}[r.nextInt(7)]);                // lying sizes
                case 3 -> {                                                                        // odd chunk
                    int at = Math.min(b.length, 12 + 2 * r.nextInt(Math.max(1, (b.length - 12) / 2 + 1)));
                    byte[] chunk = new Riff().id(r.nextBoolean() ? "LIST" : "junk").u32(r.nextInt(9))
                            .bytes(new byte[r.nextInt(9)]).build();
                    b = insert(b, at, chunk);
                }
                case 4 -> putU16(b, 20 + 2 * r.nextInt(8), r.nextInt(1 << 16));                   // fmt fields
                case 5 -> b = Arrays.copyOf(b, b.length + r.nextInt(5));                          // trailing bytes
                default -> {                                                                       // byte removed
                    if (b.length > 0) {
                        int at = r.nextInt(b.length);
                        byte[] shorter = Arrays.copyOf(b, b.length - 1);
                        System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                        b = shorter;
                    }
                }
            }
        }
        return b;
    }

    /** Offset of a size-like field: the RIFF size or any chunk size in the first 96 bytes. */
    private static int headerField(byte[] b, Random r) {
        return r.nextInt(4) == 0 ? 4 : 4 + 4 * r.nextInt(24);
    }

    private static byte[] insert(byte[] b, int at, byte[] extra) {
        byte[] out = new byte[b.length + extra.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(b, at, out, at + extra.length, b.length - at);
        return out;
    }

    private static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4 && at + i < b.length; i++) {
            b[at + i] = (byte) (v >> (8 * i));
        }
    }

    private static void putU16(byte[] b, int at, int v) {
        if (at + 1 < b.length) {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >> 8);
        }
    }
}
