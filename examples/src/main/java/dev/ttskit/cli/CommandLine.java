package dev.ttskit.cli;

import dev.ttskit.audio.AudioFormat;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the CLI's arguments by hand (no parsing library to ship): a command, then {@code --name value},
 * {@code --name=value} or flags. Every mistake is a {@link UsageException} naming the bad argument.
 */
final class CommandLine {
    static final String USAGE = String.join("\n",
            "Usage:",
            "  ttskit speak (--text TEXT | --file PATH | -) --out PATH [options]",
            "  ttskit voices [--provider P]",
            "  ttskit providers",
            "  ttskit jobs submit|status|list|watch|cancel|resume ...   durable jobs ('ttskit jobs help')",
            "  ttskit help",
            "",
            "speak options:",
            "  --text TEXT          the text to speak",
            "  --file PATH          read the text from a UTF-8 file",
            "  -                    read the text from standard input",
            "  --out PATH           where to write the audio (written whole or not at all)",
            "  --provider a,b       providers to try, in order (default: TTSKIT_PROVIDERS, else every",
            "                       configured provider with the embedded marytts voice last)",
            "  --voice V            a voice name or a provider's voice id",
            "  --language L         BCP 47 language code, e.g. en or en-GB",
            "  --format F           wav (default), mp3 or pcm (raw 16-bit little-endian mono)",
            "  --sample-rate HZ     sample rate (default 24000 for wav/pcm, 44100 for mp3)",
            "  --speaker-wav PATH   reference recording for voice cloning (local-xtts, replicate)",
            "  --seed N             sampling seed, for providers that take one",
            "  --timeout D          the request's deadline, e.g. 30s or 2m (default TTSKIT_TIMEOUT, else 60s)",
            "  --attempt-timeout D  the most one provider attempt may take before the next is tried",
            "                       (default TTSKIT_ATTEMPT_TIMEOUT, else 30s)",
            "  --stream             write audio as the provider sends it",
            "  --quiet              print nothing but errors",
            "  --debug              print stack traces with errors",
            "",
            "Configuration comes from the environment: ELEVENLABS_API_KEY, REPLICATE_API_TOKEN,",
            "XTTS_MODEL_DIR, TTSKIT_PROVIDERS, TTSKIT_TIMEOUT and the rest of the table in the README.",
            "With nothing configured, ttskit speaks with the embedded MaryTTS voice (English, offline).",
            "",
            "Exit codes: 0 ok, 2 usage, 3 invalid input, 4 auth/quota, 5 no provider could serve, 1 other.");

