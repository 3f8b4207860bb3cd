package dev.ttskit.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Signals that a call should stop. Adapters register what aborts their work in flight (cancel the
 * HTTP call, stop generation); registered actions run once, on the cancelling thread, and an action
 * registered after cancellation runs at once.
 */
public final class CancellationToken {
    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    /** Cancels: runs every registered action once. Idempotent. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) return;
            cancelled = true;
            toRun = new ArrayList<>(actions);
            actions.clear();
        }
        RuntimeException first = null;
        for (Runnable action : toRun) {
            try {
                action.run();
            } catch (RuntimeException e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }

    /** {@return whether {@code cancel()} has been called; once true, it stays true} */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Registers an action to run on cancellation. Close the returned registration when the work
     * finishes, so finished calls are not kept alive by the token.
     *
     * @param action runs once, on the cancelling thread, or at once on this thread when already
     *     cancelled
     * @return the registration; close it to drop the action
     */
    public Registration onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return () -> {
                    synchronized (CancellationToken.this) {
                        actions.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> { };
    }

    /** A registered cancellation action; closing it unregisters the action. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
