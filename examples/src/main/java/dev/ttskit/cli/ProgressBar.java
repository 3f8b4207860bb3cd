package dev.ttskit.cli;

import dev.ttskit.ProgressListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A one-line progress bar for long text on a terminal: chunks done of total, percent and the time
 * left, redrawn in place on the console's status line and sized to the terminal (one column short of
 * its width, so it never wraps). {@link #finish()} erases it. Draws nothing for a single chunk.
 */
final class ProgressBar implements ProgressListener {
    private static final int MAX_BAR = 30;
    private static final int MIN_BAR = 5;

    private final StatusConsole console;
    private final Clock clock;
    private final int columns;
    private final Instant start;

    ProgressBar(StatusConsole console, Clock clock, int columns) {
        this.console = console;
        this.clock = clock;
        this.columns = columns;
        this.start = clock.instant();
    }

    @Override
    public synchronized void onProgress(int percent, int chunksDone, int chunksTotal) {
        if (chunksTotal < 2) return;
        String eta = chunksDone == 0 ? "--:--" : format(remaining(chunksDone, chunksTotal));
        console.status(render(percent, chunksDone, chunksTotal, eta, columns));
    }

    /** Erases the bar, so what is printed next starts on a clean line. */
    synchronized void finish() {
        console.clearStatus();
    }

    /**
     * The bar's text for a terminal {@code columns} wide: at most {@code columns - 1} characters. The
     * bar itself shrinks first, then the words go, then the time left; the counts stay.
     */
    static String render(int percent, int done, int total, String eta, int columns) {
        int room = Math.max(1, columns - 1);
        String pct = String.format("%3d%%", percent);
        String[] tails = {
            " " + done + "/" + total + " chunks " + pct + "  ETA " + eta,
            " " + done + "/" + total + " " + pct + " ETA " + eta,
            " " + done + "/" + total + " " + pct,
        };
        for (String tail : tails) {
            int bar = Math.min(MAX_BAR, room - tail.length() - 2);
            if (bar >= MIN_BAR) {
                int filled = bar * Math.max(0, Math.min(100, percent)) / 100;
                return "[" + "#".repeat(filled) + "-".repeat(bar - filled) + "]" + tail;
            }
        }
        for (String tail : tails) {
            if (tail.length() - 1 <= room) return tail.substring(1);
        }
        String shortest = tails[tails.length - 1].substring(1);
        return shortest.substring(0, Math.min(room, shortest.length()));
    }

    private Duration remaining(int done, int total) {
        Duration elapsed = Duration.between(start, clock.instant());
        return elapsed.multipliedBy(total - done).dividedBy(done);
    }

    static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
