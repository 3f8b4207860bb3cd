package dev.ttskit.cli;

import dev.ttskit.Settings;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What every command runs with: the process's streams, environment, whether standard error is a
 * terminal and how wide it is, and a clock. Tests build one around buffers and a map.
 */
final class CliContext {
    private final InputStream stdin;
    private final PrintStream stdout;
    private final StatusConsole stderr;
    private final Map<String, String> env;
    private final boolean terminal;
    private final Clock clock;

    CliContext(InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env, boolean terminal, Clock clock) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.stderr = new StatusConsole(Objects.requireNonNull(stderr, "stderr"));
        this.env = Map.copyOf(env);
        this.terminal = terminal;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    InputStream stdin() {
        return stdin;
    }

    PrintStream stdout() {
        return stdout;
    }

    /** Standard error, which also carries the progress bar's line. */
    StatusConsole stderr() {
        return stderr;
    }

    Map<String, String> env() {
        return env;
    }

    boolean terminal() {
        return terminal;
    }

    Clock clock() {
        return clock;
    }

    /** The terminal's width in columns ({@link TerminalWidth}); only asked when drawing. */
    int columns() {
        return TerminalWidth.of(env, terminal);
    }

    /** The environment, then {@code ttskit.*} system properties, then {@code overrides} on top. */
    Settings settings(Map<String, String> overrides) {
        Map<String, String> properties = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("ttskit.")) properties.put(k.toString(), v.toString());
        });
        return Settings.layered(overrides, properties, env);
    }
}
