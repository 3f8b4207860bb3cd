package dev.ttskit.internal.routing;

import dev.ttskit.CancelledException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One logical request on its way through the providers: its context (deadline, cancellation), the
 * attempt counter, the provider tried last and every provider failure so far. Hedged calls share
 * the counter and failures.
 */
final class RequestState {
    private final CallContext ctx;
    private final AtomicInteger attempts;
    private final List<TtsException> failures;
    private final AtomicReference<String> lastTried;

    RequestState(CallContext ctx) {
        this(ctx, new AtomicInteger(), new ArrayList<>(), new AtomicReference<>());
    }

    private RequestState(CallContext ctx, AtomicInteger attempts, List<TtsException> failures, AtomicReference<String> lastTried) {
        this.ctx = ctx;
        this.attempts = attempts;
        this.failures = failures;
        this.lastTried = lastTried;
    }

    /** The same request under another cancellation (one side of a hedge). */
    RequestState withCancellation(CancellationToken token) {
        return new RequestState(ctx.withCancellation(token), attempts, failures,
                lastTried);
    }

    CallContext ctx() {
        return ctx;
    }

    int nextAttempt(String provider) {
        lastTried.set(provider);
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

    /**
     * Throws when the request was cancelled or its deadline passed. A timeout names the provider
     * whose attempt ran out (the one tried last) and carries every failure so far, each with its
     * provider and cause.
     */
    void checkActive() {
        if (ctx.cancellation().isCancelled()) throw CancelledException.builder("request was cancelled").provider(lastTried.get()).build();
        if (ctx.expired()) {
            List<TtsException> so = failures();
            String provider = so.isEmpty() ? lastTried.get() : so.get(so.size() - 1).provider().orElse(lastTried.get());
            String message = "request deadline passed after " + so.size() + " failed attempt(s)"
                    + (so.isEmpty() ? "" : ": " + describe(so));
            TtsTimeoutException timeout = TtsTimeoutException.builder(message).provider(provider).build();
            so.forEach(timeout::addSuppressed);
            throw timeout;
        }
    }

    /** Each failure as {@code provider: message (CATEGORY)}, in order. */
    static String describe(List<TtsException> failures) {
        StringBuilder sb = new StringBuilder();
        for (TtsException f : failures) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(f.provider().orElse("?")).append(": ").append(f.getMessage()).append(" (").append(f.category()).append(')');
        }
        return sb.toString();
    }
}
