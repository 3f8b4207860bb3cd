package dev.ttskit.cluster.internal;

import dev.ttskit.CancelledException;
import dev.ttskit.RateLimitException;
import dev.ttskit.spi.AccountLimiter;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderRequest;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Account limits on PostgreSQL.
 *
 * <p>Concurrency: {@code ttskit_call_slot} holds one row per slot of a provider; a call takes a free
 * or expired slot with {@code FOR UPDATE SKIP LOCKED} (one statement, no lock waits) and frees it
 * when it ends; the freeing is written by the {@link BackgroundWriter} after the call returned (on the
 * caller's thread only when the writer's queue is full), so a call pays one round trip for its slot.
 * A slot's lease runs for {@code lease} and this instance renews its slots every third of that while
 * the calls run, so the slots of an instance that crashed come back once their lease ends.
 *
 * <p>Request rates and character budgets: Bucket4j token buckets stored in {@code ttskit_bucket}
 * and kept by compare-and-swap ({@link PgBuckets}: a read and a conditional write per check), one
 * per provider and limit.
 *
 * <p>Over a limit a call waits, polling, within its deadline; then it gets a
 * {@link RateLimitException} that does not count against the breaker. With the database known down
 * ({@link Outage}), each limit is enforced per instance (a local semaphore, a local bucket) without
 * asking the database, until it answers again.
 */
