package dev.ttskit.validation;

import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.ttskit.validation.AudioFixtures.concat;
import static dev.ttskit.validation.AudioFixtures.putLe32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class VoiceReferenceValidatorTest {
    private static final VoiceReferenceValidator DEFAULTS = VoiceReferenceValidator.from(ValidationPolicy.defaults());

    static Stream<Arguments> validFiles() {
        return Stream.of(
                arguments("WAV 16 kHz mono", AudioFixtures.wav(16_000, 1, 5), ReferenceFormat.WAV, 16_000, 1, 5.0),
                arguments("WAV 44.1 kHz stereo", AudioFixtures.wav(44_100, 2, 4), ReferenceFormat.WAV, 44_100, 2, 4.0),
                arguments("FLAC 22.05 kHz", AudioFixtures.flac(22_050, 1, 7), ReferenceFormat.FLAC, 22_050, 1, 7.0),
                arguments("MP3 with Xing", AudioFixtures.mp3(6, true, false), ReferenceFormat.MP3, 44_100, 1, 6.0),
                arguments("MP3 behind ID3v2, CBR estimate", AudioFixtures.mp3(8, false, true), ReferenceFormat.MP3, 44_100, 1, 8.0),
                arguments("Ogg Opus", AudioFixtures.oggOpus(12, 1), ReferenceFormat.OGG_OPUS, 48_000, 1, 12.0),
                arguments("Ogg Vorbis", AudioFixtures.oggVorbis(44_100, 2, 9), ReferenceFormat.OGG_VORBIS, 44_100, 2, 9.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFiles")
    void readsFormatRateChannelsAndDuration(String name, byte[] audio, ReferenceFormat format, int rate, int channels,
                                            double seconds) {
        ReferenceAudio info = DEFAULTS.inspect(audio);
        assertEquals(format, info.format());
        assertEquals(rate, info.sampleRate());
        assertEquals(channels, info.channels());
        assertEquals(seconds, info.duration().toNanos() / 1e9, 0.06, name);
        assertEquals(audio.length, info.sizeBytes());
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                arguments("plain text", (Supplier<byte[]>) () -> "hello, this is not audio at all".getBytes(StandardCharsets.UTF_8), "not a supported audio file"),
                arguments("PNG image", (Supplier<byte[]>) () -> concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, new byte[64]), "not a supported audio file"),
                arguments("RIFF AVI", (Supplier<byte[]>) () -> concat("RIFF\0\0\0\0AVI ".getBytes(StandardCharsets.US_ASCII), new byte[64]), "not a supported audio file"),
                arguments("tiny file", (Supplier<byte[]>) () -> new byte[] {'R', 'I', 'F', 'F'}, "only 4 bytes"),
                arguments("too short", (Supplier<byte[]>) () -> AudioFixtures.wav(16_000, 1, 2), "allowed 3.00..30.00 s"),
                arguments("too long", (Supplier<byte[]>) () -> AudioFixtures.wav(8_000, 1, 31), "allowed 3.00..30.00 s"),
                arguments("WAV data chunk longer than the file", (Supplier<byte[]>) () -> {
                    byte[] w = AudioFixtures.wav(16_000, 1, 5);
                    putLe32(w, 40, 0x7FFF_0000L);
                    return w;
                }, "WAV data chunk declares"),
                arguments("WAV truncated below RIFF size", (Supplier<byte[]>) () -> Arrays.copyOf(AudioFixtures.wav(16_000, 1, 5), 30_000), "RIFF header declares"),
                arguments("WAV byte rate lies", (Supplier<byte[]>) () -> {
                    byte[] w = AudioFixtures.wav(16_000, 1, 5);
                    putLe32(w, 28, 1_000);
                    return w;
                }, "inconsistent"),
                arguments("WAV sample rate 4 kHz", (Supplier<byte[]>) () -> AudioFixtures.wav(4_000, 1, 10), "outside 8000..192000"),
                arguments("WAV 9 channels", (Supplier<byte[]>) () -> AudioFixtures.wav(8_000, 9, 4), "9 channels"),
                arguments("WAV without fmt", (Supplier<byte[]>) () -> {
                    byte[] w = AudioFixtures.wav(16_000, 1, 5);
                    w[12] = 'j';
                    w[13] = 'u';
                    w[14] = 'n';
                    w[15] = 'k';
                    return w;
                }, "data chunk comes before its fmt chunk"),
                arguments("WAV 12-bit PCM", (Supplier<byte[]>) () -> {
                    byte[] w = AudioFixtures.wav(16_000, 1, 5);
                    w[34] = 12;
                    return w;
                }, "encoding is not supported"),
                arguments("FLAC declaring an hour in a few bytes", (Supplier<byte[]>) () -> concat("fLaC".getBytes(StandardCharsets.US_ASCII),
                        new byte[] {(byte) 0x80, 0, 0, 34}, AudioFixtures.streamInfo(4096, 16_000, 1, 16, 16_000L * 3600),
                        new byte[] {(byte) 0xFF, (byte) 0xF8, 0, 0, 0, 0, 0, 0}), "cannot hold them"),
                arguments("FLAC sample rate zero", (Supplier<byte[]>) () -> concat("fLaC".getBytes(StandardCharsets.US_ASCII),
                        new byte[] {(byte) 0x80, 0, 0, 34}, AudioFixtures.streamInfo(4096, 0, 1, 16, 80_000), new byte[2048]), "sample rate of 0"),
                arguments("FLAC metadata block beyond the file", (Supplier<byte[]>) () -> concat("fLaC".getBytes(StandardCharsets.US_ASCII),
                        new byte[] {0, 0, 0, 34}, AudioFixtures.streamInfo(4096, 16_000, 1, 16, 80_000),
                        new byte[] {(byte) 0x84, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, new byte[100]), "metadata block declares"),
                arguments("FLAC without frames", (Supplier<byte[]>) () -> concat("fLaC".getBytes(StandardCharsets.US_ASCII),
                        new byte[] {(byte) 0x80, 0, 0, 34}, AudioFixtures.streamInfo(4096, 16_000, 1, 16, 80_000), new byte[2048]), "not followed by a FLAC frame"),
                arguments("MP3 Xing frame count bomb", (Supplier<byte[]>) () -> {
                    byte[] m = AudioFixtures.mp3(5, true, false);
                    ByteBuffer.wrap(m, 4 + 17 + 8, 4).putInt(0x7FFF_FFFF);
                    return m;
                }, "cannot hold them"),
                arguments("MP3 lone sync word", (Supplier<byte[]>) () -> concat(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0xC0}, new byte[5000]), "no MPEG audio frames"),
                arguments("ID3 tag covering the file", (Supplier<byte[]>) () -> concat(new byte[] {'I', 'D', '3', 3, 0, 0, 0x7F, 0x7F, 0x7F, 0x7F}, new byte[100]), "ID3v2 tag declares"),
                arguments("Ogg page with a bad checksum", (Supplier<byte[]>) () -> {
                    byte[] o = AudioFixtures.oggOpus(5, 1);
                    o[40] ^= 0x55;
                    return o;
                }, "fails its checksum"),
                arguments("Ogg granule bomb", (Supplier<byte[]>) () -> concat(
                        Arrays.copyOf(AudioFixtures.oggOpus(5, 1), AudioFixtures.oggOpus(5, 1).length - 228),
                        AudioFixtures.oggPage(4, Long.MAX_VALUE / 2, 7, 2, new byte[200])), "would decode to"),
                arguments("Ogg truncated final page", (Supplier<byte[]>) () -> {
                    byte[] o = AudioFixtures.oggOpus(5, 1);
                    return Arrays.copyOf(o, o.length - 50);
                }, "no intact final page"),
                arguments("Ogg Opus with 5 channels in family 0", (Supplier<byte[]>) () -> AudioFixtures.oggOpus(5, 5), "channel mapping family 0"),
                arguments("Ogg FLAC", (Supplier<byte[]>) () -> concat(AudioFixtures.oggPage(2, 0, 3, 0, "\u007fFLAC....................".getBytes(StandardCharsets.US_ASCII))),
                        "neither Opus nor Vorbis"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsBadAudioNamingTheRule(String name, Supplier<byte[]> audio, String fragment) {
        ValidationException e = assertThrows(ValidationException.class, () -> DEFAULTS.inspect(audio.get()));
        assertTrue(e.getMessage().contains(fragment), name + ": " + e.getMessage());
    }

    @Test
    void enforcesTheSizeLimitBeforeParsing() {
        VoiceReferenceValidator small = VoiceReferenceValidator.from(ValidationPolicy.builder().maxReferenceBytes(1_000).build());
        ValidationException e = assertThrows(ValidationException.class, () -> small.inspect(AudioFixtures.wav(16_000, 1, 5)));
        assertTrue(e.getMessage().contains("at most 1000 allowed"), e.getMessage());
    }

    @Test
    void appliesAProvidersOwnMinimum() {
        ReferenceAudio fiveSeconds = DEFAULTS.inspect(AudioFixtures.wav(16_000, 1, 5));
        VoiceReferenceValidator.checkFor(fiveSeconds, "local-xtts", Duration.ofSeconds(3), Duration.ofSeconds(30));
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class, () -> VoiceReferenceValidator.checkFor(
                fiveSeconds, "replicate", ProviderLimits.REPLICATE_XTTS_MIN_REFERENCE, Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("5.00 s") && e.getMessage().contains("6.00..30.00"), e.getMessage());
        assertEquals("replicate", e.provider().orElseThrow());
    }

    @Test
    void sniffsByContentNotByName(@TempDir Path dir) throws IOException {
        Path wavNamedMp3 = Files.write(dir.resolve("voice.mp3"), AudioFixtures.wav(16_000, 1, 5));
        Path textNamedWav = Files.write(dir.resolve("voice.wav"), "RIFF? no, just text pretending".getBytes(StandardCharsets.UTF_8));
        VoiceReferenceValidator v = inside(dir);
        assertEquals(ReferenceFormat.WAV, v.inspect(wavNamedMp3).format());
        assertThrows(ValidationException.class, () -> v.inspect(textNamedWav));
    }

    @Test
    void readsFilesThroughBoundedWindows(@TempDir Path dir) throws IOException {
        Path flac = Files.write(dir.resolve("a.flac"), AudioFixtures.flac(16_000, 1, 10));
        Path ogg = Files.write(dir.resolve("b.ogg"), AudioFixtures.oggOpus(10, 2));
        Path mp3 = Files.write(dir.resolve("c.mp3"), AudioFixtures.mp3(10, false, true));
        VoiceReferenceValidator v = inside(dir);
        assertEquals(10.0, v.inspect(flac).duration().toMillis() / 1000.0, 0.01);
        assertEquals(10.0, v.inspect(ogg).duration().toMillis() / 1000.0, 0.01);
        ReferenceAudio m = v.inspect(mp3);
        assertTrue(m.durationEstimated());
        assertEquals(10.0, m.duration().toMillis() / 1000.0, 0.06);
        assertEquals(mp3.toRealPath(), m.path().orElseThrow());
    }

    @Test
    void resolvesRelativePathsAgainstTheFirstAllowedDirectory(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("voices"));
        Files.write(dir.resolve("voices/narrator.wav"), AudioFixtures.wav(16_000, 1, 5));
        assertEquals(dir.resolve("voices/narrator.wav").toRealPath(), inside(dir).resolve(Path.of("voices/narrator.wav")));
    }

    @Test
    void rejectsTraversalOutOfTheAllowedDirectory(@TempDir Path dir) throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Files.write(dir.resolve("secret.wav"), AudioFixtures.wav(16_000, 1, 5));
        VoiceReferenceValidator v = inside(allowed);
        ValidationException e = assertThrows(ValidationException.class, () -> v.resolve(Path.of("../secret.wav")));
        assertTrue(e.getMessage().contains("outside the allowed directories"), e.getMessage());
        assertThrows(ValidationException.class, () -> v.resolve(dir.resolve("secret.wav")));
        assertThrows(ValidationException.class, () -> v.resolve(allowed.resolve("../secret.wav")));
    }

    @Test
    void rejectsSymbolicLinksThatEscape(@TempDir Path dir) throws IOException {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path outside = Files.write(dir.resolve("outside.wav"), AudioFixtures.wav(16_000, 1, 5));
        Path inside = Files.write(allowed.resolve("inside.wav"), AudioFixtures.wav(16_000, 1, 5));
        Files.createSymbolicLink(allowed.resolve("escape.wav"), outside);
        Files.createSymbolicLink(allowed.resolve("alias.wav"), inside);
        Files.createSymbolicLink(allowed.resolve("up"), dir);
        VoiceReferenceValidator v = inside(allowed);
        assertThrows(ValidationException.class, () -> v.inspect(Path.of("escape.wav")));
        assertThrows(ValidationException.class, () -> v.inspect(Path.of("up/outside.wav")));
        assertEquals(inside.toRealPath(), v.inspect(Path.of("alias.wav")).path().orElseThrow());
    }

    @Test
    void rejectsMissingFilesAndDirectories(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        VoiceReferenceValidator v = inside(dir);
        ValidationException missing = assertThrows(ValidationException.class, () -> v.resolve(Path.of("nope.wav")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        ValidationException directory = assertThrows(ValidationException.class, () -> v.resolve(Path.of("sub")));
        assertTrue(directory.getMessage().contains("not a regular file"), directory.getMessage());
    }

    @Test
    void parsingAHugeDeclaredWavNeverAllocatesItsSize() {
        byte[] w = AudioFixtures.wav(16_000, 1, 5);
        putLe32(w, 4, 0xFFFF_FFFFL);     // streaming header: unknown lengths
        putLe32(w, 40, 0xFFFF_FFFFL);
        assertEquals(5.0, DEFAULTS.inspect(w).duration().toMillis() / 1000.0, 0.001);
        ByteBuffer.wrap(w, 16, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE);   // fmt chunk size
        ValidationException e = assertThrows(ValidationException.class, () -> DEFAULTS.inspect(w));
        assertFalse(e.getMessage().isEmpty());
    }

    private static VoiceReferenceValidator inside(Path dir) {
        return VoiceReferenceValidator.from(ValidationPolicy.builder().allowReferencesFrom(dir).build());
    }
}
