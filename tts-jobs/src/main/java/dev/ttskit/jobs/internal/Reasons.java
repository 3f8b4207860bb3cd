package dev.ttskit.jobs.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Why a file or database operation failed, in words a user reads in a message: never a class name,
 * and never the driver's own text, which may carry a JDBC URL with its password.
 */
public final class Reasons {
    private Reasons() {
    }

    /** For example "permission denied" or "no such file or directory". */
    public static String file(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason().toLowerCase(Locale.ROOT);
        return "an input/output error";
    }

    /** For example "the database did not answer in time"; the first SQL error among the causes decides. */
    public static String database(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return "the database did not answer in time";
            if (t instanceof SQLException s && s.getSQLState() != null) return bySqlState(s.getSQLState());
        }
        return "a database error";
    }

    private static String bySqlState(String state) {
        if (state.startsWith("08")) return "the database cannot be reached (SQLState " + state + ")";
        if (state.startsWith("28")) return "the database refused the user name or password (SQLState " + state + ")";
        if (state.equals("3D000")) return "the database does not exist (SQLState " + state + ")";
        if (state.startsWith("57P")) return "the database is shutting down (SQLState " + state + ")";
        if (state.startsWith("42")) return "the database refused a statement: missing rights or an unexpected schema (SQLState " + state + ")";
        return "a database error (SQLState " + state + ")";
    }
}
