package dev.ttskit.xtts.internal;

import dev.ttskit.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model files are contained by their real paths: a symbolic link cannot lead out of the model directory. */
class ModelPathContainmentTest {
    @TempDir
    Path tmp;

    private Path model() throws IOException {
        return TinyModel.copyTo(Files.createDirectories(tmp.resolve("model")));
    }

    private static void assertRefused(Path dir, String part) {
        ModelException e = assertThrows(ModelException.class, () -> XttsManifest.read(dir));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void aModelFileLinkedOutsideTheDirectoryIsRefused() throws IOException {
        Path dir = model();
        Path outside = Files.writeString(tmp.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n", StandardCharsets.US_ASCII);
        Files.delete(dir.resolve("gpt.onnx"));
        Files.createSymbolicLink(dir.resolve("gpt.onnx"), outside);
        assertRefused(dir, "files.gpt leads outside the model directory");
    }

    @Test
    void aLinkedSubdirectoryLeadingOutsideIsRefused() throws IOException {
        Path dir = model();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.move(dir.resolve("gpt.onnx"), elsewhere.resolve("gpt.onnx"));
        Files.createSymbolicLink(dir.resolve("sub"), elsewhere);
        String manifest = Files.readString(dir.resolve("xtts.json")).replace("\"gpt\": \"gpt.onnx\"", "\"gpt\": \"sub/gpt.onnx\"");
        Files.writeString(dir.resolve("xtts.json"), manifest);
        assertRefused(dir, "files.gpt leads outside");
    }

    @Test
    void aDanglingLinkIsRefused() throws IOException {
        Path dir = model();
        Files.delete(dir.resolve("gpt.onnx"));
        Files.createSymbolicLink(dir.resolve("gpt.onnx"), tmp.resolve("nothing-here"));
        assertRefused(dir, "symbolic link to nothing");
    }

    @Test
    void linksThatStayInsideAreFollowedToTheirRealPath() throws IOException {
        Path dir = model();
        Files.move(dir.resolve("gpt.onnx"), dir.resolve("gpt-v2.onnx"));
        Files.createSymbolicLink(dir.resolve("gpt.onnx"), dir.resolve("gpt-v2.onnx"));
        assertEquals(dir.resolve("gpt-v2.onnx").toRealPath(), XttsManifest.read(dir).gpt());
    }

    @Test
    void aModelDirectoryReachedThroughALinkStillWorks() throws IOException {
        Path dir = model();
        Path link = Files.createSymbolicLink(tmp.resolve("current"), dir);
        assertEquals(dir.resolve("gpt.onnx").toRealPath(), XttsManifest.read(link).gpt());
    }
}
