package dev.ttskit.cli;

import dev.ttskit.audio.AudioAnalysis;
import dev.ttskit.audio.WavCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI as its own process, the way a user runs it: real exit status, real streams, an environment
 * with nothing of ttskit's in it, and no terminal (so no progress bar).
 */
class TtsCliProcessTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) { }

    private Result ttskit(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TtsCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("TTSKIT_") || k.startsWith("ELEVENLABS_") || k.startsWith("REPLICATE_")
                || k.startsWith("XTTS_"));
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ttskit did not finish within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void mainJobWritesSpeechAndExitsZero() throws Exception {
        Result r = ttskit("speak", "--text", "Hello from ttskit.", "--out", "hello.wav");
        assertEquals(0, r.status(), r.err());
        byte[] wav = Files.readAllBytes(dir.resolve("hello.wav"));
        assertEquals(24_000, WavCodec.readInfo(wav).sampleRate());
        assertTrue(AudioAnalysis.rms(WavCodec.decode(wav)) > 0.02);
        assertFalse(r.out().contains("Hello from ttskit") || r.err().contains("Hello from ttskit"));
        assertFalse(Files.exists(dir.resolve("log")), "MaryTTS writes no log directory");
    }

    @Test
    void usageErrorExitsTwo() throws Exception {
        Result r = ttskit("speak", "--text", "hi");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("ttskit speak needs --out PATH") && r.err().contains("ttskit speak --help"), r.err());
    }
}
