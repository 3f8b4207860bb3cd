package dev.ttskit.spi;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What close() does when the things it closes fail or were never closed by their users. */
class ResourceManagerFailurePathTest {
    @Test
    void aSharedComponentWhoseCloseThrowsDoesNotStopTheOthersOrEscape() {
        List<String> closed = new ArrayList<>();
        ResourceManager rm = ResourceManager.create();
        rm.shared("first", () -> "first", closed::add);
        rm.shared("broken", () -> "broken", c -> {
            throw new IllegalStateException("close failed");
        });
        rm.shared("last", () -> "last", closed::add);
        rm.close();   // must not throw
        assertEquals(List.of("last", "first"), closed, "every other component is still closed, newest first");
        rm.close();
        assertEquals(2, closed.size(), "close is idempotent");
    }

    @Test
    void aTempFileItsUserNeverClosedIsDeletedByClose() {
        ResourceManager rm = ResourceManager.create();
        Path path = rm.createTempFile("ttskit", ".tmp").path();
        assertTrue(Files.exists(path));
        assertEquals(1, rm.stats().tempFiles());
        rm.close();
        assertFalse(Files.exists(path));
    }
}
