package dev.ttskit.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How many columns the terminal has: {@code COLUMNS} when the environment sets it (and tests), else
 * what {@code stty size} reports for the controlling terminal, else 80. The bar is drawn one column
 * narrower than this, so the terminal never wraps it onto a second line.
 */
final class TerminalWidth {
    static final int DEFAULT = 80;
    /** Below this nothing sensible fits; a narrower claim is treated as this. */
    static final int MIN = 20;

    private TerminalWidth() {
    }

    static int of(Map<String, String> env, boolean terminal) {
        String columns = env.get("COLUMNS");
        if (columns != null) {
            try {
                return Math.max(MIN, Integer.parseInt(columns.trim()));
            } catch (NumberFormatException e) {
                return DEFAULT;
            }
        }
        return terminal ? fromStty() : DEFAULT;
    }

    /** {@code stty size} prints "rows columns" for the terminal on its standard input. */
    private static int fromStty() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) return DEFAULT;
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectErrorStream(true).start();
            try {
                if (!p.waitFor(1, TimeUnit.SECONDS)) return DEFAULT;
                String[] parts = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
                return parts.length == 2 ? Math.max(MIN, Integer.parseInt(parts[1])) : DEFAULT;
            } finally {
                p.destroy();
                p.getInputStream().close();
                p.getOutputStream().close();
            }
        } catch (IOException | NumberFormatException e) {
            return DEFAULT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT;
        }
    }
}
