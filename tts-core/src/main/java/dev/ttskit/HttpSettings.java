package dev.ttskit;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the one HTTP client that every HTTP adapter shares (connection pool and dispatcher).
 * Redirects and the HTTP client's own silent retries are always off: ttskit's router is the only
 * retry layer.
 *
 * @param connectTimeout     TCP and TLS connect timeout
 * @param readTimeout        longest silence between two reads
 * @param writeTimeout       longest stall while sending a body
 * @param maxRequests        requests in flight across all hosts
 * @param maxRequestsPerHost requests in flight to one host (the HTTP client's default of 5 is far too low for TTS)
 * @param maxIdleConnections idle connections kept in the pool: at least as many as calls may run at once
 *                           to one provider, or each burst opens new connections for the calls above it
 * @param keepAlive          how long an idle connection is kept; the pool shrinks to the concurrency
 *                           actually used within this time
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration writeTimeout, int maxRequests,
                           int maxRequestsPerHost, int maxIdleConnections, Duration keepAlive) {

    /**
     * Sized for the limits the router may run a provider at (an ElevenLabs Enterprise account allows
     * hundreds of calls at once): 1,024 requests, 512 to one host, 512 idle connections kept for at
     * most two minutes. Idle connections cost a socket each and close when unused for that long.
     */
    public static final HttpSettings DEFAULTS = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(30), 1_024, 512, 512, Duration.ofMinutes(2));

    /**
     * These settings with another pool size.
     *
     * @param value idle connections kept, 0 or more
     * @return new settings; this instance is unchanged
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public HttpSettings withMaxIdleConnections(int value) {
        return new HttpSettings(connectTimeout, readTimeout, writeTimeout, maxRequests, maxRequestsPerHost, value, keepAlive);
    }

    /**
     * These settings with another idle-connection lifetime.
     *
     * @param value how long an idle connection is kept, positive
     * @return new settings; this instance is unchanged
     * @throws IllegalArgumentException when {@code value} is zero or negative
     */
    public HttpSettings withKeepAlive(Duration value) {
        return new HttpSettings(connectTimeout, readTimeout, writeTimeout, maxRequests, maxRequestsPerHost, maxIdleConnections, value);
    }

    /**
     * Checks the settings.
     *
     * @param connectTimeout TCP and TLS connect timeout
     * @param readTimeout longest silence between two reads
     * @param writeTimeout longest stall while sending a body
     * @param maxRequests requests in flight across all hosts
     * @param maxRequestsPerHost requests in flight to one host (the HTTP client's default of 5 is
     *     far too low for TTS)
     * @param maxIdleConnections idle connections kept in the pool: at least as many as calls may
     *     run at once to one provider, or each burst opens new connections for the calls above it
     * @param keepAlive how long an idle connection is kept; the pool shrinks to the concurrency
     *     actually used within this time
     * @throws IllegalArgumentException when a duration is not positive, a count is out of range, or
     *     {@code maxRequestsPerHost} exceeds {@code maxRequests}
     */
    public HttpSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(writeTimeout, "writeTimeout");
        requirePositive(keepAlive, "keepAlive");
        if (maxRequests < 1) throw new IllegalArgumentException("maxRequests must be >= 1, was " + maxRequests);
        if (maxRequestsPerHost < 1 || maxRequestsPerHost > maxRequests) {
            throw new IllegalArgumentException("maxRequestsPerHost must be 1.." + maxRequests + ", was " + maxRequestsPerHost);
        }
        if (maxIdleConnections < 0) throw new IllegalArgumentException("maxIdleConnections must be >= 0, was " + maxIdleConnections);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
}
