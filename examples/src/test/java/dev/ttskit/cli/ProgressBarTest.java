package dev.ttskit.cli;

import dev.ttskit.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bar fits the terminal it is drawn on, whatever its width, and leaves nothing behind. */
class ProgressBarTest {
    @Test
    void everyFrameFitsTheWidthWithAColumnToSpare() {
        for (int columns = TerminalWidth.MIN; columns <= 200; columns++) {
            for (int[] p : new int[][] {{0, 0, 12}, {50, 6, 12}, {100, 12, 12}, {33, 333, 1000}}) {
                String frame = ProgressBar.render(p[0], p[1], p[2], "12:34", columns);
                assertTrue(frame.length() <= columns - 1, columns + " columns: '" + frame + "'");
                assertTrue(frame.contains(p[1] + "/" + p[2]), "the counts always stay: '" + frame + "'");
            }
        }
        assertEquals("[###############---------------] 6/12 chunks  50%  ETA 0:05",
                ProgressBar.render(50, 6, 12, "0:05", 80), "a roomy terminal gets the whole bar");
        assertEquals("[#####-----] 6/12 chunks  50%  ETA 0:05", ProgressBar.render(50, 6, 12, "0:05", 40));
        assertEquals("[######------] 6/12  50% ETA 0:05", ProgressBar.render(50, 6, 12, "0:05", 34), "the words go first");
        assertEquals("[###----] 6/12  50%", ProgressBar.render(50, 6, 12, "0:05", 20), "then the time left");
    }

    @Test
    void atFortyColumnsTheBarRedrawsInPlaceAndIsErasedAtTheEnd() {
        ManualClock clock = new ManualClock();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            StatusConsole console = new StatusConsole(ps);
            ProgressBar bar = new ProgressBar(console, clock, 40);
            bar.onProgress(0, 0, 4);
            clock.advance(Duration.ofSeconds(10));
            bar.onProgress(25, 1, 4);
            console.println("ttskit: replicate failed (UNAVAILABLE), trying marytts");
            clock.advance(Duration.ofSeconds(10));
            bar.onProgress(50, 2, 4);
            bar.finish();
        }
        String drawn = buffer.toString(StandardCharsets.UTF_8);
        for (String frame : drawn.split("[\r\n]")) {
            if (frame.startsWith("ttskit:")) continue;   // a line of its own may wrap; the bar may not
            assertTrue(frame.length() <= 39, "fits 40 columns: '" + frame + "'");
        }
        String[] lines = drawn.split("\n", -1);
        assertEquals(2, lines.length, "one line printed, the bar never wraps: " + drawn.replace("\r", "<CR>"));
        assertTrue(lines[0].endsWith("\rttskit: replicate failed (UNAVAILABLE), trying marytts"),
                "the note starts on an erased line: " + lines[0].replace("\r", "<CR>"));
        assertTrue(lines[1].contains("[##---------] 1/4 chunks  25%  ETA 0:30"), "the bar is drawn again below: " + lines[1]);
        assertTrue(lines[1].contains("[#####------] 2/4 chunks  50%  ETA 0:20"), "with the time left from the clock: " + lines[1]);
        String last = lines[1].substring(lines[1].lastIndexOf("[#####"));
        String frame = last.substring(0, last.indexOf('\r'));
        assertTrue(drawn.endsWith("\r" + " ".repeat(frame.length()) + "\r"), "erased at the end: " + drawn.replace("\r", "<CR>"));
        assertFalse(frame.isEmpty());
    }

    @Test
    void widthComesFromColumnsWhenSet() {
        assertEquals(40, TerminalWidth.of(java.util.Map.of("COLUMNS", "40"), true));
        assertEquals(TerminalWidth.MIN, TerminalWidth.of(java.util.Map.of("COLUMNS", "3"), true));
        assertEquals(TerminalWidth.DEFAULT, TerminalWidth.of(java.util.Map.of("COLUMNS", "wide"), true));
        assertEquals(TerminalWidth.DEFAULT, TerminalWidth.of(java.util.Map.of(), false));
    }
}
