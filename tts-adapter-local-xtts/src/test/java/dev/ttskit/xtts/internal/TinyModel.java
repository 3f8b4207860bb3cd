package dev.ttskit.xtts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tiny random-weight model directory and its goldens (tools/make_tiny_model.py). */
public final class TinyModel {
    private TinyModel() {
    }

    public static Path dir() {
        try {
            return Path.of(TinyModel.class.getResource("/tiny-xtts/xtts.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode golden() {
        try {
            return new ObjectMapper().readTree(dir().resolve("goldens/golden.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] f32(String name) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir().resolve("goldens/" + name))).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            for (int i = 0; i < out.length; i++) out[i] = b.getFloat();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static XttsModel load() {
        return XttsModel.load(XttsManifest.read(dir()), new LoadOptions(dev.ttskit.xtts.ExecutionProvider.CPU, 1, null));
    }

    /** A writable copy of the model directory (without goldens) for tests that break it. */
    public static Path copyTo(Path target) {
        try (Stream<Path> files = Files.list(dir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) Files.copy(f, target.resolve(f.getFileName()));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Largest absolute difference; fails on a length mismatch. */
    public static double maxAbsDiff(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double max = 0;
        for (int i = 0; i < expected.length; i++) max = Math.max(max, Math.abs(expected[i] - actual[i]));
        return max;
    }

    public static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        double d = maxAbsDiff(expected, actual);
        assertTrue(d <= tolerance, what + ": max |diff| " + d + " > " + tolerance);
    }
}
