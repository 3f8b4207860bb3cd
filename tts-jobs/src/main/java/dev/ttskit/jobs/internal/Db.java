package dev.ttskit.jobs.internal;

import dev.ttskit.jobs.JobsUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;

/**
 * JDBC with two ways to meet a failing database: {@link #once} fails at once with a typed error
 * (what a caller of {@code submit} wants), {@link #patiently} backs off and tries again while the
 * failure looks like a lost connection, up to a patience (what a worker holding finished audio wants).
 */
public final class Db {
    private static final Logger log = LoggerFactory.getLogger(Db.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final Duration patience;

    public Db(DataSource dataSource, Duration patience) {
        this.dataSource = dataSource;
        this.patience = patience;
    }

    /** Work on one connection that answers nothing. */
    @FunctionalInterface
    public interface Step {
        void run(Connection c) throws SQLException;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in one transaction; a database failure becomes {@link JobsUnavailableException}. */
    public <T> T once(String what, Work<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    /** {@link #once(String, Work)} for work that answers nothing. */
    public void onceRun(String what, Step step) {
        once(what, c -> {
            step.run(c);
            return Boolean.TRUE;
        });
    }

    /** {@link #patiently(String, Work)} for work that answers nothing. */
    public void patientlyRun(String what, Step step) {
        patiently(what, c -> {
            step.run(c);
            return Boolean.TRUE;
        });
    }

    /** {@link #patientlySingle(String, Work)} for work that answers nothing. */
    public void patientlySingleRun(String what, Step step) {
        patientlySingle(what, c -> {
            step.run(c);
            return Boolean.TRUE;
        });
    }

    /**
     * Runs {@code work} in one transaction, again and again with backoff while the database is
     * unreachable, for at most the patience; then, or for any other failure, {@link JobsUnavailableException}.
     */
    public <T> T patiently(String what, Work<T> work) {
        return patiently(what, work, true);
    }

    /**
     * Like {@link #patiently(String, Work)} for work of one statement, which needs no transaction of
     * its own: it runs in auto-commit, one round trip instead of a statement and a commit.
     */
    public <T> T patientlySingle(String what, Work<T> work) {
        return patiently(what, work, false);
    }

    private <T> T patiently(String what, Work<T> work, boolean transaction) {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction ? inTransaction(work) : single(work);
            } catch (SQLException e) {
                if (!connectionLost(e) || System.nanoTime() + backoff.toNanos() > deadline) throw unavailable(what, e);
                if (attempt == 1 || attempt % 10 == 0) {
                    log.warn("jobs database unreachable while trying to {} ({}); retrying for up to {}", what, e.getMessage(), patience);
                }
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw unavailable(what + " (interrupted)", e);
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private <T> T single(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (c.getAutoCommit()) return work.run(c);
        }
        // A DataSource that hands out connections outside auto-commit: commit as for any transaction.
        return inTransaction(work);
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            if (auto) c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException re) {
                    e.addSuppressed(re);
                }
                throw e;
            } finally {
                if (auto) {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException e) {
                        log.debug("could not restore auto-commit", e);
                    }
                }
            }
        }
    }

    /**
     * Whether the failure is the database being away (connection refused or dropped, pool timed out,
     * server shutting down) rather than a statement it rejected.
     */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) return true;
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // 08: connection exception; 57P: operator intervention (PostgreSQL shutting down); 90067/90098: H2 connection broken/closed
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("90067") || state.equals("90098")) return true;
            }
        }
        return false;
    }

    static JobsUnavailableException unavailable(String what, SQLException e) {
        return JobsUnavailableException.builder("jobs database failed to " + what + ": " + Reasons.database(e)).cause(e).build();
    }
}
