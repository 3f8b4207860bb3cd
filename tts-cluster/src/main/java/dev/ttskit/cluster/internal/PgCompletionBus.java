package dev.ttskit.cluster.internal;

import dev.ttskit.spi.CompletionBus;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The completion bus on PostgreSQL. The instance that receives a webhook inserts the terminal event
 * into {@code ttskit_completion} and, in the same statement, notifies channel {@value #CHANNEL} with
 * the job id; every instance listens on one dedicated connection and completes its own waiting call.
 * A waiter registers before it reads the table, so an event that landed before it listened is read
 * from the table and one that lands after is notified: none is lost. Webhook delivery ids are kept
 * in {@code ttskit_webhook_delivery}, so a replay is refused on every instance. Rows older than
 * {@code keep} are deleted.
 *
 * <p>With the database known down ({@link Outage}), waiting calls stay registered (the adapter's own fallback, a
 * final GET before the deadline, still runs), a webhook for a call waiting on this instance completes
 * it directly, and one for a call elsewhere is refused with an exception, so the sender retries it.
 * When the listener connects again, it reads the table for every call still waiting.
 */
public final class PgCompletionBus implements CompletionBus {
    static final String CHANNEL = "ttskit_completion";
    private static final Logger log = LoggerFactory.getLogger(PgCompletionBus.class);
    private static final int NOTIFY_WAIT_MILLIS = 250;
    private static final long CLEANUP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final DataSource ds;
    private final Schema schema;
    private final Duration keep;
    private final Duration retry;
    private final Outage outage;
    private final Map<String, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();
    private final Set<String> forgotten = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    }));
    private final Thread listener;
    private volatile boolean closed;
    private volatile boolean listening;

    public PgCompletionBus(DataSource ds, Schema schema, Duration keep, Duration retry, Outage outage) {
        this.ds = ds;
        this.schema = schema;
        this.keep = keep;
        this.retry = retry;
        this.outage = outage;
        this.listener = new Thread(this::listen, "ttskit-cluster-listener");
        listener.setDaemon(true);
        listener.start();
    }

    /** Whether the listener is connected and listening (for tests and health). */
    public boolean listening() {
        return listening;
    }

    @Override
    public CompletableFuture<byte[]> await(String jobId) {
        if (closed) return CompletableFuture.failedFuture(new CancellationException("completion bus is closed"));
        CompletableFuture<byte[]> f = waiting.computeIfAbsent(jobId, id -> new CompletableFuture<>());
        // The dependent stage only unregisters; how f ended is for its waiter to see on f itself.
        CompletableFuture<byte[]> unused = f.whenComplete((v, e) -> waiting.remove(jobId, f));
        // Registered first, then read: an event committed before this read is found here, one after
        // it is notified to the listener, which finds the waiter.
        if (!outage.skip()) {
            try {
                byte[] body = read(jobId);
                outage.ok();
                if (body != null) f.complete(body);
            } catch (SQLException e) {
                outage.failed(e);
            }
        }
        return f;
    }

    @Override
    public boolean publish(String jobId, byte[] body) {
        if (closed) return false;
        if (!outage.skip()) {
            try (Connection c = schema.ready(ds);
                 PreparedStatement st = c.prepareStatement("WITH ins AS (INSERT INTO ttskit_completion (job_id, body) VALUES (?, ?)"
                         + " ON CONFLICT (job_id) DO NOTHING RETURNING job_id) SELECT pg_notify('" + CHANNEL + "', job_id) FROM ins")) {
                st.setString(1, jobId);
                st.setBytes(2, body);
                boolean first;
                try (ResultSet rs = st.executeQuery()) {
                    first = rs.next();
                }
                outage.ok();
                if (first) completeLocal(jobId, body);
                return first;
            } catch (SQLException e) {
                outage.failed(e);
            }
        }
        // The database is unreachable: a call waiting here still completes; one waiting elsewhere
        // cannot hear of it, so the delivery fails and the sender retries it later.
        if (completeLocal(jobId, body)) return true;
        throw new IllegalStateException("the cluster database is unreachable and no call on this instance waits for job " + jobId);
    }

    private boolean completeLocal(String jobId, byte[] body) {
        CompletableFuture<byte[]> f = waiting.get(jobId);
        return f != null && f.complete(body.clone());
    }

    @Override
    public boolean finished(String jobId) {
        if (forgotten.contains(jobId)) return true;
        if (outage.skip()) return false;
        try {
            boolean found = read(jobId) != null;
            outage.ok();
            return found;
        } catch (SQLException e) {
            outage.failed(e);
            return false;
        }
    }

    @Override
    public void forget(String jobId) {
        forgotten.add(jobId);
        CompletableFuture<byte[]> f = waiting.remove(jobId);
        if (f != null) f.cancel(false);
    }

    @Override
    public boolean delivered(String deliveryId) {
        if (outage.skip()) return false;
        try (Connection c = schema.ready(ds);
             PreparedStatement st = c.prepareStatement("SELECT 1 FROM ttskit_webhook_delivery WHERE delivery_id = ?")) {
            st.setString(1, deliveryId);
            try (ResultSet rs = st.executeQuery()) {
                boolean seen = rs.next();
                outage.ok();
                return seen;
            }
        } catch (SQLException e) {
            outage.failed(e);
            return false;
        }
    }

    @Override
    public void recordDelivery(String deliveryId) {
        if (outage.skip()) return;
        try (Connection c = schema.ready(ds);
             PreparedStatement st = c.prepareStatement("INSERT INTO ttskit_webhook_delivery (delivery_id) VALUES (?) ON CONFLICT DO NOTHING")) {
            st.setString(1, deliveryId);
            st.executeUpdate();
            outage.ok();
        } catch (SQLException e) {
            outage.failed(e);
        }
    }

    /** Calls waiting on this instance now. */
    public int waitingCount() {
        return waiting.size();
    }

    private byte @Nullable [] read(String jobId) throws SQLException {
        try (Connection c = schema.ready(ds)) {
            return read(c, jobId);
        }
    }

    private static byte @Nullable [] read(Connection c, String jobId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT body FROM ttskit_completion WHERE job_id = ?")) {
            st.setString(1, jobId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** The listener thread: one connection LISTENing, reconnected after failures, old rows cleaned now and then. */
    private void listen() {
        long nextCleanup = System.nanoTime();
        while (!closed) {
            try (Connection c = schema.ready(ds)) {
                PGConnection pg = c.unwrap(PGConnection.class);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                outage.ok();
                // Whatever landed while nobody listened: read it for every call still waiting.
                for (String id : new ArrayList<>(waiting.keySet())) deliverFromTable(c, id);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(NOTIFY_WAIT_MILLIS);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            if (waiting.containsKey(n.getParameter())) deliverFromTable(c, n.getParameter());
                        }
                    }
                    if (System.nanoTime() - nextCleanup >= 0) {
                        cleanup(c);
                        nextCleanup = System.nanoTime() + CLEANUP_NANOS;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (closed) break;
                outage.failed(e);
                log.debug("completion listener lost its connection", e);
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException ie) {
                    break;
                }
            }
        }
        listening = false;
    }

    private void deliverFromTable(Connection c, String jobId) throws SQLException {
        byte[] body = read(c, jobId);
        if (body == null) return;
        CompletableFuture<byte[]> f = waiting.get(jobId);
        if (f != null) f.complete(body);
    }

    private void cleanup(Connection c) throws SQLException {
        long secs = Math.max(1, keep.toSeconds());
        try (PreparedStatement a = c.prepareStatement("DELETE FROM ttskit_completion WHERE created_at < now() - make_interval(secs => ?)");
             PreparedStatement b = c.prepareStatement("DELETE FROM ttskit_webhook_delivery WHERE created_at < now() - make_interval(secs => ?)")) {
            a.setLong(1, secs);
            b.setLong(1, secs);
            int gone = a.executeUpdate() + b.executeUpdate();
            if (gone > 0) log.debug("deleted {} old completion and delivery rows", gone);
        }
    }

    /** Deletes rows older than {@code keep} now (the listener does it every 30 s). */
    public void cleanupNow() throws SQLException {
        try (Connection c = ds.getConnection()) {
            cleanup(c);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        listener.interrupt();
        try {
            listener.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<CompletableFuture<byte[]>> open = new ArrayList<>(waiting.values());
        waiting.clear();
        for (CompletableFuture<byte[]> f : open) f.completeExceptionally(new CancellationException("completion bus closed"));
    }

    @Override
    public String toString() {
        return "PgCompletionBus[waiting=" + waiting.size() + (outage.isDown() ? ", database unreachable" : "") + "]";
    }
}
