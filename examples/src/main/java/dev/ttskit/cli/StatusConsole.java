package dev.ttskit.cli;

import java.io.PrintStream;

/**
 * Standard error with one transient status line at the bottom (the progress bar). Every other line
 * printed while the status is shown first erases it and then draws it again below, so a failover note
 * or a library's log line never lands in the middle of the bar. The status is drawn with a carriage
 * return and erased with spaces, which works on every terminal (no escape sequences).
 */
final class StatusConsole {
    private final PrintStream err;
    private String status = "";

    StatusConsole(PrintStream err) {
        this.err = err;
    }

    /** Prints a line of its own, above the status line if one is shown. */
    synchronized void println(String line) {
        erase();
        err.println(line);
        draw();
    }

    /** Shows {@code text} as the status line, replacing the previous one. The caller fits it to the width. */
    synchronized void status(String text) {
        erase();
        status = text;
        draw();
    }

    /** Erases the status line and leaves the cursor at the start of the empty line. */
    synchronized void clearStatus() {
        erase();
        status = "";
    }

    /** The stream itself, for stack traces (printed after the status is cleared). */
    PrintStream stream() {
        return err;
    }

    private void erase() {
        if (status.isEmpty()) return;
        err.print("\r" + " ".repeat(status.length()) + "\r");
        err.flush();
    }

    private void draw() {
        if (status.isEmpty()) return;
        err.print("\r" + status);
        err.flush();
    }
}
