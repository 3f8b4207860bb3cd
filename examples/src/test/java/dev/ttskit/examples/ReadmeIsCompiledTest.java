package dev.ttskit.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code ```java} block of the repository's README.md must appear, line for line (indentation
 * aside), in a test source of this module, where it is compiled and (see {@link ReadmeSnippetsTest})
 * run. A README edit without the matching source edit, or an API change that breaks a snippet, fails
 * the build instead of reaching a reader.
 */
class ReadmeIsCompiledTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);

    private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");
    private static final Path TEST_SOURCES = Path.of("src", "test", "java");

    @Test
    void everyJavaBlockOfTheReadmeIsATestSource() throws IOException {
        List<List<String>> blocks = javaBlocks(Files.readString(README, StandardCharsets.UTF_8));
        // Four today: the first sample, the builder sample and the two under "Testing your code". Fewer
        // would mean the block pattern stopped matching and this test checked nothing.
        assertTrue(blocks.size() >= 4, "README.md has " + blocks.size() + " java blocks");

        Map<Path, List<String>> sources = testSources();
        List<String> missing = new ArrayList<>();
        for (List<String> block : blocks) {
            if (sources.values().stream().noneMatch(source -> contains(source, block))) {
                missing.add(block.get(0));
            }
        }
        assertEquals(List.of(), missing, "README java blocks (first line shown) found in no file under "
                + TEST_SOURCES.toAbsolutePath() + "; copy each into a compiled test, e.g. ReadmeSnippetsTest");
    }

    @Test
    void aChangedLineIsNoMatch() {
        List<String> source = normalise("""
                class A {
                    void m() {
                        try (TtsClient tts = TtsClient.fromEnv()) {
                            tts.health();
                        }
                    }
                }
                """);
        assertTrue(contains(source, normalise("try (TtsClient tts = TtsClient.fromEnv()) {\n    tts.health();\n}\n")));
        assertFalse(contains(source, normalise("try (TtsClient tts = TtsClient.fromEnv()) {\n    tts.voices();\n}\n")));
        assertFalse(contains(source, normalise("tts.health();\ntry (TtsClient tts = TtsClient.fromEnv()) {\n")),
                "lines must appear in the README's order");
    }

    static List<List<String>> javaBlocks(String markdown) {
        List<List<String>> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        while (m.find()) {
            blocks.add(normalise(m.group(1)));
        }
        return blocks;
    }

    /** Lines without their indentation or trailing spaces; blank lines kept, since a snippet's layout is part of it. */
    static List<String> normalise(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.strip().split("\n", -1)) {
            lines.add(line.strip());
        }
        return lines;
    }

    static boolean contains(List<String> source, List<String> block) {
        return Collections.indexOfSubList(source, block) >= 0;
    }

    private static Map<Path, List<String>> testSources() throws IOException {
        Map<Path, List<String>> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(TEST_SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                try {
                    sources.put(f, normalise(Files.readString(f, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return sources;
    }
}
