package dev.ttskit.validation;

import dev.ttskit.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class FileNamesTest {
    static Stream<Arguments> sanitised() {
        return Stream.of(
                arguments("hello.wav", "hello.wav"),
                arguments("../../etc/passwd", "_.._etc_passwd"),
                arguments("..", null),
                arguments("a/b\\c.wav", "a_b_c.wav"),
                arguments("bad\u0000name.wav", "badname.wav"),
                arguments("what?*<>|\":.wav", "what_______.wav"),
                arguments("tab\tand\nnewline", "tab_and_newline"),
                arguments("  .hidden. ", "hidden"),
                arguments("CON", "_CON"),
                arguments("nul.txt", "_nul.txt"),
                arguments("com1.wav", "_com1.wav"),
                arguments("LPT9", "_LPT9"),
                arguments("CONSOLE.wav", "CONSOLE.wav"),
                arguments("cafe\u0301.mp3", "caf\u00E9.mp3"),
                arguments("evil\u202Egnp.exe", "evilgnp.exe"),
                arguments("zero\u200Bwidth", "zerowidth"),
                arguments("\u0000\u0001", null),
                arguments("...", null));
    }

    @ParameterizedTest
    @MethodSource("sanitised")
    void sanitises(String input, String expected) {
        if (expected == null) {
            assertThrows(ValidationException.class, () -> FileNames.sanitize(input));
        } else {
            assertEquals(expected, FileNames.sanitize(input));
            assertDoesNotThrow(() -> FileNames.check(expected));
        }
    }

    @Test
    void truncatesToTheUtf8ByteLimitKeepingTheExtension() {
        String longName = "\u00E9".repeat(200) + ".wav";            // 404 bytes
        String s = FileNames.sanitize(longName);
        assertTrue(s.getBytes(StandardCharsets.UTF_8).length <= 255, s.length() + " chars");
        assertTrue(s.endsWith(".wav"));
        assertEquals(254, s.getBytes(StandardCharsets.UTF_8).length);   // 125 two-byte characters + 4
        String emoji = "\uD83D\uDE00".repeat(100);                   // 400 bytes, no extension
        String e = FileNames.sanitize(emoji, 30);
        assertEquals(28, e.getBytes(StandardCharsets.UTF_8).length);  // never splits a code point
        assertEquals("\uD83D\uDE00".repeat(7), e);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|empty",
            "..|relative path segment",
            "a/b|path separator",
            "a\\b|path separator",
            "a:b|forbidden character",
            "a\u0000b|NUL",
            "a\u202Eb|invisible",
            "cafe\u0301|NFC",
            "name.|dot or space",
            "' name'|dot or space",
            "aux.wav|reserved device name"})
    void checkNamesTheBrokenRule(String name, String rule) {
        ValidationException e = assertThrows(ValidationException.class, () -> FileNames.check(name));
        assertTrue(e.getMessage().contains(rule), e.getMessage());
    }

    @Test
    void checkRejectsNamesOverTheByteLimit() {
        ValidationException e = assertThrows(ValidationException.class, () -> FileNames.check("\u4E2D".repeat(86)));
        assertTrue(e.getMessage().contains("258 UTF-8 bytes"), e.getMessage());
    }

    @Test
    void resolvesOutputPathsInsideTheBase(@TempDir Path dir) throws IOException {
        assertEquals(dir.toRealPath().resolve("out.wav"), FileNames.resolveInside(dir, "out.wav"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../out.wav", "sub/out.wav", "..", "/etc/passwd", "nul"})
    void refusesNamesThatLeaveTheBase(String name, @TempDir Path dir) {
        assertThrows(ValidationException.class, () -> FileNames.resolveInside(dir, name));
    }

    @Test
    void refusesToWriteThroughASymbolicLink(@TempDir Path dir) throws IOException {
        Path base = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(base.resolve("link.wav"), dir.resolve("elsewhere.wav"));
        ValidationException e = assertThrows(ValidationException.class, () -> FileNames.resolveInside(base, "link.wav"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void refusesAMissingBase(@TempDir Path dir) {
        assertThrows(ValidationException.class, () -> FileNames.resolveInside(dir.resolve("missing"), "a.wav"));
    }
}
