package dev.ttskit.internal.routing;

import dev.ttskit.spi.ResourceManager;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one task that watches a client's calls and streams outlives a check that throws, and stops with the client. */
class SweepTest {

    @Test
    void aCheckThatThrowsLeavesTheOthersWatched() throws Exception {
        try (ResourceManager resources = ResourceManager.create()) {
            AtomicInteger checkedB = new AtomicInteger();
            Sweep<String> sweep = new Sweep<>(resources, Clock.systemUTC(), 5, "checking", (s, item) -> {
                if (item.equals("a")) throw new IllegalStateException("a always fails");
                checkedB.incrementAndGet();
            });
            sweep.add("a");
            sweep.add("b");
            // A scheduled task that throws once is never run again: without the guard "b" is checked at most once.
            long until = System.nanoTime() + 30_000_000_000L;
            while (checkedB.get() < 5 && System.nanoTime() < until) Thread.sleep(5);
            assertTrue(checkedB.get() >= 5, "b checked " + checkedB.get() + " times");
        }
    }

    @Test
    void removingTellsWhetherItWasWatchedSoOnlyOneCallerActs() {
        try (ResourceManager resources = ResourceManager.create()) {
            Sweep<String> sweep = new Sweep<>(resources, Clock.systemUTC(), 1_000, "checking", (s, item) -> { });
            sweep.add("x");
            assertTrue(sweep.remove("x"));
            assertEquals(false, sweep.remove("x"));
        }
    }

    @Test
    void aClosedClientRefusesTheFirstWatch() {
        ResourceManager resources = ResourceManager.create();
        resources.close();
        Sweep<String> sweep = new Sweep<>(resources, Clock.systemUTC(), 5, "checking", (s, item) -> { });
        assertThrows(IllegalStateException.class, () -> sweep.add("x"));
    }
}
