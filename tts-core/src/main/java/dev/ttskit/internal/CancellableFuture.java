package dev.ttskit.internal;

import dev.ttskit.spi.CancellationToken;

import java.util.concurrent.CompletableFuture;

/** A future whose {@code cancel} also stops the provider call in flight. */
public final class CancellableFuture<T> extends CompletableFuture<T> {
    private final CancellationToken token;

    public CancellableFuture(CancellationToken token) {
        this.token = token;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        token.cancel();
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
