package dev.ttskit.testkit;

import dev.ttskit.spi.ResourceManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoLeaksTest {

    /** A context with a working store and a display name, enough for the extension. */
    private static ExtensionContext context() {
        Map<Object, Object> values = new HashMap<>();
        ExtensionContext.Store store = (ExtensionContext.Store) Proxy.newProxyInstance(NoLeaksTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.Store.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "put" -> values.put(args[0], args[1]);
                    case "get" -> values.get(args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ExtensionContext) Proxy.newProxyInstance(NoLeaksTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getStore" -> store;
                    case "getDisplayName" -> "SomeTest";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anUnclosedManagerIsReportedAndAClosedOneIsNot() throws Exception {
        NoLeaks check = new NoLeaks();
        ExtensionContext ctx = context();
        check.beforeAll(ctx);
        ResourceManager leaked = ResourceManager.create();
        leaked.executor().submit(() -> { }).get();
        AssertionError e = assertThrows(AssertionError.class, () -> check.afterAll(ctx));
        assertTrue(e.getMessage().contains("ttskit-worker"), e.getMessage());
        leaked.close();

        ExtensionContext ctx2 = context();
        check.beforeAll(ctx2);
        try (ResourceManager closed = ResourceManager.create()) {
            closed.executor().submit(() -> { }).get();
        }
        assertDoesNotThrow(() -> check.afterAll(ctx2));
    }

    @Test
    void aBreakerTimerThreadLeftByALibraryIsReported() throws Exception {
        NoLeaks check = new NoLeaks();
        ExtensionContext ctx = context();
        check.beforeAll(ctx);
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        // Named like resilience4j's JVM-wide timer, which ttskit must never cause to start.
        Thread timer = new Thread(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "CircuitBreakerAutoTransitionThread-0");
        timer.setDaemon(true);
        timer.start();
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> check.afterAll(ctx));
            assertTrue(e.getMessage().contains("CircuitBreakerAutoTransitionThread"), e.getMessage());
        } finally {
            stop.countDown();
            timer.join(5_000);
        }
    }
}
