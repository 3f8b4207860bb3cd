package dev.ttskit.cli;

import dev.ttskit.audio.AudioAnalysis;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI end to end, in process, with no configuration: the embedded voice speaks. */
@ExtendWith(NoLeaks.class)
class TtsCliTest {
    static final String SECRET_TEXT = "Meet me at the old mill at seven";

    @TempDir
    Path dir;

    /** One run's exit code and output. */
    record Run(int code, String out, String err) {
        boolean printed(String s) {
            return out.contains(s) || err.contains(s);
        }
    }

    static Run run(Map<String, String> env, boolean terminal, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new TtsCli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, env, terminal,
                    Clock.systemUTC()).execute(args);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(Map.of(), false, "", args);
    }

    @Test
    void speakWithNoConfigurationWritesIntelligibleSpeech() throws IOException {
        Path wav = dir.resolve("hello.wav");
        Run r = run("speak", "--text", SECRET_TEXT, "--out", wav.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("spoken by marytts"), r.out());

        byte[] bytes = Files.readAllBytes(wav);
        assertEquals("RIFF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(bytes, 8, 4, StandardCharsets.US_ASCII));
        WavInfo info = WavCodec.readInfo(bytes);
        assertEquals(24_000, info.sampleRate(), "the CLI's default format");
        assertEquals(1, info.channels());
        // eight words: about two seconds of speech
        assertTrue(info.duration().compareTo(Duration.ofMillis(1200)) > 0 && info.duration().compareTo(Duration.ofSeconds(6)) < 0,
                "duration " + info.duration());
        PcmAudio pcm = WavCodec.decode(bytes);
        assertTrue(AudioAnalysis.rms(pcm) > 0.02, "not silent: rms " + AudioAnalysis.rms(pcm));
        assertFalse(r.printed(SECRET_TEXT), "never prints the input text");
        assertFalse(r.printed("mill"), "not even a part of it");
    }

    @Test
    void durationIsRoughlyProportionalToTheText() throws IOException {
        Path a = dir.resolve("a.wav");
        Path b = dir.resolve("b.wav");
        assertEquals(0, run("speak", "--text", "One two three.", "--out", a.toString()).code());
        assertEquals(0, run("speak", "--text", "One two three. Four five six. Seven eight nine. Ten eleven twelve.",
                "--out", b.toString()).code());
        double ratio = (double) WavCodec.readInfo(Files.readAllBytes(b)).duration().toMillis()
                / WavCodec.readInfo(Files.readAllBytes(a)).duration().toMillis();
        assertTrue(ratio > 2.5 && ratio < 6, "four times the words, ratio " + ratio);
    }

    @Test
    void readsTextFromAFileOrStandardInputAndHonoursFormatAndRate() throws IOException {
        Path text = dir.resolve("in.txt");
        Files.writeString(text, "Read from a file.");
        Path pcm = dir.resolve("out.pcm");
        Run fromFile = run("speak", "--file", text.toString(), "--out", pcm.toString(), "--format", "pcm", "--sample-rate", "16000", "--quiet");
        assertEquals(0, fromFile.code(), fromFile.err());
        assertEquals("", fromFile.out(), "--quiet prints nothing on success");
        byte[] raw = Files.readAllBytes(pcm);
        assertFalse(new String(raw, 0, 4, StandardCharsets.US_ASCII).equals("RIFF"), "raw PCM has no header");
        assertTrue(AudioAnalysis.rms(PcmAudio.fromPcm16(raw, 16_000, 1)) > 0.02);

        Path wav = dir.resolve("stdin.wav");
        Run fromStdin = run(Map.of(), false, "Read from standard input.", "speak", "-", "--out=" + wav, "--sample-rate=16000");
        assertEquals(0, fromStdin.code(), fromStdin.err());
        assertEquals(16_000, WavCodec.readInfo(Files.readAllBytes(wav)).sampleRate());
    }

    @Test
    void writesTheFileWholeAndLeavesNoTempFiles() throws IOException {
        Path wav = dir.resolve("sub/dir/out.wav");
        assertEquals(0, run("speak", "--text", "Atomic.", "--out", wav.toString(), "--stream").code());
        assertTrue(WavCodec.readInfo(Files.readAllBytes(wav)).duration().toMillis() > 200);
        try (Stream<Path> files = Files.list(wav.getParent())) {
            assertEquals(1, files.count(), "only the audio file, no .part left behind");
        }
    }

    @Test
    void usageErrorsExitWithTwo() {
        Path out = dir.resolve("x.wav");
        String[][] cases = {
            {},
            {"shout"},
            {"speak", "--text", "hi"},
            {"speak", "--out", out.toString()},
            {"speak", "--text", "hi", "--file", "a.txt", "--out", out.toString()},
            {"speak", "--text", "hi", "-", "--out", out.toString()},
            {"speak", "--text", "hi", "--out", out.toString(), "--format", "wma"},
            {"speak", "--text", "hi", "--out", out.toString(), "--sample-rate", "fast"},
            {"speak", "--text", "hi", "--out", out.toString(), "--sample-rate", "1000"},
            {"speak", "--text", "hi", "--out", out.toString(), "--seed", "x"},
            {"speak", "--text", "hi", "--out", out.toString(), "--loud"},
            {"speak", "--text", "hi", "--out", out.toString(), "stray"},
            {"speak", "--text", "hi", "--out", out.toString(), "--quiet=yes"},
            {"speak", "--text", "hi", "--out", out.toString(), "--text", "again"},
            {"speak", "--text", "hi", "--out"},
            {"voices", "--provider"},
        };
        for (String[] args : cases) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().contains("--help' for usage"), "points at the usage: " + r.err());
            assertFalse(Files.exists(out));
        }
        Run help = run("help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("ttskit speak") && help.out().contains("Exit codes"));
    }

    @Test
    void unknownProviderIsAUsageErrorAndAnUnconfiguredOneCannotServe() {
        Path out = dir.resolve("x.wav");
        Run unknown = run("speak", "--text", "hi", "--out", out.toString(), "--provider", "nosuch");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown provider 'nosuch'") && unknown.err().contains("marytts"), unknown.err());

        Run unknownInEnv = run(Map.of("TTSKIT_PROVIDERS", "nosuch,marytts"), false, "", "speak", "--text", "hi", "--out", out.toString());
        assertEquals(2, unknownInEnv.code(), unknownInEnv.err());

        Run unconfigured = run("speak", "--text", "hi", "--out", out.toString(), "--provider", "replicate");
        assertEquals(5, unconfigured.code());
        assertTrue(unconfigured.err().contains("REPLICATE_API_TOKEN"), unconfigured.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void emptyOrUnreadableInputExitsWithThree() {
        Path out = dir.resolve("x.wav");
        assertEquals(3, run("speak", "--text", "", "--out", out.toString()).code());
        assertEquals(3, run("speak", "--text", "  \n\t ", "--out", out.toString()).code());
        assertEquals(3, run(Map.of(), false, "", "speak", "-", "--out", out.toString()).code());
        Run missing = run("speak", "--file", dir.resolve("missing.txt").toString(), "--out", out.toString());
        assertEquals(3, missing.code());
        assertTrue(missing.err().startsWith("ttskit: invalid input: cannot read --file"), missing.err());
        assertEquals(3, run("speak", "--text", "hi", "--out", out.toString(), "--speaker-wav", dir.resolve("nope.wav").toString()).code());
        assertFalse(Files.exists(out));
    }

    @Test
    void whatNoProviderCanServeExitsWithFiveAndOneLineNamingProviderAndCategory() {
        Path out = dir.resolve("x.mp3");
        Run r = run("speak", "--text", SECRET_TEXT, "--out", out.toString(), "--format", "mp3");
        assertEquals(5, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].contains("UNSUPPORTED") && lines[0].contains("hint:"), lines[0]);
        assertFalse(r.printed(SECRET_TEXT));
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug");

        Run debug = run("speak", "--text", SECRET_TEXT, "--out", out.toString(), "--format", "mp3", "--debug");
        assertEquals(5, debug.code());
        assertTrue(debug.err().contains("\tat "), "stack trace with --debug");
        assertFalse(debug.printed(SECRET_TEXT));
    }

    @Test
    void anOutputThatIsADirectoryIsAUsageErrorAndLeavesNothingBehind() throws IOException {
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "x");
        Run r = run("speak", "--text", "Hello.", "--out", taken.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("ttskit: cannot write --out " + taken + " is a directory; name a file in it, e.g. "
                + taken.resolve("speech.wav") + System.lineSeparator(), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file left beside the target");
        }
        try (Stream<Path> files = Files.list(taken)) {
            assertEquals(1, files.count(), "nothing written into the directory");
        }
    }

    @Test
    void unspeakableTextIsReportedAsBadAudioFromMarytts() {
        Run r = run("speak", "--text", "!!! ...", "--out", dir.resolve("x.wav").toString());
        assertEquals(5, r.code());
        assertTrue(r.err().contains("marytts failed (BAD_AUDIO)"), r.err());
    }

    @Test
    void listsVoicesAndProviders() {
        Run voices = run("voices");
        assertEquals(0, voices.code(), voices.err());
        assertTrue(voices.out().startsWith("marytts\tcmu-slt-hsmm"), voices.out());
        assertEquals(0, run("voices", "--provider", "marytts").code());
        assertEquals(2, run("voices", "--provider", "nosuch").code());
        assertEquals(5, run("voices", "--provider", "replicate").code());

        Run providers = run("providers");
        assertEquals(0, providers.code(), providers.err());
        assertTrue(providers.out().lines().anyMatch(l -> l.matches("marytts\\s+configured\\s+not measured yet")), providers.out());
        assertTrue(providers.out().lines().anyMatch(l -> l.matches("replicate\\s+not configured \\(set REPLICATE_API_TOKEN\\)")),
                providers.out());
        assertTrue(providers.out().contains("Nothing has been measured") && providers.out().contains("ttskit providers --check"),
                "says plainly that a fresh process has no health to show: " + providers.out());
        // The bundled factories' priorities: the hosted voices, the local model, then the embedded marytts.
        List<String> listed = providers.out().lines().skip(1).takeWhile(l -> !l.isBlank()).map(l -> l.split("\\s+")[0]).toList();
        assertEquals(List.of("elevenlabs", "openai", "replicate", "polly", "local-xtts", "marytts"), listed, providers.out());
    }

    @Test
    void progressBarRedrawsInPlaceAndErasesItselfWhenDone() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            ProgressBar bar = new ProgressBar(new StatusConsole(ps), Clock.systemUTC(), 80);
            bar.onProgress(0, 0, 4);
            bar.onProgress(50, 2, 4);
            bar.finish();
        }
        String drawn = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("2/4 chunks") && drawn.contains(" 50%") && drawn.contains("ETA"), drawn);
        assertFalse(drawn.contains("\n"), "redrawn in place, never a new line");
        String last = drawn.substring(drawn.lastIndexOf("2/4"));
        assertTrue(drawn.endsWith("\r") && drawn.substring(0, drawn.length() - 1).endsWith(" ".repeat(last.indexOf('\r'))),
                "the last frame is erased with spaces: " + drawn.replace("\r", "<CR>"));

        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(single, true, StandardCharsets.UTF_8)) {
            ProgressBar one = new ProgressBar(new StatusConsole(ps), Clock.systemUTC(), 80);
            one.onProgress(0, 0, 1);
            one.onProgress(100, 1, 1);
            one.finish();
        }
        assertEquals(0, single.size(), "no bar for one chunk");
    }

    @Test
    void speakerWavOutsideTheWorkingDirectoryIsAcceptedBecauseTheUserNamedIt() throws IOException {
        Path tiny = Path.of("..", "tts-adapter-local-xtts", "src", "test", "resources", "tiny-xtts").toAbsolutePath();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(tiny.resolve("xtts.json")), "tiny XTTS model not found");
        Path reference = dir.resolve("voice.wav"); // a temp directory, not under the working directory
        Files.write(reference, dev.ttskit.testkit.MockAudio.tone(dev.ttskit.audio.AudioFormat.wav(22_050), Duration.ofSeconds(8)));
        Path out = dir.resolve("cloned.wav");
        Run r = run(Map.of("XTTS_MODEL_DIR", tiny.toString()), false, "",
                "speak", "--text", "Hello there.", "--out", out.toString(), "--provider", "local-xtts",
                "--speaker-wav", reference.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(24_000, WavCodec.readInfo(Files.readAllBytes(out)).sampleRate());
    }
}
