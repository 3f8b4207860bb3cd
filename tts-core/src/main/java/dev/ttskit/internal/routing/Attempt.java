package dev.ttskit.internal.routing;

import dev.ttskit.spi.CallContext;

/** One call on one candidate. A stream keeps the lease ({@link CallLease#keep()}) and ends it when it ends. */
@FunctionalInterface
interface Attempt<T> {
    T call(Candidate candidate, CallContext ctx, CallLease lease);
}
