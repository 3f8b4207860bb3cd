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
 *
 * <p>Besides threads named with ttskit's prefix it watches the threads the libraries in core could
 * start on ttskit's behalf and that would outlive a client: resilience4j's JVM-wide timer for
 * automatic breaker transitions.
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
                + " (a TtsClient or ResourceManager was not closed)" + leaked.stream().map(NoLeaks::where).collect(Collectors.joining()));
    }

    /** Where a leaked thread is, so the report points at what holds it. */
    private static String where(Thread t) {
        StringBuilder sb = new StringBuilder("\n  ").append(t.getName()).append(':');
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < Math.min(12, stack.length); i++) sb.append("\n    at ").append(stack[i]);
        return sb.toString();
    }

    /** Name prefixes of library threads that ttskit must never cause to start. */
    private static final java.util.List<String> LIBRARY_THREADS = java.util.List.of("CircuitBreakerAutoTransitionThread");

    /**
     * Live threads whose names start with ttskit's prefix, or that a library started for ttskit.
     *
     * @return those threads, now
     */
    public static Set<Thread> ttskitThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith(ResourceManager.THREAD_PREFIX)
                        || LIBRARY_THREADS.stream().anyMatch(t.getName()::startsWith)))
                .collect(Collectors.toSet());
    }
}
