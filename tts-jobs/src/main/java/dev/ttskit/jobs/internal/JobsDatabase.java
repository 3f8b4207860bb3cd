package dev.ttskit.jobs.internal;

import com.zaxxer.hikari.HikariConfig;
import org.jspecify.annotations.Nullable;
import com.zaxxer.hikari.HikariDataSource;
import dev.ttskit.jobs.JobsUnavailableException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/** Opens ttskit's own pool when no DataSource was given, and brings the schema up to date. */
public final class JobsDatabase {
    /** The history table Flyway keeps for ttskit's tables only, beside any the application has. */
    static final String HISTORY_TABLE = "ttskit_jobs_schema_history";

    private JobsDatabase() {
    }

    /** The embedded default: an H2 file under {@code ~/.ttskit/}. */
    public static String defaultUrl() {
        Path file = Path.of(System.getProperty("user.home"), ".ttskit", "jobs");
        // AUTO_SERVER: a second process (the CLI's 'status' beside a worker) may open the same file.
        // QUERY_CACHE_SIZE: the workers and db-scheduler prepare more distinct statements than H2's default 8.
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";AUTO_SERVER=TRUE;QUERY_CACHE_SIZE=64";
    }

    /** A HikariCP pool of at most {@code maxConnections}; waiting for a connection gives up after {@code connectTimeout}. */
    public static HikariDataSource pool(String url, @Nullable String user, @Nullable String password, int maxConnections, Duration connectTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        config.setPoolName("ttskit-jobs");
        // The pool is built even while the database is away; the first use reports it, typed.
        config.setInitializationFailTimeout(-1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw JobsUnavailableException.builder("cannot open the jobs database pool: " + Reasons.database(e))
                    .cause(e).build();
        }
    }

    /** Creates or upgrades ttskit's tables (and db-scheduler's) with Flyway. */
    public static void migrate(DataSource dataSource) {
        String vendor = vendor(dataSource);
        try {
            Flyway.configure(JobsDatabase.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:dev/ttskit/jobs/db/" + vendor)
                    .table(HISTORY_TABLE)
                    // An application's database has tables of its own: ttskit's history starts beside them.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw JobsUnavailableException.builder("cannot create or upgrade the jobs tables: " + Reasons.database(e))
                    .cause(e).build();
        }
    }

    /** {@code h2} or {@code postgresql}; other databases are refused. */
    public static String vendor(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw Db.unavailable("connect", e);
        }
        if (product.contains("h2")) return "h2";
        if (product.contains("postgres")) return "postgresql";
        throw new IllegalArgumentException("tts-jobs runs on H2 or PostgreSQL, not on " + product);
    }
}
