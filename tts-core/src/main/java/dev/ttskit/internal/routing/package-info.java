/**
 * The router: candidate planning, each provider's lane (breaker, bulkhead, retry budget), the
 * retry and failover loop, hedging, the result cache, routed streams and long-text jobs. Nothing
 * here is API; it may change in any release.
 */
@NullMarked
package dev.ttskit.internal.routing;

import org.jspecify.annotations.NullMarked;
