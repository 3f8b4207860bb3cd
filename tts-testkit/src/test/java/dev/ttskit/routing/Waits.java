package dev.ttskit.routing;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting for a condition another thread brings about, with a generous bound that only fails a broken test. */
final class Waits {
    private Waits() {
    }

    static void until(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out waiting until " + what);
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
