package dev.ttskit.cluster.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes that a request does not need to wait for (shared cache entries, the mark that an entry was
 * used, freed call slots), done by one thread ({@code ttskit-cluster-writer}) on one connection per
 * batch. The queue is bounded by count and by bytes: a write that does not fit is refused at once,
 * never waited for, and the caller decides (a cache entry is dropped and counted, a freed slot is
 * written on the caller's thread). While the database is known down, queued writes are dropped and
 * counted too. Closing writes what is queued within a bound, then drops the rest.
 */
public final class BackgroundWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundWriter.class);
    private static final int BATCH = 64;

    /** One write; {@link #bytes()} is what it holds in memory while queued. */
    public interface Task {
        long bytes();

        void write(Connection c) throws SQLException;
    }

    private final DataSource ds;
    private final Schema schema;
    private final Outage outage;
    private final long maxBytes;
    private final BlockingQueue<Task> queue;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    /** Writes taken into the queue so far, in queue order (guarded by {@code progress}). */
    private long accepted;
    /** Writes made or dropped so far, in queue order (guarded by {@code progress}): {@link #flush} waits on it. */
    private long finished;
    private final Object progress = new Object();
    private final List<Task> afterBatch = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    public BackgroundWriter(DataSource ds, Schema schema, Outage outage, int maxTasks, long maxBytes) {
        this.ds = ds;
        this.schema = schema;
        this.outage = outage;
        this.maxBytes = maxBytes;
        this.queue = new ArrayBlockingQueue<>(maxTasks);
        this.thread = new Thread(this::run, "ttskit-cluster-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code work} on the writer's connection after each batch that was written (cache eviction, say). */
    public void afterEachBatch(Task work) {
        synchronized (afterBatch) {
            afterBatch.add(work);
        }
    }

    /** Queues a write; false, at once, when it does not fit or the writer is closed. */
    public boolean offer(Task task) {
        if (closed) return false;
        long size = task.bytes();
        if (size > 0 && queuedBytes.addAndGet(size) > maxBytes) {
            queuedBytes.addAndGet(-size);
            return false;
        }
        // Counted with its place in the queue, so that the first n accepted are the first n the writer finishes.
        synchronized (progress) {
            if (!queue.offer(task)) {
                queuedBytes.addAndGet(-size);
                return false;
            }
            accepted++;
        }
        return true;
    }

    /**
     * Waits until what was queued before this call has been written or dropped, at most
     * {@code within}; whether it was. Writes queued meanwhile are not waited for.
     */
    public boolean flush(Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        synchronized (progress) {
            long target = accepted;
            while (finished < target) {
                long left = end - System.nanoTime();
                if (left <= 0 || !thread.isAlive()) return false;
                progress.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
            }
            return true;
        }
    }

    private void finished(int tasks) {
        synchronized (progress) {
            finished += tasks;
            progress.notifyAll();
        }
    }

    /** Counts a write that was not queued and will not be made. */
    public void countDropped() {
        dropped.incrementAndGet();
    }

    /** Writes dropped so far: refused by the bounded queue, or lost to the database being down. */
    public long dropped() {
        return dropped.get();
    }

    /** Writes made so far. */
    public long written() {
        return written.get();
    }

    /** Writes queued now. */
    public int queued() {
        return queue.size();
    }

    private void run() {
        List<Task> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                Task first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) return;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                // close() ran out of time: what is still queued is dropped.
                batch.clear();
                queue.drainTo(batch);
                release(batch);
                dropped.addAndGet(batch.size());
                finished(batch.size());
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Task> batch) {
        int done = 0;
        try {
            if (outage.skip()) return;
            try (Connection c = schema.ready(ds)) {
                for (Task t : batch) {
                    t.write(c);
                    done++;
                }
                written.addAndGet(done);
                outage.ok();
                List<Task> after;
                synchronized (afterBatch) {
                    after = List.copyOf(afterBatch);
                }
                for (Task t : after) t.write(c);
            }
        } catch (SQLException | RuntimeException e) {
            outage.failed(e);
            log.debug("background cluster writes failed", e);
        } finally {
            dropped.addAndGet(batch.size() - done);
            release(batch);
            finished(batch.size());
        }
    }

    private void release(List<Task> tasks) {
        long bytes = 0;
        for (Task t : tasks) bytes += t.bytes();
        queuedBytes.addAndGet(-bytes);
    }

    /** Stops taking writes, writes what is queued within {@code within}, then drops the rest. Idempotent. */
    public void close(Duration within) {
        closed = true;
        try {
            thread.join(Math.max(1, within.toMillis()));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "BackgroundWriter[queued=" + queue.size() + ", written=" + written.get() + ", dropped=" + dropped.get() + "]";
    }
}
