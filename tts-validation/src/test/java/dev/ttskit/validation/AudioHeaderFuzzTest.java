package dev.ttskit.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property tests for the voice-reference header parsers: the committed seed corpus, then seeded
 * mutations of valid files of every format (bit flips, boundary values written over size fields,
 * truncation, insertion, splicing). Nothing but ValidationException may escape, every input is
 * handled quickly, and this class runs in a surefire execution limited to 256 MiB of heap, so a
 * parser that allocated from a declared size would fail here.
 */
class AudioHeaderFuzzTest {
    /** Wide limits so mutated files get past the duration check and into every parser branch. */
    private static final VoiceReferenceValidator WIDE = VoiceReferenceValidator.from(ValidationPolicy.builder()
            .referenceDuration(Duration.ZERO, Duration.ofHours(100)).build());
    private static final VoiceReferenceValidator DEFAULTS = VoiceReferenceValidator.from(ValidationPolicy.defaults());
    private static final long[] INTERESTING = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFF_FFFFL, 0x8000_0000L,
            0xFFFF_FFFFL, 0xFFFF_FFFEL, 34, 44, 4096, 65_535};

    @Test
    void runsInASmallHeap() {
        FuzzSupport.assertSmallHeapWhenConfigured();
    }

    @Test
    void replaysTheSeedCorpus(@TempDir Path dir) throws IOException {
        for (Path seed : FuzzSupport.corpus("audio")) {
            byte[] bytes = FuzzSupport.read(seed);
            String name = seed.getFileName().toString();
            check(name, bytes);
            Path copy = Files.write(dir.resolve(name), bytes);
            VoiceReferenceValidator files = VoiceReferenceValidator.from(ValidationPolicy.builder().allowReferencesFrom(dir)
                    .referenceDuration(Duration.ZERO, Duration.ofHours(100)).build());
            FuzzSupport.run(name + " from a file", () -> files.inspect(copy));
        }
    }

    @Test
    void validSeedsAreAccepted() {
        for (String valid : List.of("wav_valid.wav", "wav_stereo_float.wav", "wav_mulaw.wav", "wav_extensible.wav",
                "wav_streaming_header.wav", "wav_many_chunks.wav", "flac_valid.flac", "flac_after_id3.flac",
                "flac_many_blocks.flac", "mp3_cbr.mp3", "mp3_xing.mp3", "mp3_vbri.mp3", "mp3_after_id3.mp3",
                "ogg_opus.opus", "ogg_vorbis.ogg")) {
            Path seed = FuzzSupport.corpus("audio").stream().filter(p -> p.getFileName().toString().equals(valid))
                    .findFirst().orElseThrow();
            ReferenceAudio audio = WIDE.inspect(FuzzSupport.read(seed));
            assertTrue(audio.duration().toMillis() > 100 && audio.duration().toMillis() < 1_000, valid + ": " + audio);
        }
    }

    @Test
    void seededMutationsOfEveryFormat() {
        List<byte[]> bases = List.of(
                AudioFixtures.wav(8_000, 1, 0.5), AudioFixtures.wav(16_000, 2, 0.25),
                AudioFixtures.flac(16_000, 1, 1), AudioFixtures.mp3(0.5, true, false), AudioFixtures.mp3(0.5, false, true),
                AudioFixtures.oggOpus(1, 2), AudioFixtures.oggVorbis(22_050, 1, 1));
        for (long seed = 1; seed <= 3_000; seed++) {
            Random rnd = new Random(seed);
            byte[] input = mutate(bases.get((int) (seed % bases.size())).clone(), rnd);
            check("mutation seed " + seed, input);
        }
    }

    @Test
    void seededRandomBytesBehindEachMagic() {
        String[] magics = {"RIFF\0\0\0\0WAVE", "fLaC", "OggS", "ID3", "\u00FF\u00FB", "RF64"};
        for (long seed = 1; seed <= 1_500; seed++) {
            Random rnd = new Random(seed);
            byte[] body = new byte[rnd.nextInt(2_000)];
            rnd.nextBytes(body);
            byte[] magic = magics[(int) (seed % magics.length)].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            byte[] input = Arrays.copyOf(magic, magic.length + body.length);
            System.arraycopy(body, 0, input, magic.length, body.length);
            check("random seed " + seed, input);
        }
    }

    private static void check(String label, byte[] input) {
        ReferenceAudio wide = FuzzSupport.run(label, () -> WIDE.inspect(input));
        if (wide != null) {
            assertTrue(wide.sampleRate() >= 8_000 && wide.sampleRate() <= 192_000, label + ": " + wide);
            assertTrue(wide.channels() >= 1 && wide.channels() <= 8, label + ": " + wide);
            assertTrue(!wide.duration().isNegative() && wide.duration().compareTo(Duration.ofHours(100)) <= 0, label);
        }
        ReferenceAudio strict = FuzzSupport.run(label + " default limits", () -> DEFAULTS.inspect(input));
        if (strict != null) {
            assertTrue(strict.duration().compareTo(Duration.ofSeconds(3)) >= 0
                    && strict.duration().compareTo(Duration.ofSeconds(30)) <= 0, label);
        }
    }

    private static byte[] mutate(byte[] b, Random rnd) {
        int edits = 1 + rnd.nextInt(6);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(Math.min(b.length, rnd.nextBoolean() ? 64 : b.length));
            switch (rnd.nextInt(7)) {
                case 0:
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                    break;
                case 1:
                    b[at] = (byte) INTERESTING[rnd.nextInt(INTERESTING.length)];
                    break;
                case 2:
                    if (at + 4 <= b.length) {
                        long v = INTERESTING[rnd.nextInt(INTERESTING.length)];
                        if (rnd.nextBoolean()) {
                            AudioFixtures.putLe32(b, at, v);
                        } else {
                            for (int k = 0; k < 4; k++) b[at + k] = (byte) (v >>> (24 - 8 * k));
                        }
                    }
                    break;
                case 3:
                    b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                    break;
                case 4: {
                    byte[] extra = new byte[1 + rnd.nextInt(16)];
                    rnd.nextBytes(extra);
                    byte[] out = new byte[b.length + extra.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(extra, 0, out, at, extra.length);
                    System.arraycopy(b, at, out, at + extra.length, b.length - at);
                    b = out;
                    break;
                }
                case 5: {
                    int from = rnd.nextInt(b.length);
                    int len = Math.min(rnd.nextInt(64), Math.min(b.length - from, b.length - at));
                    System.arraycopy(b, from, b, at, len);
                    break;
                }
                default:
                    b[at] = (byte) rnd.nextInt(256);
            }
        }
        return b;
    }
}
