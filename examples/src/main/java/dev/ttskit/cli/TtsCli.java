package dev.ttskit.cli;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.AudioStream;
import dev.ttskit.ProgressListener;
import dev.ttskit.ProviderHealth;
import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.TtsListener;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.TtsProviderFactory;
import dev.ttskit.validation.StandardValidator;
import dev.ttskit.validation.ValidationPolicy;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The {@code ttskit} command line (DESIGN section 9): {@code speak}, {@code voices} and {@code providers},
 * configured from the environment, with the embedded MaryTTS voice as the last resort.
 *
 * <p>Errors are one line per failure naming the provider, the category and a hint; stack traces only
 * with {@code --debug}. Nothing printed ever contains the input text or a key.
 */
public final class TtsCli {
    /** Characters per chunk the timeout budget is scaled by for long text (the embedded voice's chunk size). */

    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Map<String, String> env;
    private final boolean terminal;
    private final Clock clock;

    TtsCli(InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env, boolean terminal, Clock clock) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        this.env = Map.copyOf(env);
        this.terminal = terminal;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    /**
     * Runs one command and returns its exit code. The progress bar is drawn only when the process has
     * a terminal ({@link System#console()}).
     *
     * @param env the environment to configure providers from (the process's, or a map in tests)
     */
    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env) {
        return new TtsCli(stdin, stdout, stderr, env, hasTerminal(), Clock.systemUTC()).execute(args);
    }

    /**
     * Whether the process talks to a terminal. Up to Java 21 {@link System#console()} is null unless
     * it does; from Java 22 it may exist anyway, and {@code Console.isTerminal()} tells.
     */
    static boolean hasTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;   // before Java 22: a console exists only on a terminal
        }
    }

    int execute(String[] args) {
        if (args.length > 0 && args[0].equals("jobs")) {
            return new JobsCli(stdin, stdout, stderr, env, terminal, clock).run(List.of(args).subList(1, args.length));
        }
        CommandLine.Command command;
        try {
            command = CommandLine.parse(args);
        } catch (UsageException e) {
            stderr.println("ttskit: " + e.getMessage());
            stderr.println("Run 'ttskit help' for usage.");
            return ExitCode.USAGE;
        }
        boolean debug = false;
        try {
            if (command instanceof CommandLine.Help) {
                stdout.println(CommandLine.USAGE);
                return ExitCode.OK;
            } else if (command instanceof CommandLine.Speak) {
                SpeakOptions o = ((CommandLine.Speak) command).options();
                debug = o.debug();
                return speak(o);
            } else if (command instanceof CommandLine.Voices) {
                CommandLine.Voices v = (CommandLine.Voices) command;
                debug = v.debug();
                return voices(v.provider());
            } else {
                debug = ((CommandLine.Providers) command).debug();
                return providers();
            }
        } catch (UsageException e) {
            stderr.println("ttskit: " + e.getMessage());
            stderr.println("Run 'ttskit help' for usage.");
            return ExitCode.USAGE;
        } catch (InputException e) {
            stderr.println("ttskit: invalid input: " + e.getMessage());
            if (debug && e.getCause() != null) e.getCause().printStackTrace(stderr);
            return ExitCode.INVALID_INPUT;
        } catch (NotConfiguredException e) {
            stderr.println("ttskit: " + e.getMessage());
            return ExitCode.NO_PROVIDER;
        } catch (TtsException e) {
            report(e, debug);
            return ExitCode.of(e);
        } catch (IOException e) {
            if (e.getCause() instanceof TtsException) {   // a stream that failed while being read
                report((TtsException) e.getCause(), debug);
                return ExitCode.of((TtsException) e.getCause());
            }
            stderr.println("ttskit: cannot write the audio: " + e);
            if (debug) e.printStackTrace(stderr);
            return ExitCode.OTHER;
        } catch (RuntimeException e) {
            stderr.println("ttskit: unexpected failure: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (debug) e.printStackTrace(stderr);
            return ExitCode.OTHER;
        }
    }

    private int speak(SpeakOptions o) throws UsageException, InputException, NotConfiguredException, IOException {
        String text = readText(o);
        if (text.isBlank()) throw new InputException("the text is empty", null);
        if (o.speakerWav().isPresent() && !Files.isReadable(o.speakerWav().get())) {
            throw new InputException("--speaker-wav " + o.speakerWav().get() + " is not a readable file", null);
        }
        SpeechRequest request = request(o, text);
        try (TtsClient client = client(o.providers(), o.quiet(), o.speakerWav(), o.settings())) {
            SpeechResult result;
            if (o.stream()) {
                try (AudioStream s = client.stream(request)) {
                    long bytes = AtomicFiles.write(o.out(), s);
                    summary(o, s.format(), s.provider(), bytes, Optional.empty());
                    return ExitCode.OK;
                }
            } else if (request.format().isLinearPcm()) {
                ProgressBar bar = terminal && !o.quiet() ? new ProgressBar(stderr, clock) : null;
                try {
                    result = client.synthesizeLong(request, bar == null ? ProgressListener.NONE : bar).result();
                } finally {
                    if (bar != null) bar.finish();
                }
            } else {
                result = client.synthesize(request);   // compressed audio is not reassembled from chunks
            }
            long bytes = AtomicFiles.write(o.out(), result.audioStream());
            summary(o, result.format(), result.provider(), bytes, Optional.of(result.duration()));
            return ExitCode.OK;
        }
    }

    private SpeechRequest request(SpeakOptions o, String text) throws UsageException {
        try {
            SpeechRequest.Builder b = SpeechRequest.builder().text(text).format(o.format());
            o.voice().ifPresent(b::voice);
            o.language().ifPresent(b::language);
            o.seed().ifPresent(b::seed);
            o.speakerWav().ifPresent(b::speakerReference);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private String readText(SpeakOptions o) throws InputException {
        if (o.text().isPresent()) return o.text().get();
        String source = o.file().map(p -> "--file " + p).orElse("standard input");
        try {
            byte[] bytes = o.file().isPresent() ? Files.readAllBytes(o.file().get()) : stdin.readAllBytes();
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(source + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new InputException("cannot read " + source + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private void summary(SpeakOptions o, AudioFormat format, String provider, long bytes, Optional<Duration> duration) {
        if (o.quiet()) return;
        String length = duration.map(d -> String.format("%.1f s, ", d.toMillis() / 1000.0)).orElse("");
        stdout.println("wrote " + o.out() + ": " + length + format + ", " + bytes + " bytes, spoken by " + provider);
    }

    private int voices(Optional<String> provider) throws UsageException, NotConfiguredException {
        try (TtsClient client = client(provider.map(List::of).orElse(List.of()), true, Optional.empty(), Map.of())) {
            List<Voice> voices = provider.isPresent() ? client.voices(provider.get()) : client.voices();
            for (Voice v : voices) {
                stdout.println(v.provider() + "\t" + v.id() + "\t" + v.name() + "\t" + String.join(",", v.languages()));
            }
            return ExitCode.OK;
        }
    }

    private int providers() throws UsageException, NotConfiguredException {
        try (TtsClient client = client(List.of(), true, Optional.empty(), Map.of())) {
            Map<String, ProviderHealth> health = new LinkedHashMap<>();
            for (ProviderHealth h : client.health()) health.put(h.provider(), h);
            stdout.println(String.format("%-12s %-15s %-10s %6s %6s %8s", "PROVIDER", "STATUS", "BREAKER", "OK", "FAILED", "P50"));
            for (String id : knownProviders()) {
                ProviderHealth h = health.get(id);
                if (h == null) {
                    Optional<String> setting = Hints.toConfigure(id);
                    stdout.println(String.format("%-12s %-15s %s", id, "not configured", setting.map(s -> "(set " + s + ")").orElse("")));
                } else {
                    stdout.println(String.format("%-12s %-15s %-10s %6d %6d %8s", id, "configured", h.state(), h.successfulCalls(),
                            h.failedCalls(), h.successfulCalls() == 0 ? "-" : h.latencyP50().toMillis() + "ms"));
                }
            }
            return ExitCode.OK;
        }
    }

    /**
     * Builds the client from the environment; {@code only} restricts and orders the providers. The
     * validator reads the same settings the CLI was given, and a reference recording named on the
     * command line is allowed from its own directory: the user chose that file explicitly.
     */
    private TtsClient client(List<String> only, boolean quiet, Optional<Path> speakerWav, Map<String, String> options)
            throws UsageException, NotConfiguredException {
        Set<String> known = knownProviders();
        Settings settings = settings(only).withOverrides(options);
        for (String id : only) {
            if (!known.contains(id)) throw new UsageException("unknown provider '" + id + "' (known: " + String.join(", ", known) + ")");
            String setting = Hints.KEY_SETTING.get(id);
            String alternative = Hints.ALTERNATIVE_SETTING.get(id);
            if (setting != null && settings.get(setting).isEmpty() && (alternative == null || settings.get(alternative).isEmpty())) {
                throw new NotConfiguredException(id + " is not configured; hint: set " + Hints.toConfigure(id).orElse(setting));
            }
        }
        try {
            ValidationPolicy.Builder policy = ValidationPolicy.fromSettings(settings).toBuilder();
            speakerWav.map(p -> p.toAbsolutePath().getParent()).ifPresent(policy::allowReferencesFrom);
            TtsClient.Builder b = TtsClient.builder().settings(settings).validator(new StandardValidator(policy.build()));
            if (!quiet) b.listener(new FailoverNotes());
            return b.build();
        } catch (IllegalStateException e) {
            throw new NotConfiguredException("no provider is configured; hint: set TTSKIT_PROVIDERS or a provider's key");
        } catch (IllegalArgumentException e) {
            throw new UsageException("configuration: " + e.getMessage());
        }
    }

    /** Environment, then {@code ttskit.*} system properties, then the command line on top. */
    private Settings settings(List<String> only) {
        Map<String, String> properties = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("ttskit.")) properties.put(k.toString(), v.toString());
        });
        Map<String, String> overrides = only.isEmpty() ? Map.of() : Map.of("TTSKIT_PROVIDERS", String.join(",", only));
        return Settings.layered(overrides, properties, env);
    }

    /** Ids of the provider factories on the classpath, in the default failover order first. */
    private static Set<String> knownProviders() {
        List<TtsProviderFactory> found = new ArrayList<>();
        for (TtsProviderFactory f : ServiceLoader.load(TtsProviderFactory.class)) found.add(f);
        found.sort(TtsProviderFactory.byPriority());
        Set<String> ids = new LinkedHashSet<>();
        for (TtsProviderFactory f : found) ids.add(f.id());
        return ids;
    }

    /** One line per failed attempt: provider, category, what happened, what to do. */
    private void report(TtsException e, boolean debug) {
        List<TtsException> failures = e instanceof AllProvidersFailedException && !((AllProvidersFailedException) e).attempts().isEmpty()
                ? ((AllProvidersFailedException) e).attempts() : List.of(e);
        for (TtsException f : failures) {
            String provider = f.provider().orElse(null);
            stderr.println("ttskit: " + (provider == null ? "request" : provider) + " failed (" + f.category() + "): "
                    + f.getMessage() + "; hint: " + Hints.forFailure(provider, f.category()));
        }
        if (debug) e.printStackTrace(stderr);
    }

    /** Tells the user when the chain moves on, so a slow success is not a mystery. */
    private final class FailoverNotes implements TtsListener {
        @Override
        public void onFailover(String from, String to, TtsException cause) {
            stderr.println("ttskit: " + from + " failed (" + cause.category() + "), trying " + to);
        }
    }

    /** A provider the user asked for has no configuration: exit code 5. */
    private static final class NotConfiguredException extends Exception {
        private static final long serialVersionUID = 1L;

        NotConfiguredException(String message) {
            super(message);
        }
    }
}