public final class PgAccountLimiter implements AccountLimiter, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PgAccountLimiter.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** A budget of {@code amount} per {@code period}. */
    public record Rate(long amount, Duration period) {
    }

    private final DataSource ds;
    private final Schema schema;
    private final Map<String, Integer> concurrency;
    private final Map<String, Rate> requestRates;
    private final Map<String, Rate> characterBudgets;
    private final Duration lease;
    private final String instance = UUID.randomUUID().toString();
    private final Outage outage;
    private final BackgroundWriter writer;
    private final ProxyManager<String> buckets;
    private final Map<String, Semaphore> localSlots = new ConcurrentHashMap<>();
    private final Map<String, Bucket> localBuckets = new ConcurrentHashMap<>();
    private final Set<String> slotsCreated = ConcurrentHashMap.newKeySet();
    /** The tokens of the database slots this instance's calls hold now: what renewal extends. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final @Nullable ScheduledFuture<?> renewal;

    public PgAccountLimiter(DataSource ds, Schema schema, Map<String, Integer> concurrency, Map<String, Rate> requestRates,
                            Map<String, Rate> characterBudgets, Duration lease, Outage outage, BackgroundWriter writer,
                            ScheduledExecutorService scheduler) {
        this.ds = ds;
        this.schema = schema;
        this.concurrency = Map.copyOf(concurrency);
        this.requestRates = Map.copyOf(requestRates);
        this.characterBudgets = Map.copyOf(characterBudgets);
        this.lease = lease;
        this.outage = outage;
        this.writer = writer;
        this.buckets = new PgBuckets(ds);
        long every = Math.max(1, lease.toMillis() / 3);
        this.renewal = this.concurrency.isEmpty() ? null
                : scheduler.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** This instance's id in the slot table. */
    public String instance() {
        return instance;
    }

    @Override
    public Permit acquire(String providerId, ProviderRequest request, CallContext ctx) {
        Rate rate = requestRates.get(providerId);
        if (rate != null) consume(providerId, "requests", rate, 1, ctx);
        Rate chars = characterBudgets.get(providerId);
        if (chars != null) consume(providerId, "characters", chars, request.text().length(), ctx);
        Integer slots = concurrency.get(providerId);
        return slots == null ? Permit.NONE : takeSlot(providerId, slots, ctx);
    }

    // ---- budgets ----

    private static String bucketKey(String providerId, String what) {
        return providerId + "/" + what;
    }

    private static BucketConfiguration configuration(String what, Rate rate) {
        Bandwidth limit = what.equals("characters")
                // A character budget resets as a whole each period (a subscription's month), not bit by bit.
                ? Bandwidth.builder().capacity(rate.amount()).refillIntervally(rate.amount(), rate.period()).build()
                : Bandwidth.builder().capacity(rate.amount()).refillGreedy(rate.amount(), rate.period()).build();
        return BucketConfiguration.builder().addLimit(limit).build();
    }

    private Bucket bucket(String providerId, String what, Rate rate) {
        String key = bucketKey(providerId, what);
        if (outage.skip()) return localBucket(key, what, rate);
        try {
            schema.ensure();
        } catch (SQLException e) {
            throw new IllegalStateException("cluster tables unavailable", e);
        }
        return buckets.builder().build(key, () -> configuration(what, rate));
    }

    private Bucket localBucket(String key, String what, Rate rate) {
        return localBuckets.computeIfAbsent(key, k -> Bucket.builder().addLimit(configuration(what, rate).getBandwidths()[0]).build());
    }

    private void consume(String providerId, String what, Rate rate, long tokens, CallContext ctx) {
        if (tokens > rate.amount()) {
            throw RateLimitException.builder("a call of " + tokens + " " + what + " exceeds the whole " + what + " budget of " + providerId
                    + " (" + rate.amount() + " per " + rate.period() + ")").provider(providerId).retryable(false)
                    .countsAgainstBreaker(false).build();
        }
        while (true) {
            ConsumptionProbe probe;
            try {
                boolean shared = !outage.skip();
                probe = bucket(providerId, what, rate).tryConsumeAndReturnRemaining(tokens);
                if (shared) outage.ok();
            } catch (RuntimeException e) {
                outage.failed(e);
                probe = localBucket(bucketKey(providerId, what), what, rate).tryConsumeAndReturnRemaining(tokens);
            }
            if (probe.isConsumed()) return;
            long wait = probe.getNanosToWaitForRefill();
            long left = ctx.remaining().toNanos();
            if (wait >= left) {
                throw RateLimitException.builder("the " + what + " budget of " + providerId + " is spent across the cluster; it refills in "
                        + Duration.ofNanos(wait).toMillis() + " ms").provider(providerId).retryAfter(Duration.ofNanos(wait))
                        .countsAgainstBreaker(false).build();
            }
            pause(Math.min(wait, left), ctx, providerId);
        }
    }

    /**
     * Sets what is left of a provider's character budget to {@code remaining} (from the provider's own
     * account, ElevenLabs' subscription say): the budget's limit must be configured.
     */
    public void seedCharacters(String providerId, long remaining) {
        Rate rate = characterBudgets.get(providerId);
        if (rate == null) throw new IllegalArgumentException("no character budget is configured for " + providerId);
        if (remaining < 0) throw new IllegalArgumentException("remaining characters must be >= 0, was " + remaining);
        long target = Math.min(remaining, rate.amount());
        Bucket b = bucket(providerId, "characters", rate);
        long available = b.getAvailableTokens();
        if (available > target) b.consumeIgnoringRateLimits(available - target);
        else if (available < target) b.addTokens(target - available);
    }

    /** Characters left in a provider's budget now. */
    public long charactersLeft(String providerId) {
        Rate rate = characterBudgets.get(providerId);
        if (rate == null) throw new IllegalArgumentException("no character budget is configured for " + providerId);
        return bucket(providerId, "characters", rate).getAvailableTokens();
    }

    // ---- concurrency ----

    private Permit takeSlot(String providerId, int slots, CallContext ctx) {
        String token = UUID.randomUUID().toString();
        while (true) {
            Permit permit;
            if (outage.skip()) {
                permit = localSlot(providerId, slots);
            } else {
                try {
                    permit = databaseSlot(providerId, slots, token);
                    outage.ok();
                } catch (SQLException e) {
                    outage.failed(e);
                    permit = localSlot(providerId, slots);
                }
            }
            if (permit != null) return permit;
            long left = ctx.remaining().toNanos();
            if (left <= 0) {
                throw RateLimitException.builder("all " + slots + " call slots of " + providerId + " across the cluster stayed taken until"
                        + " the attempt's time ran out").provider(providerId).concurrencyLimit(true).build();
            }
            pause(Math.min(POLL_NANOS, left), ctx, providerId);
        }
    }

    private @Nullable Permit databaseSlot(String providerId, int slots, String token) throws SQLException {
        try (Connection c = schema.ready(ds)) {
            if (!slotsCreated.contains(providerId)) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO ttskit_call_slot (provider, slot, expires_at)"
                        + " SELECT ?, g, '-infinity' FROM generate_series(0, ? - 1) g ON CONFLICT DO NOTHING")) {
                    st.setString(1, providerId);
                    st.setInt(2, slots);
                    st.executeUpdate();
                }
                slotsCreated.add(providerId);
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE ttskit_call_slot s SET instance = ?, token = ?,"
                    + " expires_at = now() + make_interval(secs => ?) FROM (SELECT provider, slot FROM ttskit_call_slot"
                    + " WHERE provider = ? AND slot < ? AND expires_at < now() ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED) f"
                    + " WHERE s.provider = f.provider AND s.slot = f.slot RETURNING s.slot")) {
                st.setString(1, instance);
                st.setString(2, token);
                st.setDouble(3, lease.toMillis() / 1000.0);
                st.setString(4, providerId);
                st.setInt(5, slots);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) return null;
                    int slot = rs.getInt(1);
                    held.add(token);
                    return new DatabasePermit(providerId, slot, token);
                }
            }
        }
    }

    private @Nullable Permit localSlot(String providerId, int slots) {
        Semaphore s = localSlots.computeIfAbsent(providerId, id -> new Semaphore(slots));
        if (!s.tryAcquire()) return null;
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) s.release();
        };
    }

    /** A slot held in the table; freed on close, or by its lease running out when this instance is gone. */
    private final class DatabasePermit implements Permit, BackgroundWriter.Task {
        private final String providerId;
        private final int slot;
        private final String token;
        private final AtomicBoolean closed = new AtomicBoolean();

        DatabasePermit(String providerId, int slot, String token) {
            this.providerId = providerId;
            this.slot = slot;
            this.token = token;
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) return;
            held.remove(token);
            if (writer.offer(this)) return;
            // The writer is full or closed: a slot is never left to its lease while the database answers.
            if (outage.skip()) return;
            try (Connection c = ds.getConnection()) {
                write(c);
            } catch (SQLException e) {
                // Its lease runs out on its own.
                outage.failed(e);
            }
        }

        @Override
        public long bytes() {
            return 0;
        }

        @Override
        public void write(Connection c) throws SQLException {
            try (PreparedStatement st = c.prepareStatement("UPDATE ttskit_call_slot SET instance = NULL, token = NULL,"
                    + " expires_at = '-infinity' WHERE provider = ? AND slot = ? AND token = ?")) {
                st.setString(1, providerId);
                st.setInt(2, slot);
                st.setString(3, token);
                st.executeUpdate();
            }
        }
    }

    /**
     * Extends the leases of the slots this instance's running calls hold, by their tokens: a renewal
     * that came late, after a lease ran out, revives the slot unless another instance has taken it
     * since (its token is then another); a slot whose call ended is never renewed, even when freeing
     * it could not be written, so its lease runs out.
     */
    private void renew() {
        if (outage.skip() || held.isEmpty()) return;
        try (Connection c = ds.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE ttskit_call_slot SET expires_at = now() + make_interval(secs => ?)"
                     + " WHERE instance = ? AND token = ANY(?)")) {
            st.setDouble(1, lease.toMillis() / 1000.0);
            st.setString(2, instance);
            st.setArray(3, c.createArrayOf("text", held.toArray()));
            st.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            log.debug("renewing this instance's call slots failed", e);
        }
    }

    /** Slots of a provider whose lease has not run out, across the cluster. */
    public int slotsHeld(String providerId) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM ttskit_call_slot WHERE provider = ? AND expires_at > now()")) {
            st.setString(1, providerId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void pause(long nanos, CallContext ctx, String providerId) {
        if (ctx.cancellation().isCancelled()) {
            throw CancelledException.builder("cancelled while waiting for the account's limits").provider(providerId).build();
        }
        try {
            // In slices, so a cancellation is noticed while a budget refills.
            long end = System.nanoTime() + Math.max(1, nanos);
            for (long left = nanos; left > 0 && !ctx.cancellation().isCancelled(); left = end - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, 4 * POLL_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CancelledException.builder("interrupted while waiting for the account's limits").provider(providerId).cause(e).build();
        }
        if (ctx.cancellation().isCancelled()) {
            throw CancelledException.builder("cancelled while waiting for the account's limits").provider(providerId).build();
        }
    }

    /** Stops renewing this instance's slots (the scheduler is the cluster's and stays). */
    @Override
    public void close() {
        if (renewal != null) renewal.cancel(false);
    }

    @Override
    public String toString() {
        return "PgAccountLimiter[concurrency=" + concurrency + ", requestRates=" + requestRates.keySet()
                + ", characterBudgets=" + characterBudgets.keySet() + "]";
    }
}
