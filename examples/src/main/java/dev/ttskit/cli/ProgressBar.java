package dev.ttskit.cli;

import dev.ttskit.ProgressListener;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A one-line progress bar for long text on a terminal: chunks done of total, percent and the time
 * left, redrawn in place with a carriage return. Draws nothing for a single chunk.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final Clock clock;
    private final Instant start;
    private boolean drawn;

    ProgressBar(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
        this.start = clock.instant();
    }

    @Override
    public synchronized void onProgress(int percent, int chunksDone, int chunksTotal) {
        if (chunksTotal < 2) return;
        int filled = WIDTH * percent / 100;
        String eta = chunksDone == 0 ? "--:--" : format(remaining(chunksDone, chunksTotal));
        out.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + chunksDone + "/" + chunksTotal
                + " chunks " + String.format("%3d%%", percent) + "  ETA " + eta + " ");
        out.flush();
        drawn = true;
    }

    /** Ends the bar's line, if one was drawn. */
    synchronized void finish() {
        if (drawn) {
            out.println();
            out.flush();
            drawn = false;
        }
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
