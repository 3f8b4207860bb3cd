package dev.ttskit.cluster.internal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * ttskit's cluster tables, created when missing. Instances starting together take an advisory lock
 * first, so concurrent creation never collides. Every piece calls {@link #ensure()} before it uses
 * the database, so an instance that started while the database was down creates the tables once it
 * answers.
 */
public final class Schema {
    private static final long LOCK = 0x7474_736b_6974_0001L;
    private static final String[] DDL = {
        "CREATE TABLE IF NOT EXISTS ttskit_completion (job_id TEXT PRIMARY KEY, body BYTEA NOT NULL,"
                + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        "CREATE INDEX IF NOT EXISTS ttskit_completion_created ON ttskit_completion (created_at)",
        "CREATE TABLE IF NOT EXISTS ttskit_webhook_delivery (delivery_id TEXT PRIMARY KEY,"
                + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        "CREATE TABLE IF NOT EXISTS ttskit_result (key TEXT PRIMARY KEY, body BYTEA NOT NULL, bytes BIGINT NOT NULL,"
                + " created_at TIMESTAMPTZ NOT NULL, used_at TIMESTAMPTZ NOT NULL)",
        "CREATE INDEX IF NOT EXISTS ttskit_result_used ON ttskit_result (used_at)",
        "CREATE TABLE IF NOT EXISTS ttskit_call_slot (provider TEXT NOT NULL, slot INT NOT NULL, instance TEXT, token TEXT,"
                + " expires_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (provider, slot))",
        "CREATE TABLE IF NOT EXISTS ttskit_bucket (id TEXT PRIMARY KEY, state BYTEA)",
    };

    private final DataSource ds;
    private volatile boolean ready;

    public Schema(DataSource ds) {
        this.ds = ds;
    }

    /** A connection from {@code from}, the tables made first if they were not yet. */
    public Connection ready(DataSource from) throws SQLException {
        ensure();
        return from.getConnection();
    }

    /** Creates the tables unless this instance already did. */
    public void ensure() throws SQLException {
        if (ready) return;
        synchronized (this) {
            if (ready) return;
            create(ds);
            ready = true;
        }
    }

    private static void create(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                for (String ddl : DDL) s.execute(ddl);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }
}
