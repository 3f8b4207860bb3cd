package dev.ttskit.internal.resources;

import dev.ttskit.AudioStream;
import dev.ttskit.RateLimitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Open audio streams: a limit on how many, idle expiry, and closing whatever is left. */
final class StreamTracker {
    private static final Logger log = LoggerFactory.getLogger(StreamTracker.class);

    private final int maxOpen;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Set<Tracked> streams = ConcurrentHashMap.newKeySet();
    private boolean closed;

    StreamTracker(int maxOpen, Duration idleTimeout, Clock clock) {
        this.maxOpen = maxOpen;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    AudioStream track(AudioStream stream) {
        Objects.requireNonNull(stream, "stream");
        synchronized (this) {
            if (closed || streams.size() >= maxOpen) {
                closeQuietly(stream);
                if (closed) throw new IllegalStateException("resource manager is closed");
                throw RateLimitException.builder("too many open audio streams (limit " + maxOpen + ")")
                        .provider(stream.provider()).concurrencyLimit(true).build();
            }
            Tracked tracked = new Tracked(stream);
            streams.add(tracked);
            return new AudioStream(tracked, stream.format(), stream.provider(), stream.providerRequestId().orElse(null), null);
        }
    }

    int open() {
        return streams.size();
    }

    void closeIdle(Instant now) {
        for (Tracked s : List.copyOf(streams)) {
            if (Duration.between(s.lastActivity, now).compareTo(idleTimeout) > 0) {
                log.debug("closing an audio stream of {} idle for more than {}", s.stream.provider(), idleTimeout);
                closeQuietly(s);
            }
        }
    }

    void close() {
        synchronized (this) {
            closed = true;
        }
        for (Tracked s : List.copyOf(streams)) closeQuietly(s);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("close failed", e);
        }
    }

    /** Counts activity for idle expiry and unregisters itself on close. */
    private final class Tracked extends FilterInputStream {
        final AudioStream stream;
        volatile Instant lastActivity;

        Tracked(AudioStream stream) {
            super(stream);
            this.stream = stream;
            this.lastActivity = clock.instant();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            lastActivity = clock.instant();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            lastActivity = clock.instant();
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                streams.remove(this);
            }
        }
    }
}
