package dev.ttskit.jobs;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (zonky's binaries), each test on a database of its own.
 * Stoppable and restartable on the same port and data, for the outage test.
 */
public final class Postgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Postgres shared;

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres pg;

    private Postgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static synchronized Postgres shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.stop()));
        }
        return shared;
    }

    /** A server of its own (for a test that stops it). */
    static Postgres start() {
        try {
            Path dir = Files.createTempDirectory("ttskit-pg");
            Postgres p = new Postgres(dir, freePort());
            p.startServer();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void startServer() {
        try {
            pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    synchronized void stop() {
        if (pg == null) return;
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pg = null;
        }
    }

    /** A fresh, empty database; its JDBC URL. */
    public String newDatabase() {
        String name = "ttskit_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url(name);
    }

    String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    DataSource postgres() {
        return pg.getPostgresDatabase();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