    /** --timeout and --attempt-timeout as the settings they override, checked here so a typo is a usage error. */
    private static Map<String, String> durations(Parsed p) throws UsageException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String[] option : new String[][] {{"--timeout", "TTSKIT_TIMEOUT"}, {"--attempt-timeout", "TTSKIT_ATTEMPT_TIMEOUT"}}) {
            Optional<String> value = p.value(option[0]);
            if (value.isEmpty()) continue;
            try {
                dev.ttskit.Settings.parseDuration(value.get());
            } catch (IllegalArgumentException e) {
                throw new UsageException(option[0] + ": " + e.getMessage());
            }
            out.put(option[1], value.get());
        }
        return Map.copyOf(out);
    }

    private static final Set<String> SPEAK_VALUES = Set.of("--text", "--file", "--out", "--provider", "--voice",
            "--language", "--format", "--sample-rate", "--speaker-wav", "--seed", "--timeout", "--attempt-timeout");
    private static final Set<String> FLAGS = Set.of("--stream", "--quiet", "--debug");

    /** A parsed command. */
    sealed interface Command permits Speak, Voices, Providers, Help { }

    record Speak(SpeakOptions options) implements Command { }

    record Voices(Optional<String> provider, boolean debug) implements Command { }

    record Providers(boolean debug) implements Command { }

    record Help() implements Command { }

    private CommandLine() {
    }

    static Command parse(String[] args) throws UsageException {
        try {
            return command(args);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Command command(String[] args) throws UsageException {
        if (args.length == 0) throw new UsageException("no command given");
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (command) {
            case "speak":
                return new Speak(speak(rest));
            case "voices": {
                Parsed p = options(rest, Set.of("--provider"), Set.of("--debug"), false);
                return new Voices(p.value("--provider"), p.flag("--debug"));
            }
            case "providers": {
                Parsed p = options(rest, Set.of(), Set.of("--debug"), false);
                return new Providers(p.flag("--debug"));
            }
            case "help":
            case "--help":
            case "-h":
                return new Help();
            default:
                throw new UsageException("unknown command '" + command + "' (expected speak, voices, providers or help)");
        }
    }

    private static SpeakOptions speak(List<String> args) throws UsageException {
        Parsed p = options(args, SPEAK_VALUES, FLAGS, true);
        int sources = (p.value("--text").isPresent() ? 1 : 0) + (p.value("--file").isPresent() ? 1 : 0) + (p.stdin ? 1 : 0);
        if (sources != 1) throw new UsageException("give exactly one of --text TEXT, --file PATH or - (standard input)");
        Path out = path("--out", p.value("--out").orElseThrow());
        return new SpeakOptions(p.value("--text"), p.value("--file").map(v -> path("--file", v)), out,
                providers(p.value("--provider")), p.value("--voice"), p.value("--language"),
                format(p.value("--format"), p.value("--sample-rate")),
                p.value("--speaker-wav").map(v -> path("--speaker-wav", v)), seed(p.value("--seed")),
                p.flag("--stream"), p.flag("--quiet"), p.flag("--debug"), durations(p));
    }

    /** Option values and flags as given. */
    private static final class Parsed {
        final Map<String, String> values = new HashMap<>();
        final Set<String> flags = new java.util.HashSet<>();
        boolean stdin;

        Optional<String> value(String name) {
            return Optional.ofNullable(values.get(name));
        }

        boolean flag(String name) {
            return flags.contains(name);
        }
    }

    private static Parsed options(List<String> args, Set<String> valued, Set<String> flags, boolean speak) throws UsageException {
        Parsed p = new Parsed();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-") && speak) {
                if (p.stdin) throw new UsageException("- (standard input) given twice");
                p.stdin = true;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flags.contains(name)) {
                if (value != null) throw new UsageException(name + " takes no value");
                p.flags.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) throw new UsageException(name + " needs a value");
                    value = args.get(++i);
                }
                if (p.values.putIfAbsent(name, value) != null) throw new UsageException(name + " given twice");
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option '" + name + "'");
            } else {
                throw new UsageException("unexpected argument at position " + (i + 2) + " (values go after their option, e.g. --text TEXT)");
            }
        }
        if (speak && !p.values.containsKey("--out")) throw new UsageException("--out PATH is required");
        return p;
    }

    private static Path path(String option, String value) {
        try {
            if (value.isBlank()) throw new InvalidPathException(value, "empty");
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(option + " is not a valid path: " + e.getReason(), e);
        }
    }

    private static List<String> providers(Optional<String> value) throws UsageException {
        if (value.isEmpty()) return List.of();
        List<String> ids = new ArrayList<>();
        for (String raw : value.get().split(",")) {
            String id = raw.trim().toLowerCase(Locale.ROOT);
            if (!id.isEmpty()) ids.add(id);
        }
        if (ids.isEmpty()) throw new UsageException("--provider needs at least one provider id");
        return ids;
    }

    private static AudioFormat format(Optional<String> name, Optional<String> rate) throws UsageException {
        String format = name.orElse("wav").toLowerCase(Locale.ROOT);
        int hz;
        try {
            hz = rate.map(Integer::parseInt).orElse(format.equals("mp3") ? 44_100 : 24_000);
        } catch (NumberFormatException e) {
            throw new UsageException("--sample-rate must be a whole number of Hz, was '" + rate.orElse("") + "'");
        }
        try {
            return switch (format) {
                case "wav" -> AudioFormat.wav(hz);
                case "pcm" -> AudioFormat.pcm(hz);
                case "mp3" -> AudioFormat.mp3(hz, 128);
                default -> throw new UsageException("--format must be wav, mp3 or pcm, was '" + format + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException("--sample-rate: " + e.getMessage());
        }
    }

    private static Optional<Long> seed(Optional<String> value) throws UsageException {
        try {
            return value.map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be a whole number, was '" + value.orElse("") + "'");
        }
    }
}
