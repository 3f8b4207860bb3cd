package dev.ttskit.testkit;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waiting for another thread's doing, with a bound that only a broken build ever reaches. */
final class TestWaits {
    private TestWaits() {
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
