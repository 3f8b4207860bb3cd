package dev.ttskit.cli;

import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ttskit jobs} in process, on an H2 file named by TTSKIT_JOBS_DB_URL, with the embedded voice. */
@ExtendWith(NoLeaks.class)
class JobsCliTest {
    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("TTSKIT_JOBS_DB_URL", "jdbc:h2:file:" + dir.resolve("jobs").toAbsolutePath());
    }

    @Test
    void submitWaitWritesTheAudioAndStatusAndListReportTheJob() throws Exception {
        Path out = dir.resolve("brief.wav");
        TtsCliTest.Run submit = TtsCliTest.run(env(), false, "", "jobs", "submit", "--text",
                "Good morning. Here is the news. The weather is fine.", "--out", out.toString(), "--wait", "--key", "brief-1");
        assertEquals(0, submit.code(), submit.err());
        String id = submit.out().lines().findFirst().orElseThrow().trim();
        WavInfo info = WavCodec.readInfo(Files.readAllBytes(out));
        assertEquals(24_000, info.sampleRate());
        assertTrue(info.duration().compareTo(Duration.ofSeconds(1)) > 0, "speech: " + info.duration());
        assertTrue(submit.err().contains("100% "), "progress reaches 100: " + submit.err());
        assertFalse(submit.printed("Good morning"), "never prints the input text");

        TtsCliTest.Run again = TtsCliTest.run(env(), false, "", "jobs", "submit", "--text", "Other text.", "--out", out.toString(),
                "--key", "brief-1");
        assertEquals(id, again.out().trim(), "same key, same job");

        TtsCliTest.Run status = TtsCliTest.run(env(), false, "", "jobs", "status", id);
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("SUCCEEDED") && status.out().contains("100%") && status.out().contains("marytts"), status.out());

        TtsCliTest.Run list = TtsCliTest.run(env(), false, "", "jobs", "list", "--state", "succeeded");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains(id), list.out());
    }

    @Test
    void aQueuedJobCanBeCancelledAndResumedWithWait() throws Exception {
        Path out = dir.resolve("later.wav");
        TtsCliTest.Run submit = TtsCliTest.run(env(), false, "", "jobs", "submit", "--text", "Later, please.", "--out", out.toString());
        assertEquals(0, submit.code(), submit.err());
        String id = submit.out().trim();
        assertFalse(Files.exists(out), "queued, not done");

        TtsCliTest.Run cancel = TtsCliTest.run(env(), false, "", "jobs", "cancel", id);
        assertEquals(0, cancel.code(), cancel.err());
        assertTrue(cancel.out().contains("CANCELLED"), cancel.out());

        TtsCliTest.Run resume = TtsCliTest.run(env(), false, "", "jobs", "resume", id, "--wait");
        assertEquals(0, resume.code(), resume.err());
        assertTrue(Files.size(out) > 44);
    }

    @Test
    void mistakesAreUsageOrInputErrors() {
        assertEquals(ExitCode.USAGE, TtsCliTest.run(env(), false, "", "jobs", "status", "not-an-id").code());
        assertEquals(ExitCode.USAGE, TtsCliTest.run(env(), false, "", "jobs", "submit", "--text", "Hi.").code(), "--out is required");
        assertEquals(ExitCode.USAGE, TtsCliTest.run(env(), false, "", "jobs", "frobnicate").code());
        assertEquals(ExitCode.INVALID_INPUT, TtsCliTest.run(env(), false, "", "jobs", "submit", "--text", "   ", "--out",
                dir.resolve("x.wav").toString()).code());
        assertEquals(ExitCode.INVALID_INPUT, TtsCliTest.run(env(), false, "", "jobs", "submit", "--text", "Hello.", "--out",
                dir.resolve("no/such/dir/x.wav").toString()).code());
        assertEquals(ExitCode.INVALID_INPUT,
                TtsCliTest.run(env(), false, "", "jobs", "status", "00000000-0000-0000-0000-000000000000").code());
    }

    @Test
    void watchWorksOnAQueuedJobAndDrawsABarThatFitsTheTerminal() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("COLUMNS", "40");
        env.put("TTSKIT_TIMEOUT", "10m");           // marytts speaks one chunk at a time: room for a loaded machine
        env.put("TTSKIT_ATTEMPT_TIMEOUT", "5m");
        Path out = dir.resolve("watched.wav");
        String text = "The watcher speaks this sentence for the progress bar. ".repeat(40);   // three chunks for marytts
        TtsCliTest.Run submit = TtsCliTest.run(env, false, "", "jobs", "submit", "--text", text, "--out", out.toString());
        assertEquals(0, submit.code(), submit.err());
        String id = submit.out().trim();
        assertTrue(submit.err().contains("ttskit jobs watch " + id), submit.err());
        assertFalse(Files.exists(out), "queued, not done");

        TtsCliTest.Run watch = TtsCliTest.run(env, true, "", "jobs", "watch", id);
        assertEquals(0, watch.code(), watch.err());
        assertEquals("wrote " + out, watch.out().strip());
        assertTrue(watch.err().contains("3/3") && watch.err().contains("100%"), watch.err());
        assertFalse(watch.err().contains("\n"), "one bar, redrawn in place: " + watch.err().replace("\r", "<CR>"));
        for (String frame : watch.err().split("\r")) {
            assertTrue(frame.length() <= 39, "fits 40 columns: '" + frame + "'");
        }
        assertTrue(watch.err().endsWith("\r"), "erased at the end");
        assertTrue(WavCodec.readInfo(Files.readAllBytes(out)).duration().compareTo(Duration.ofSeconds(20)) > 0, "all three chunks");

        TtsCliTest.Run status = TtsCliTest.run(env(), false, "", "jobs", "status", id);
        assertTrue(status.out().contains("spoken by marytts (3 chunks)"), "in words, not a map: " + status.out());
        TtsCliTest.Run again = TtsCliTest.run(env(), true, "", "jobs", "watch", id);
        assertEquals(0, again.code(), "a finished job: nothing left to do");
    }
}
