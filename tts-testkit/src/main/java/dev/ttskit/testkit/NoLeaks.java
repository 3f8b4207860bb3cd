package dev.ttskit.testkit;

import dev.ttskit.spi.ResourceManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JUnit extension that fails a test class which leaves ttskit threads running after its tests
 * (a client or resource manager that was not closed). Use with {@code @ExtendWith(NoLeaks.class)}.
 * Threads get a short grace period to finish stopping.
 */
public final class NoLeaks implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoLeaks.class);
    private static final long GRACE_MILLIS = 3_000;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("before", ttskitThreads());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Set<Thread> before = (Set<Thread>) context.getStore(NAMESPACE).get("before", Set.class);
        long end = System.nanoTime() + GRACE_MILLIS * 1_000_000;
        Set<Thread> leaked;
        do {
            leaked = ttskitThreads();
            leaked.removeAll(before);
            if (leaked.isEmpty()) return;
            Thread.sleep(20);
        } while (System.nanoTime() < end);
        throw new AssertionError("ttskit threads still running after " + context.getDisplayName() + ": "
                + leaked.stream().map(Thread::getName).sorted().collect(Collectors.joining(", "))
                + " (a TtsClient or ResourceManager was not closed)");
    }

    /**
     * Live threads whose names start with ttskit's prefix.
     *
     * @return those threads, now
     */
    public static Set<Thread> ttskitThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(ResourceManager.THREAD_PREFIX))
                .collect(Collectors.toSet());
    }
}
