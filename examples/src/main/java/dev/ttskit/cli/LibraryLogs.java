package dev.ttskit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the libraries' log records go while a command runs. Every library logs through slf4j (MaryTTS
 * through log4j-over-slf4j) into java.util.logging, whose root logger this replaces for the run: with
 * {@code --debug} warnings and errors are printed above the progress bar; otherwise nothing is, since
 * the CLI reports every failure itself in one line and a library's own lines (MaryTTS's phonemiser
 * complaining about a word, say) would only break the bar or a {@code --quiet} run. Closing puts the
 * root logger back as it was.
 */
final class LibraryLogs implements AutoCloseable {
    private final Logger root = Logger.getLogger("");
    private final List<Handler> previousHandlers;
    private final Level previousLevel;
    private final Handler handler;

    private LibraryLogs(boolean debug, StatusConsole console) {
        previousHandlers = List.of(root.getHandlers());
        previousLevel = root.getLevel();
        for (Handler h : previousHandlers) root.removeHandler(h);
        handler = new ConsoleHandler(console);
        handler.setLevel(Level.WARNING);
        root.addHandler(handler);
        root.setLevel(debug ? Level.WARNING : Level.OFF);
    }

    /**
     * Silences the libraries for the rest of the process, outside the command run too: MaryTTS logs
     * its shutdown from a shutdown hook, after the command has ended. For {@code main} only.
     */
    static void silenceTheProcess() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) root.removeHandler(h);
        root.setLevel(Level.OFF);
    }

    /** Routes log records for one command run; close it when the command ends. */
    static LibraryLogs route(boolean debug, StatusConsole console) {
        return new LibraryLogs(debug, console);
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        for (Handler h : previousHandlers) root.addHandler(h);
        root.setLevel(previousLevel);
    }

    /** One line per record ("WARNING marytts.JPhonemiser: ..."), and its stack trace when it has one. */
    private static final class ConsoleHandler extends Handler {
        private final StatusConsole console;

        ConsoleHandler(StatusConsole console) {
            this.console = console;
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) return;
            String message = new java.util.logging.SimpleFormatter().formatMessage(record);
            StringBuilder line = new StringBuilder(record.getLevel().getName()).append(' ')
                    .append(record.getLoggerName()).append(": ").append(message);
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                try (PrintWriter w = new PrintWriter(trace)) {
                    record.getThrown().printStackTrace(w);
                }
                line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            }
            console.println(line.toString());
        }

        @Override
        public void flush() {
            console.stream().flush();
        }

        @Override
        public void close() {
            // the console belongs to the command, not to the handler
        }
    }
}
