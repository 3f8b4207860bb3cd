package dev.ttskit.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a command that serves until told to stop hears SIGINT or SIGTERM (or an interrupt, in tests),
 * and how the process still exits 0 after it closed cleanly.
 *
 * <p>The JVM turns those signals into a shutdown with status 130 or 143, running shutdown hooks while
 * the command's own thread carries on. The hook here wakes the command, lets it close what it opened
 * and print its last line, then ends the process with status 0: a supervisor (systemd, a container
 * runtime) that stopped the receiver on purpose should not see a failure.
 */
final class StopSignal implements AutoCloseable {
    /** Longer than closing the server and the database pool takes; a wedged close must not keep the process. */
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(20);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "ttskit-stop");
    private volatile boolean signalled;

    private StopSignal() {
    }

    /** Listens for the process being told to stop, until {@link #close()}. */
    static StopSignal register() {
        StopSignal s = new StopSignal();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** Blocks until the process is told to stop (returns) or this thread is interrupted (throws). */
    void await() throws InterruptedException {
        stop.await();
    }

    private void onShutdown() {
        signalled = true;
        stop.countDown();
        try {
            closed.await(CLOSE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(ExitCode.OK);
    }

    /** The command has closed everything: a shutdown in progress may end the process now. */
    @Override
    public void close() {
        closed.countDown();
        if (signalled) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the shutdown began after the last check: the hook finds 'closed' counted down and ends the process
        }
    }
}
