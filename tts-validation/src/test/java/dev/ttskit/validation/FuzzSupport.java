package dev.ttskit.validation;

import dev.ttskit.ValidationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Shared pieces of the fuzz tests: the committed seed corpus and the "only ValidationException, quickly" check. */
final class FuzzSupport {
    /**
     * A hang bound, not a speed goal (speed lives in tts-benchmarks): the largest inputs here take
     * well under a second even on a loaded 2-core machine, and a quadratic blow-up on 100k characters
     * (about 10^10 steps) would take minutes, so only a real blow-up crosses it.
     */
    static final long MAX_MILLIS_PER_INPUT = 30_000;

    private FuzzSupport() {
    }

    /**
     * In the build's small-heap execution, proves the heap really is small (so "no OutOfMemoryError"
     * means something); elsewhere (an IDE run) there is nothing to check.
     */
    static void assertSmallHeapWhenConfigured() {
        String configured = System.getProperty("ttskit.fuzz.maxHeap");
        if (configured == null) return;
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(max <= Long.parseLong(configured), "fuzz tests must run with at most " + configured
                + " bytes of heap, have " + max);
    }

    static List<Path> corpus(String kind) {
        try {
            Path dir = Path.of(FuzzSupport.class.getResource("/fuzz/" + kind).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> sorted = files.sorted().collect(Collectors.toList());
                assertTrue(sorted.size() >= 10, "seed corpus for " + kind + " is missing");
                return sorted;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs one input: it may succeed or throw ValidationException; anything else (another
     * RuntimeException, an Error such as OutOfMemoryError or StackOverflowError) fails the test, and
     * so does taking longer than {@link #MAX_MILLIS_PER_INPUT}.
     *
     * @return the result, or null when the input was rejected
     */
    static <T> T run(String label, ThrowingSupplier<T> input) {
        long start = System.nanoTime();
        T result = null;
        try {
            result = input.get();
        } catch (ValidationException expected) {
            // Rejection is a valid outcome; its message is checked by the table-driven tests.
        } catch (Throwable t) {
            fail(label + ": escaped with " + t, t);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis <= MAX_MILLIS_PER_INPUT, label + ": took " + millis + " ms");
        return result;
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
