package dev.ttskit.cluster.internal;

import dev.ttskit.SpeechResult;
import dev.ttskit.spi.ResultStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The result cache's far tier on PostgreSQL: {@code ttskit_result}, weighed by audio bytes. Entries
 * older than {@code maxAge} are never served and are deleted; beyond {@code maxBytes} the least
 * recently used go first. On the request's path there is one statement, the lookup (a plain
 * {@code SELECT}); the entry a miss produced, and the mark that a hit used its entry, are written by
 * the {@link BackgroundWriter} afterwards, so a miss returns before its entry lands on the other
 * instances. Writes that do not fit the writer's queue are dropped and counted. With the database
 * known down, lookups miss at once and writes are dropped, and the near tier carries on alone.
 */
public final class PgResultStore implements ResultStore {
    private static final long EVICT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DataSource ds;
    private final Schema schema;
    private final long maxBytes;
    private final Duration maxAge;
    private final int queryTimeoutSeconds;
    private final Outage outage;
    private final BackgroundWriter writer;
    private final AtomicLong nextEviction = new AtomicLong(System.nanoTime());

    public PgResultStore(DataSource ds, Schema schema, long maxBytes, Duration maxAge, Duration queryTimeout, Outage outage,
                         BackgroundWriter writer) {
        this.ds = ds;
        this.schema = schema;
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.queryTimeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
        this.outage = outage;
        this.writer = writer;
        writer.afterEachBatch(new BackgroundWriter.Task() {
            @Override
            public long bytes() {
                return 0;
            }

            @Override
            public void write(Connection c) throws SQLException {
                long due = nextEviction.get();
                if (System.nanoTime() - due >= 0 && nextEviction.compareAndSet(due, System.nanoTime() + EVICT_EVERY_NANOS)) evict(c);
            }
        });
    }

    @Override
    public Optional<SpeechResult> get(String key) {
        if (outage.skip()) return Optional.empty();
        SpeechResult found;
        try (Connection c = schema.ready(ds);
             PreparedStatement st = c.prepareStatement("SELECT body FROM ttskit_result WHERE key = ?"
                     + " AND created_at > now() - make_interval(secs => ?)")) {
            st.setQueryTimeout(queryTimeoutSeconds);
            st.setString(1, key);
            st.setDouble(2, maxAge.toMillis() / 1000.0);
            try (ResultSet rs = st.executeQuery()) {
                outage.ok();
                found = rs.next() ? ResultCodec.decode(rs.getBytes(1)) : null;
            }
        } catch (SQLException e) {
            outage.failed(e);
            return Optional.empty();
        }
        // Recency for eviction only: losing the mark when the queue is full costs nothing a request sees.
        if (found != null && !writer.offer(new Touch(key))) writer.countDropped();
        return Optional.ofNullable(found);
    }

    @Override
    public void put(String key, SpeechResult result) {
        if (outage.skip() || result.size() > maxBytes) return;
        if (!writer.offer(new Put(key, result))) writer.countDropped();
    }

    /** Cache entries and marks dropped (the writer's queue was full, or the database was down). */
    public long dropped() {
        return writer.dropped();
    }

    /** Writes an entry, encoded on the writer's thread rather than the request's. */
    private final class Put implements BackgroundWriter.Task {
        private final String key;
        private final SpeechResult result;

        Put(String key, SpeechResult result) {
            this.key = key;
            this.result = result;
        }

        @Override
        public long bytes() {
            return result.size();
        }

        @Override
        public void write(Connection c) throws SQLException {
            byte[] body = ResultCodec.encode(result);
            if (body.length > maxBytes) return;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO ttskit_result (key, body, bytes, created_at, used_at)"
                    + " VALUES (?, ?, ?, now(), now()) ON CONFLICT (key) DO UPDATE SET body = excluded.body, bytes = excluded.bytes,"
                    + " created_at = excluded.created_at, used_at = excluded.used_at")) {
                st.setQueryTimeout(queryTimeoutSeconds);
                st.setString(1, key);
                st.setBytes(2, body);
                st.setLong(3, body.length);
                st.executeUpdate();
            }
        }
    }

    /** Marks an entry used now, so the budget evicts it after the ones not used since. */
    private static final class Touch implements BackgroundWriter.Task {
        private final String key;

        Touch(String key) {
            this.key = key;
        }

        @Override
        public long bytes() {
            return 0;
        }

        @Override
        public void write(Connection c) throws SQLException {
            try (PreparedStatement st = c.prepareStatement("UPDATE ttskit_result SET used_at = now() WHERE key = ?")) {
                st.setString(1, key);
                st.executeUpdate();
            }
        }
    }

    /** Deletes entries past their age, then the least recently used beyond the byte budget. */
    public int evict() throws SQLException {
        try (Connection c = ds.getConnection()) {
            return evict(c);
        }
    }

    private int evict(Connection c) throws SQLException {
        try (PreparedStatement old = c.prepareStatement("DELETE FROM ttskit_result WHERE created_at <= now() - make_interval(secs => ?)");
             PreparedStatement big = c.prepareStatement("DELETE FROM ttskit_result WHERE key IN (SELECT key FROM (SELECT key,"
                     + " sum(bytes) OVER (ORDER BY used_at DESC, key) AS running FROM ttskit_result) t WHERE running > ?)")) {
            old.setDouble(1, maxAge.toMillis() / 1000.0);
            big.setLong(1, maxBytes);
            return old.executeUpdate() + big.executeUpdate();
        }
    }

    /** Entries and bytes held now. */
    public long[] size() throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT count(*), coalesce(sum(bytes), 0) FROM ttskit_result");
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    @Override
    public String toString() {
        return "PgResultStore[maxBytes=" + maxBytes + ", maxAge=" + maxAge + ", dropped=" + writer.dropped()
                + (outage.isDown() ? ", database unreachable" : "") + "]";
    }
}
