package dev.ttskit.spi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What close() does when the things it closes fail or were never closed by their users. */
class ResourceManagerFailurePathTest {
    @Test
    void aSharedComponentWhoseCloseThrowsDoesNotStopTheOthersOrEscape() {
        List<String> closed = new ArrayList<>();
        ResourceManager rm = ResourceManager.create();
        rm.shared(SharedKey.of("first", String.class), () -> "first", closed::add);
        rm.shared(SharedKey.of("broken", String.class), () -> "broken", c -> {
            throw new IllegalStateException("close failed");
        });
        rm.shared(SharedKey.of("last", String.class), () -> "last", closed::add);
        rm.close();   // must not throw
        assertEquals(List.of("last", "first"), closed, "every other component is still closed, newest first");
        rm.close();
        assertEquals(2, closed.size(), "close is idempotent");
    }
}
