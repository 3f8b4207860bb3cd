package dev.ttskit.internal.routing;

import dev.ttskit.CancelledException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One logical request on its way through the providers: its context (deadline, cancellation), the
 * attempt counter and every provider failure so far. Hedged calls share the counter and failures.
 */
final class RequestState {
    private final CallContext ctx;
    private final AtomicInteger attempts;
    private final List<TtsException> failures;

    RequestState(CallContext ctx) {
        this(ctx, new AtomicInteger(), new ArrayList<>());
    }

    private RequestState(CallContext ctx, AtomicInteger attempts, List<TtsException> failures) {
        this.ctx = ctx;
        this.attempts = attempts;
        this.failures = failures;
    }

    /** The same request under another cancellation (one side of a hedge). */
    RequestState withCancellation(CancellationToken token) {
        return new RequestState(CallContext.withDeadline(ctx.deadline(), ctx.clock(), token, ctx.resources()).withCheckpoint(ctx.checkpoint()), attempts, failures);
    }

    CallContext ctx() {
        return ctx;
    }

    int nextAttempt() {
        return attempts.incrementAndGet();
    }

    int attempts() {
        return attempts.get();
    }

    void failed(TtsException failure) {
        synchronized (failures) {
            failures.add(failure);
        }
    }

    List<TtsException> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Throws when the request was cancelled or its deadline passed; a timeout carries the failures so far. */
    void checkActive() {
        if (ctx.cancellation().isCancelled()) throw new CancelledException("request was cancelled");
        if (ctx.expired()) {
            List<TtsException> so = failures();
            TtsTimeoutException timeout = new TtsTimeoutException("request deadline passed after " + so.size() + " failed attempt(s)");
            so.forEach(timeout::addSuppressed);
            throw timeout;
        }
    }
}
