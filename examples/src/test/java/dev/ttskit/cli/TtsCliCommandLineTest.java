package dev.ttskit.cli;

import dev.ttskit.audio.AudioFormat;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.NoLeaks;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.ttskit.cli.TtsCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the command line says: help for every command and option, the version, suggestions for typos,
 * the output path refused before any provider is asked, and every message in words.
 */
@ExtendWith(NoLeaks.class)
class TtsCliCommandLineTest {
    /** Java's way of showing a class or a collection: none of it may reach the user. */
    private static final Pattern JAVA_TALK = Pattern.compile("Exception|java\\.|[\\[{][a-z-]+[,=]|\\]$|}$");

    @TempDir
    Path dir;

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static CommandLine tree() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new TtsCli(new ByteArrayInputStream(new byte[0]), sink, sink, Map.of(), false, Clock.systemUTC()).commandLine();
    }

    private static List<CommandLine> everyCommand(CommandLine cl) {
        List<CommandLine> all = new ArrayList<>(List.of(cl));
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!all.contains(sub)) all.addAll(everyCommand(sub));
        }
        return all;
    }

    @Test
    void everyCommandAndEveryOptionHasHelp() {
        List<CommandLine> commands = everyCommand(tree());
        List<String> names = commands.stream().map(c -> c.getCommandSpec().qualifiedName()).toList();
        assertTrue(names.containsAll(List.of("ttskit", "ttskit speak", "ttskit voices", "ttskit providers", "ttskit jobs",
                "ttskit jobs submit", "ttskit jobs status", "ttskit jobs list", "ttskit jobs watch", "ttskit jobs cancel",
                "ttskit jobs resume", "ttskit webhooks", "ttskit webhooks serve")), names.toString());
        for (CommandLine c : commands) {
            CommandSpec spec = c.getCommandSpec();
            assertTrue(spec.usageMessage().description().length > 0, spec.qualifiedName() + " has a description");
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec a : args) {
                assertTrue(a.description().length > 0 && !a.description()[0].isBlank(),
                        spec.qualifiedName() + " " + a.paramLabel() + " has a description");
            }
            String name = spec.qualifiedName();
            if (name.equals("ttskit help")) continue;
            String[] helpArgs = (name.replaceFirst("^ttskit ?", "") + " --help").trim().split(" ");
            TtsCliTest.Run help = run(helpArgs);
            assertEquals(0, help.code(), name + " --help: " + help.err());
            assertTrue(help.out().startsWith("Usage: " + name), help.out());
            assertEquals("", help.err());
        }
        TtsCliTest.Run speak = run("speak", "--help");
        for (String option : List.of("--text", "--file", "--out", "--provider", "--voice", "--language", "--format", "--sample-rate",
                "--speaker-wav", "--seed", "--timeout", "--attempt-timeout", "--stream", "--quiet", "--debug", "--version")) {
            assertTrue(speak.out().contains(option), option + " in: " + speak.out());
        }
        TtsCliTest.Run submit = run("jobs", "submit", "--help");
        for (String option : List.of("--provider", "--speed", "--seed", "--option", "--speaker-wav", "--timeout", "--allow-any-voice",
                "--gap", "--crossfade", "--chunks-per-execution", "--key", "--priority", "--wait")) {
            assertTrue(submit.out().contains(option), option + " in: " + submit.out());
        }
        TtsCliTest.Run serve = run("webhooks", "serve", "--help");
        for (String option : List.of("--bind", "--path", "REPLICATE_WEBHOOK_SECRET", "TTSKIT_CLUSTER_DB_URL")) {
            assertTrue(serve.out().contains(option) || run("webhooks", "--help").out().contains(option), option + " in: " + serve.out());
        }
        TtsCliTest.Run helpCommand = run("help", "speak");
        assertEquals(0, helpCommand.code());
        assertEquals(speak.out(), helpCommand.out(), "'ttskit help speak' is 'ttskit speak --help'");
    }

    @Test
    void versionIsTheProjectVersion() throws IOException {
        Matcher parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(parent.find());
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"speak", "--version"}}) {
            TtsCliTest.Run r = run(args);
            assertEquals(0, r.code(), r.err());
            assertEquals("ttskit " + parent.group(1), r.out().lines().findFirst().orElseThrow(), String.join(" ", args));
            assertTrue(r.out().contains("Java " + Runtime.version()), r.out());
        }
    }

    @Test
    void mistypedOptionsAndCommandsGetSuggestions() {
        TtsCliTest.Run option = run("speak", "--text", "Hi.", "--out", dir.resolve("x.wav").toString(), "--provder", "marytts");
        assertEquals(2, option.code());
        assertTrue(option.err().startsWith("ttskit: unknown option '--provder' for 'ttskit speak'"), option.err());
        assertTrue(option.err().contains("Did you mean --provider"), option.err());
        assertTrue(option.err().contains("Run 'ttskit speak --help' for usage."), option.err());

        TtsCliTest.Run command = run("speek", "--text", "Hi.");
        assertEquals(2, command.code());
        assertTrue(command.err().startsWith("ttskit: unknown command 'speek' for 'ttskit'"), command.err());
        assertTrue(command.err().contains("Did you mean speak"), command.err());

        TtsCliTest.Run jobs = run("jobs", "stauts", "x");
        assertEquals(2, jobs.code());
        assertTrue(jobs.err().contains("Did you mean status"), jobs.err());

        TtsCliTest.Run missing = run("speak", "--text", "Hi.");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("ttskit: ttskit speak needs --out PATH"), missing.err());
        assertFalse(Files.exists(dir.resolve("x.wav")));
    }

    /** A provider on loopback that would answer; the output checks must refuse before it is asked. */
    private Map<String, String> openAi() {
        return Map.of("OPENAI_BASE_URL", server.url("/v1").toString(), "TTSKIT_PROVIDERS", "openai");
    }

    @Test
    void anUnusableOutputIsRefusedBeforeAnyProviderIsAsked() throws IOException {
        server.enqueue(new MockResponse.Builder().code(200)
                .body(new okio.Buffer().write(MockAudio.tone(AudioFormat.PCM16_24K, Duration.ofSeconds(2)))).build());
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Map<Path, String> cases = Map.of(
                dir, " is a directory; name a file in it",
                file.resolve("x.wav"), ": " + file + " is a file, not a directory",
                Path.of("/proc/x.wav"), ": cannot create files in /proc (",
                Path.of("/proc/ttskit/x.wav"), ": cannot create the directory /proc/ttskit (");
        for (Map.Entry<Path, String> c : cases.entrySet()) {
            TtsCliTest.Run r = run(openAi(), false, "", "speak", "--text", "Hello there, this is long enough.", "--out",
                    c.getKey().toString());
            assertEquals(2, r.code(), c.getKey() + ": " + r.err());
            assertTrue(r.err().startsWith("ttskit: cannot write --out " + c.getKey() + c.getValue()), r.err());
            assertEquals(1, r.err().lines().count(), "one line: " + r.err());
            assertFalse(JAVA_TALK.matcher(r.err()).find(), "in words: " + r.err());
        }
        assertEquals(0, server.getRequestCount(), "no provider was asked");

        Path nested = dir.resolve("new/deeper/out.wav");
        TtsCliTest.Run empty = run(openAi(), false, "", "speak", "--text", " ", "--out", nested.toString());
        assertEquals(3, empty.code(), empty.err());
        assertFalse(Files.exists(dir.resolve("new")), "directories made for an output that was never written are removed");

        TtsCliTest.Run ok = run(openAi(), false, "", "speak", "--text", "Hello there, this is long enough.", "--out", nested.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.size(nested) > 44);
        assertEquals(1, server.getRequestCount());
        try (Stream<Path> files = Files.list(nested.getParent())) {
            assertEquals(1, files.count(), "only the audio file");
        }
    }

    @Test
    void aProviderNamedWithoutItsSettingsNamesTheVariableAndExitsFive() {
        for (Map<String, String> env : List.of(Map.of("TTSKIT_PROVIDERS", "elevenlabs"), Map.of("TTSKIT_PROVIDERS", "marytts,elevenlabs"))) {
            TtsCliTest.Run r = run(env, false, "", "speak", "--text", "Hi.", "--out", dir.resolve("x.wav").toString());
            assertEquals(5, r.code(), r.err());
            assertEquals("ttskit: elevenlabs is named in TTSKIT_PROVIDERS but is not configured: set ELEVENLABS_API_KEY",
                    r.err().strip());
        }
        // Polly's opt-in switched off is not configured, though it is set.
        TtsCliTest.Run off = run(Map.of("TTSKIT_PROVIDERS", "polly", "TTSKIT_POLLY_ENABLED", "off", "AWS_REGION", "eu-west-1"), false, "",
                "speak", "--text", "Hi.", "--out", dir.resolve("x.wav").toString());
        assertEquals(5, off.code(), off.err());
        assertEquals("ttskit: polly is named in TTSKIT_PROVIDERS but is not configured: set TTSKIT_POLLY_ENABLED=true and AWS_REGION",
                off.err().strip());
        TtsCliTest.Run option = run("speak", "--text", "Hi.", "--out", dir.resolve("x.wav").toString(), "--provider", "elevenlabs");
        assertEquals(5, option.code());
        assertEquals("ttskit: elevenlabs is named in --provider but is not configured: set ELEVENLABS_API_KEY", option.err().strip());
    }

    @Test
    void messagesAreInWordsNeverJavaClassesOrCollections() throws IOException {
        Path out = dir.resolve("x.wav");
        Path notUtf8 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        List<TtsCliTest.Run> runs = List.of(
                run("speak", "--text", "Hi.", "--out", out.toString(), "--provider", "nosuch"),
                run(Map.of("TTSKIT_PROVIDERS", "marytts,nosuch"), false, "", "speak", "--text", "Hi.", "--out", out.toString()),
                run("speak", "--file", dir.resolve("missing.txt").toString(), "--out", out.toString()),
                run("speak", "--file", notUtf8.toString(), "--out", out.toString()),
                run("speak", "--text", "Hi.", "--out", out.toString(), "--format", "ogg"),
                run("speak", "--text", "Hi.", "--out", out.toString(), "--format", "mp3"),
                run("speak", "--text", "Hi.", "--out", out.toString(), "--sample-rate", "1000"),
                run("speak", "--text", "Hi.", "--out", out.toString(), "--timeout", "soon"),
                run("speak", "--text", "Hi.", "--text", "again", "--out", out.toString()),
                run("jobs", "status", "not-an-id"));
        for (TtsCliTest.Run r : runs) {
            assertTrue(r.code() != 0, r.err());
            assertTrue(r.err().startsWith("ttskit: "), r.err());
            assertFalse(JAVA_TALK.matcher(r.err()).find(), "in words: " + r.err());
        }
        assertTrue(runs.get(0).err().contains("unknown provider 'nosuch' in --provider (known: elevenlabs, openai, replicate, polly, "
                + "local-xtts and marytts)"), runs.get(0).err());
        assertTrue(runs.get(1).err().contains("in TTSKIT_PROVIDERS"), runs.get(1).err());
        assertTrue(runs.get(2).err().contains("cannot read --file " + dir.resolve("missing.txt") + ": no such file or directory"),
                runs.get(2).err());
        assertTrue(runs.get(5).err().contains("marytts"), "names the provider that cannot make MP3: " + runs.get(5).err());
    }

    @Test
    void theLibrariesLogLinesAppearOnlyWithDebug() {
        // MaryTTS warns about a word it cannot expand ("mnbvc."); the CLI keeps that off the terminal.
        Path out = dir.resolve("x.wav");
        TtsCliTest.Run plain = run(Map.of(), true, "", "speak", "--text", "Hello there, mnbvc.", "--out", out.toString());
        assertEquals(0, plain.code(), plain.err());
        assertEquals("", plain.err(), "nothing but the CLI's own words");
        TtsCliTest.Run quiet = run(Map.of(), true, "", "speak", "--text", "Hello there, mnbvc.", "--out", out.toString(), "--quiet");
        assertEquals("", quiet.err() + quiet.out());
        TtsCliTest.Run debug = run(Map.of(), true, "", "speak", "--text", "Hello there, mnbvc.", "--out", out.toString(), "--debug");
        assertEquals(0, debug.code(), debug.err());
        assertTrue(debug.err().contains("WARNING marytts."), "shown with --debug: " + debug.err());
    }

    @Test
    void withDebugOnATerminalLogLinesGoAboveTheBarNotIntoIt() {
        String text = "The embedded voice reads this sentence aloud, mnbvc. ".repeat(25);   // two chunks for marytts
        // marytts speaks one chunk at a time: the second waits for the first, so a loaded machine needs room
        TtsCliTest.Run r = run(Map.of("COLUMNS", "60"), true, "", "speak", "--text", text, "--out", dir.resolve("long.wav").toString(),
                "--debug", "--timeout", "10m", "--attempt-timeout", "5m");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("/2 chunks"), r.err());
        assertTrue(r.err().contains("WARNING marytts."), r.err());
        for (String line : r.err().split("\\R")) {
            String visible = line.substring(line.lastIndexOf('\r') + 1);
            if (line.contains("marytts.")) {
                assertTrue(visible.startsWith("WARNING marytts."), "a log line starts on a line of its own: " + line.replace("\r", "<CR>"));
            }
        }
        assertTrue(r.err().endsWith("\r"), "the bar is erased at the end");
    }

    @Test
    void providersCheckAsksEachConfiguredProviderAndSaysWhatItFound() {
        Map<String, String> env = Map.of("ELEVENLABS_API_KEY", "sk_test_0123456789abcdef", "ELEVENLABS_BASE_URL", server.url("/").toString());
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("{\"voices\":[{\"voice_id\":\"21m00Tcm4TlvDq8ikWAM\",\"name\":\"Rachel\"},"
                        + "{\"voice_id\":\"AZnzlk1XvdvUeBnXmlld\",\"name\":\"Domi\"}]}").build());
        TtsCliTest.Run ok = run(env, false, "", "providers", "--check");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().lines().anyMatch(l -> l.matches("elevenlabs\\s+configured\\s+answers: 2 voices in \\d+ ms")), ok.out());
        assertTrue(ok.out().lines().anyMatch(l -> l.matches("marytts\\s+configured\\s+answers: \\d+ voices? in \\d+ ms")), ok.out());
        assertFalse(ok.out().contains("not measured"), "it was measured: " + ok.out());
        assertEquals("/v1/voices", takePath());

        server.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
                .body("{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}").build());
        TtsCliTest.Run rejected = run(env, false, "", "providers", "--check");
        assertEquals(ExitCode.AUTH_OR_QUOTA, rejected.code(), rejected.out() + rejected.err());
        assertTrue(rejected.out().lines().anyMatch(l -> l.startsWith("elevenlabs") && l.contains("failed (AUTH)")
                && l.endsWith("hint: check ELEVENLABS_API_KEY")), rejected.out());
        assertFalse(rejected.out().contains("sk_test_0123456789abcdef"), "the key is never printed");
    }

    private String takePath() {
        try {
            return server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS).getUrl().encodedPath();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
