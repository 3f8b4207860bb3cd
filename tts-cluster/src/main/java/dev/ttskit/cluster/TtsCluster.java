package dev.ttskit.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ttskit.Settings;
import dev.ttskit.cluster.internal.BackgroundWriter;
import dev.ttskit.cluster.internal.Outage;
import dev.ttskit.cluster.internal.PgAccountLimiter;
import dev.ttskit.cluster.internal.PgCompletionBus;
import dev.ttskit.cluster.internal.PgResultStore;
import dev.ttskit.cluster.internal.Schema;
import dev.ttskit.spi.AccountLimiter;
import dev.ttskit.spi.CompletionBus;
import dev.ttskit.spi.ResultStore;
import dev.ttskit.spi.SharedState;
import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the instances of one application share, on PostgreSQL: Replicate webhook completions (a
 * table and LISTEN/NOTIFY, delivery ids refused as replays on every instance), the result cache's
 * far tier (weighed by bytes, evicted by age and size) and account limits (per-provider concurrency
 * as leased slots, request rates and character budgets as Bucket4j buckets).
 *
 * <pre>{@code
 * try (TtsCluster cluster = TtsCluster.builder().jdbcUrl(url, user, password)
 *              .concurrencyLimit("elevenlabs", 4).build();
 *      TtsClient tts = TtsClient.builder().sharedState(cluster).cache(CachePolicy.maxBytes(64 << 20))
 *              .provider(...).build()) {
 *     tts.synthesize(request);
 * }
 * }</pre>
 *
 * <p>With {@code TTSKIT_CLUSTER_DB_URL} set and this module on the class path,
 * {@link dev.ttskit.TtsClient#fromEnv()} builds one itself ({@link #fromSettings}). The tables are
 * created when missing. When the database becomes unreachable, every piece carries on with its local
 * default after one WARN (completions on this instance, the near cache alone, limits per instance)
 * without waiting on the database again: a background probe asks it every {@code retryInterval}, and
 * the pieces use it again once it answers. What a request does not need to wait for (a new shared
 * cache entry, freeing a call slot) is written in the background, in a bounded queue; entries that do
 * not fit are dropped and counted. Closing writes what is queued (within 5 s), then releases the pool
 * and the three threads ({@code ttskit-cluster-listener}, {@code ttskit-cluster-writer},
 * {@code ttskit-cluster-maintenance}).
 */
public final class TtsCluster implements SharedState {

    private static final int WRITER_QUEUE = 1_024;
    private static final long WRITER_QUEUE_BYTES = 32L << 20;
    private static final Duration FLUSH_ON_CLOSE = Duration.ofSeconds(5);

    private final @Nullable HikariDataSource ownedPool;
    private final ScheduledExecutorService maintenance;
    private final Outage outage;
    private final BackgroundWriter writer;
    private final PgCompletionBus bus;
    private final @Nullable PgResultStore store;
    private final PgAccountLimiter limiter;
    private final AccountLimiter exposedLimiter;
    private volatile boolean closed;

    private TtsCluster(Builder b) {
        DataSource ds;
        if (b.dataSource != null) {
            ds = b.dataSource;
            ownedPool = null;
        } else {
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(b.url);
            if (b.user != null) hc.setUsername(b.user);
            if (b.password != null) hc.setPassword(b.password);
            hc.setPoolName("ttskit-cluster");
            hc.setMaximumPoolSize(b.poolSize);
            // Fail fast while the database is gone: the shared pieces fall back to local defaults
            // rather than making requests wait for a connection.
            hc.setConnectionTimeout(Math.max(250, b.queryTimeout.toMillis()));
            hc.setValidationTimeout(Math.max(250, Math.min(b.queryTimeout.toMillis(), 1_000)));
            hc.setInitializationFailTimeout(-1);
            // What the cluster writes (slot leases, token buckets, cache entries, completions) may lose
            // its last few milliseconds if the database itself crashes: a lease runs out, a bucket is
            // a little generous, a webhook falls back to the final GET. Not waiting for the WAL flush
            // on every commit is what keeps the per-request cost near one network round trip.
            hc.setConnectionInitSql("SET synchronous_commit TO off");
            hc.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, b.queryTimeout.toSeconds())));
            hc.addDataSourceProperty("socketTimeout", Long.toString(Math.max(5, b.queryTimeout.toSeconds() * 5)));
            ownedPool = new HikariDataSource(hc);
            ds = ownedPool;
        }
        Schema schema = new Schema(ds);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ttskit-cluster-maintenance");
            t.setDaemon(true);
            return t;
        });
        int validSeconds = (int) Math.max(1, b.queryTimeout.toSeconds());
        DataSource probed = ds;
        this.outage = new Outage(b.retryInterval, maintenance, () -> {
            try (Connection c = probed.getConnection()) {
                if (!c.isValid(validSeconds)) throw new SQLException("the connection did not answer within " + validSeconds + " s");
            }
            schema.ensure();
        });
        try {
            schema.ensure();
        } catch (SQLException e) {
            // Not fatal: the pieces use local defaults at once, and make the tables once the database answers.
            outage.failed(e);
        }
        this.writer = new BackgroundWriter(ds, schema, outage, WRITER_QUEUE, WRITER_QUEUE_BYTES);
        this.bus = new PgCompletionBus(ds, schema, b.completionKeep, b.retryInterval, outage);
        this.store = b.cacheMaxBytes > 0 ? new PgResultStore(ds, schema, b.cacheMaxBytes, b.cacheMaxAge, b.queryTimeout, outage, writer) : null;
        boolean limits = !b.concurrency.isEmpty() || !b.requestRates.isEmpty() || !b.characterBudgets.isEmpty();
        this.limiter = new PgAccountLimiter(ds, schema, b.concurrency, b.requestRates, b.characterBudgets, b.lease, outage, writer,
                maintenance);
        this.exposedLimiter = limits ? limiter : AccountLimiter.NONE;
    }

    /**
     * Starts a cluster configuration; nothing touches the database until {@link Builder#build()}.
     *
     * @return a new builder with the defaults named on its setters
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A cluster configured by settings when {@code TTSKIT_CLUSTER_DB_URL} is set, else empty.
     *
     * <table>
     * <caption>Settings read</caption>
     * <tr><th>name</th><th>meaning</th></tr>
     * <tr><td>TTSKIT_CLUSTER_DB_URL</td><td>JDBC URL of the shared PostgreSQL database (required)</td></tr>
     * <tr><td>TTSKIT_CLUSTER_DB_USER, TTSKIT_CLUSTER_DB_PASSWORD</td><td>its credentials</td></tr>
     * <tr><td>TTSKIT_CLUSTER_MAX_CONCURRENT</td><td>calls in flight per provider across all instances: {@code elevenlabs=4,replicate=10}</td></tr>
     * <tr><td>TTSKIT_CLUSTER_REQUESTS_PER_MINUTE</td><td>requests per minute per provider: {@code openai=500}</td></tr>
     * <tr><td>TTSKIT_CLUSTER_CHARACTERS_PER_MONTH</td><td>characters per 30 days per provider: {@code elevenlabs=100000}</td></tr>
     * <tr><td>TTSKIT_CLUSTER_CACHE_MAX_BYTES</td><td>the shared cache's byte budget (256 MiB; 0 turns it off)</td></tr>
     * <tr><td>TTSKIT_CLUSTER_CACHE_MAX_AGE</td><td>how long a shared cache entry is served (7 days)</td></tr>
     * <tr><td>TTSKIT_CLUSTER_LEASE</td><td>how long a crashed instance's call slots stay taken (30 s)</td></tr>
     * </table>
     *
     * @param settings where the values are read from
     * @return the started cluster, which the caller closes, or empty when no database URL is set
     * @throws IllegalArgumentException when a setting is present but invalid (its name is in the message)
     */
    public static Optional<TtsCluster> fromSettings(Settings settings) {
        Optional<String> url = settings.get("TTSKIT_CLUSTER_DB_URL");
        if (url.isEmpty()) return Optional.empty();
        Builder b = builder().jdbcUrl(url.get(), settings.get("TTSKIT_CLUSTER_DB_USER").orElse(null),
                settings.get("TTSKIT_CLUSTER_DB_PASSWORD").orElse(null));
        settings.get("TTSKIT_CLUSTER_MAX_CONCURRENT").ifPresent(v -> pairs("TTSKIT_CLUSTER_MAX_CONCURRENT", v)
                .forEach((id, n) -> b.concurrencyLimit(id, Math.toIntExact(n))));
        settings.get("TTSKIT_CLUSTER_REQUESTS_PER_MINUTE").ifPresent(v -> pairs("TTSKIT_CLUSTER_REQUESTS_PER_MINUTE", v)
                .forEach((id, n) -> b.requestRate(id, n, Duration.ofMinutes(1))));
        settings.get("TTSKIT_CLUSTER_CHARACTERS_PER_MONTH").ifPresent(v -> pairs("TTSKIT_CLUSTER_CHARACTERS_PER_MONTH", v)
                .forEach((id, n) -> b.characterBudget(id, n, Duration.ofDays(30))));
        try {
            settings.number("TTSKIT_CLUSTER_CACHE_MAX_BYTES").ifPresent(b::cacheMaxBytes);
            settings.duration("TTSKIT_CLUSTER_CACHE_MAX_AGE").ifPresent(b::cacheMaxAge);
            settings.duration("TTSKIT_CLUSTER_LEASE").ifPresent(b::leaseDuration);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster settings: " + e.getMessage(), e);
        }
        return Optional.of(b.build());
    }

    private static Map<String, Long> pairs(String name, String value) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) continue;
            String[] kv = part.split("=", 2);
            try {
                if (kv.length != 2 || kv[0].isBlank()) throw new NumberFormatException();
                out.put(kv[0].trim().toLowerCase(Locale.ROOT), Long.parseLong(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be provider=number pairs separated by commas, was '" + value + "'", e);
            }
        }
        return out;
    }

    @Override
    public CompletionBus completionBus() {
        return bus;
    }

    @Override
    public ResultStore resultStore() {
        return store == null ? ResultStore.NONE : store;
    }

    @Override
    public AccountLimiter accountLimiter() {
        return exposedLimiter;
    }

    /**
     * Sets what is left of a provider's character budget, across the cluster, from the provider's own
     * account: for ElevenLabs, {@code subscription.characterLimit() - subscription.characterCount()}
     * from {@code ElevenLabsProvider.subscription(ctx)}.
     *
     * @param providerId the provider whose budget is set
     * @param remaining characters left in the provider's account; replaces the shared count
     * @throws IllegalArgumentException when no character budget is configured for the provider
     */
    public void seedCharacterBudget(String providerId, long remaining) {
        limiter.seedCharacters(providerId, remaining);
    }

    /**
     * Characters left in a provider's shared budget now.
     *
     * @param providerId the provider asked about
     * @return the characters left; may be read while other instances spend them
     */
    public long charactersLeft(String providerId) {
        return limiter.charactersLeft(providerId);
    }

    /**
     * Call slots of a provider held across the cluster now (leases not run out).
     *
     * @param providerId the provider asked about
     * @return the slots held by all instances together
     * @throws IllegalStateException when the database cannot be reached
     */
    public int callSlotsHeld(String providerId) {
        try {
            return limiter.slotsHeld(providerId);
        } catch (SQLException e) {
            throw new IllegalStateException("the cluster database is unreachable: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes completions and delivery ids past their keep time, and cache entries past their age or
     * the budget, now; cache entries still queued for writing are written first (waiting up to 5 s).
     */
    public void cleanUp() {
        try {
            writer.flush(FLUSH_ON_CLOSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            bus.cleanupNow();
            if (store != null) store.evict();
        } catch (SQLException e) {
            throw new IllegalStateException("the cluster database is unreachable: " + e.getMessage(), e);
        }
    }

    /** {@return whether the completion listener is connected to the database now} */
    public boolean listening() {
        return bus.listening();
    }

    /**
     * {@return whether the database is known to be down now} The pieces use their local defaults until
     * it answers again.
     */
    public boolean databaseDown() {
        return outage.isDown();
    }

    /**
     * Background writes dropped so far: shared cache entries that did not fit the writer's queue, or
     * that were queued when the database went away.
     *
     * @return the count since this cluster started
     */
    public long writesDropped() {
        return writer.dropped();
    }

    /**
     * Waits until the background writes queued so far (shared cache entries, freed slots) are made or
     * dropped, at most {@code within}: a result this instance just produced is then a hit on the others.
     *
     * @param within the longest to wait; not null
     * @return whether they were, within the time (false too when the waiting thread is interrupted)
     */
    public boolean flushWrites(Duration within) {
        try {
            return writer.flush(Objects.requireNonNull(within, "within"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@return background writes queued and not yet made} */
    public int writesQueued() {
        return writer.queued();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        bus.close();
        limiter.close();
        writer.close(FLUSH_ON_CLOSE);
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownedPool != null) ownedPool.close();
    }

    @Override
    public String toString() {
        return "TtsCluster[" + bus + ", " + (store == null ? "no shared cache" : store) + ", " + limiter + "]";
    }

    /** Builds a {@link TtsCluster}; every setter fails fast naming the bad value. */
    public static final class Builder {
        private @Nullable String url;
        private @Nullable String user;
        private @Nullable String password;
        private @Nullable DataSource dataSource;
        private int poolSize = 10;
        private final Map<String, Integer> concurrency = new LinkedHashMap<>();
        private final Map<String, PgAccountLimiter.Rate> requestRates = new LinkedHashMap<>();
        private final Map<String, PgAccountLimiter.Rate> characterBudgets = new LinkedHashMap<>();
        private Duration lease = Duration.ofSeconds(30);
        private long cacheMaxBytes = 256L << 20;
        private Duration cacheMaxAge = Duration.ofDays(7);
        private Duration completionKeep = Duration.ofMinutes(10);
        private Duration retryInterval = Duration.ofSeconds(5);
        private Duration queryTimeout = Duration.ofSeconds(2);

        private Builder() {
        }

        /**
         * The shared database; the cluster opens a small pool of its own and closes it.
         *
         * @param value a {@code jdbc:postgresql:} URL
         * @param user the database user, or null to use the URL's or the driver's default
         * @param password the user's password, or null for none
         * @return this builder
         * @throws IllegalArgumentException when the URL is not a PostgreSQL one
         */
        public Builder jdbcUrl(String value, @Nullable String user, @Nullable String password) {
            Objects.requireNonNull(value, "jdbcUrl");
            if (!value.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("the cluster database must be PostgreSQL (jdbc:postgresql:...), was '"
                        + value.replaceAll("password=[^&]*", "password=...") + "'");
            }
            this.url = value;
            this.user = user;
            this.password = password;
            this.dataSource = null;
            return this;
        }

        /**
         * The application's own pool on the shared database (the cluster does not close it).
         *
         * @param value a pool on a PostgreSQL database; replaces a JDBC URL given before
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            this.url = null;
            return this;
        }

        /**
         * Connections in the cluster's own pool (10); one is held by the completion listener.
         *
         * @param value at least 2; ignored when a data source is given
         * @return this builder
         */
        public Builder poolSize(int value) {
            if (value < 2) throw new IllegalArgumentException("poolSize must be >= 2, was " + value);
            this.poolSize = value;
            return this;
        }

        /**
         * At most {@code calls} calls of a provider in flight across all instances.
         *
         * @param providerId the provider limited
         * @param calls at least 1
         * @return this builder
         */
        public Builder concurrencyLimit(String providerId, int calls) {
            Objects.requireNonNull(providerId, "providerId");
            if (calls < 1) throw new IllegalArgumentException("concurrencyLimit for " + providerId + " must be >= 1, was " + calls);
            concurrency.put(providerId, calls);
            return this;
        }

        /**
         * At most {@code requests} calls of a provider per {@code period}, across all instances (refilled smoothly).
         *
         * @param providerId the provider limited
         * @param requests at least 1
         * @param period positive
         * @return this builder
         */
        public Builder requestRate(String providerId, long requests, Duration period) {
            requestRates.put(Objects.requireNonNull(providerId, "providerId"), rate("requestRate", providerId, requests, period));
            return this;
        }

        /**
         * At most {@code characters} characters sent to a provider per {@code period}, across all instances (refilled whole).
         *
         * @param providerId the provider limited
         * @param characters at least 1
         * @param period positive
         * @return this builder
         */
        public Builder characterBudget(String providerId, long characters, Duration period) {
            characterBudgets.put(Objects.requireNonNull(providerId, "providerId"), rate("characterBudget", providerId, characters, period));
            return this;
        }

        private static PgAccountLimiter.Rate rate(String what, String providerId, long amount, Duration period) {
            if (amount < 1) throw new IllegalArgumentException(what + " for " + providerId + " must be >= 1, was " + amount);
            positive(period, what + " period for " + providerId);
            return new PgAccountLimiter.Rate(amount, period);
        }

        /**
         * How long a call slot stays taken when its instance stops renewing it (crashed); 30 s.
         *
         * @param value at least 300 ms
         * @return this builder
         */
        public Builder leaseDuration(Duration value) {
            this.lease = positive(value, "leaseDuration");
            if (value.toMillis() < 300) throw new IllegalArgumentException("leaseDuration must be >= 300 ms, was " + value);
            return this;
        }

        /**
         * The shared cache's byte budget (256 MiB); 0 keeps results per instance.
         *
         * @param value bytes, at least 0
         * @return this builder
         */
        public Builder cacheMaxBytes(long value) {
            if (value < 0) throw new IllegalArgumentException("cacheMaxBytes must be >= 0, was " + value);
            this.cacheMaxBytes = value;
            return this;
        }

        /**
         * How long a shared cache entry is served after it was written (7 days).
         *
         * @param value positive
         * @return this builder
         */
        public Builder cacheMaxAge(Duration value) {
            this.cacheMaxAge = positive(value, "cacheMaxAge");
            return this;
        }

        /**
         * How long webhook completions and delivery ids are kept (10 min; at least twice the webhook tolerance is wise).
         *
         * @param value positive
         * @return this builder
         */
        public Builder completionKeep(Duration value) {
            this.completionKeep = positive(value, "completionKeep");
            return this;
        }

        /**
         * While the database is known down, how often a background probe asks it whether it answers
         * again (5 s); requests keep to the local defaults meanwhile and never ask it themselves.
         *
         * @param value positive
         * @return this builder
         */
        public Builder retryInterval(Duration value) {
            this.retryInterval = positive(value, "retryInterval");
            return this;
        }

        /**
         * The longest a request waits for the database on a connection or a cache statement (2 s).
         *
         * @param value positive
         * @return this builder
         */
        public Builder queryTimeout(Duration value) {
            this.queryTimeout = positive(value, "queryTimeout");
            return this;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) throw new IllegalArgumentException(name + " must be positive, was " + value);
            return value;
        }

        /**
         * Starts the cluster: creates its tables when missing, opens its pool (for a JDBC URL) and starts
         * the completion listener and background writer.
         *
         * @return the cluster, which the caller closes
         * @throws IllegalStateException when neither a JDBC URL nor a data source was given
         */
        public TtsCluster build() {
            if (url == null && dataSource == null) {
                throw new IllegalStateException("the cluster needs a database: jdbcUrl(url, user, password) or dataSource(ds)");
            }
            return new TtsCluster(this);
        }
    }
}
