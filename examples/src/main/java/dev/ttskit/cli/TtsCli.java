package dev.ttskit.cli;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.TtsException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ttskit} command line (DESIGN section 9): {@code speak}, {@code voices}, {@code providers}
 * and {@code jobs}, configured from the environment, with the embedded MaryTTS voice as the last resort.
 * Parsing, help, {@code --version} and suggestions are picocli's; this class wires the commands to the
 * process (or a test's streams) and turns every failure into one line in words and an exit code
 * ({@link ExitCode}).
 *
 * <p>Errors are one line per failure naming the provider, the category and a hint; stack traces only
 * with {@code --debug}. Nothing printed ever contains the input text or a key.
 */
public final class TtsCli {
    private final CliContext ctx;

    TtsCli(InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env, boolean terminal, Clock clock) {
        this.ctx = new CliContext(stdin, stdout, stderr, env, terminal, clock);
    }

    public static void main(String[] args) {
        LibraryLogs.silenceTheProcess();
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
    // Up to Java 21 a null console is the answer; from 22 isTerminal() below decides.
    @SuppressWarnings("SystemConsoleNull")
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
        return commandLine().execute(args);
    }

    /** The command tree, wired to this run's streams and exit codes. */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(RootCommand.class, new ContextFactory(ctx));
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(ctx.stdout(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(ctx.stderr().stream(), StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler(this::usageError);
        cl.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command, debug(parsed)));
        cl.setExecutionStrategy(parsed -> {
            try (LibraryLogs logs = LibraryLogs.route(debug(parsed), ctx.stderr())) {
                return new CommandLine.RunLast().execute(parsed);
            }
        });
        return cl;
    }

    /** Whether {@code --debug} was given to the command that runs (or any command above it). */
    private static boolean debug(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(DebugOption.NAME)) return true;
        }
        return false;
    }

    /** A mistake on the command line: what is wrong, what was probably meant, where the help is. Exit 2. */
    private int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        StatusConsole err = ctx.stderr();
        err.clearStatus();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            boolean hasCommands = !command.getSubcommands().isEmpty();
            String what = arg.startsWith("-") ? "unknown option '" + arg + "'" : hasCommands ? "unknown command '" + arg + "'"
                    : "unexpected argument '" + arg + "'";
            err.println("ttskit: " + what + " for '" + name + "'");
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) err.println("Did you mean " + orList(suggestions) + "?");
        } else if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            List<String> labels = new ArrayList<>();
            for (ArgSpec a : missing.getMissing()) labels.add(label(a));
            err.println("ttskit: " + name + " needs " + Words.list(labels));
        } else {
            err.println("ttskit: " + lowerFirst(e.getMessage()));
        }
        err.println("Run '" + name + " --help' for usage.");
        return ExitCode.USAGE;
    }

    /** A failure while a command ran: one line (or one per provider tried) and its exit code. */
    private int failure(Exception e, CommandLine command, boolean debug) {
        StatusConsole err = ctx.stderr();
        err.clearStatus();
        if (e instanceof UsageException) {
            err.println("ttskit: " + e.getMessage());
            err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE;
        }
        int code;
        if (e instanceof OutputException) {
            err.println("ttskit: cannot write " + e.getMessage());
            code = ExitCode.USAGE;
        } else if (e instanceof InputException) {
            err.println("ttskit: invalid input: " + e.getMessage());
            code = ExitCode.INVALID_INPUT;
        } else if (e instanceof NotConfiguredException) {
            err.println("ttskit: " + e.getMessage());
            code = ExitCode.NO_PROVIDER;
        } else if (e instanceof TtsException tts) {
            code = report(tts);
        } else if (e instanceof IOException && e.getCause() instanceof TtsException tts) {   // a stream that failed while read
            code = report(tts);
        } else if (e instanceof IOException io) {
            err.println("ttskit: cannot write the audio: " + Words.why(io));
            code = ExitCode.OTHER;
        } else {
            String message = e.getMessage() == null || e.getMessage().isBlank() ? "no details" : e.getMessage();
            err.println("ttskit: unexpected failure: " + message + (debug ? "" : "; run with --debug for the stack trace"));
            code = ExitCode.OTHER;
        }
        if (debug) e.printStackTrace(err.stream());
        return code;
    }

    /** One line per failed attempt: provider, category, what happened, what to do. */
    private int report(TtsException e) {
        List<TtsException> failures = e instanceof AllProvidersFailedException all && !all.attempts().isEmpty()
                ? all.attempts() : List.of(e);
        for (TtsException f : failures) {
            String provider = f.provider().orElse(null);
            ctx.stderr().println("ttskit: " + (provider == null ? "request" : provider) + " failed (" + f.category() + "): "
                    + f.getMessage() + "; hint: " + Hints.forFailure(provider, f.category()));
        }
        return ExitCode.of(e);
    }

    private static String label(ArgSpec a) {
        if (a instanceof OptionSpec o) return o.longestName() + (o.arity().max() > 0 ? " " + o.paramLabel() : "");
        return a.paramLabel();
    }

    private static String orList(List<String> items) {
        if (items.size() == 1) return items.get(0);
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private static String lowerFirst(@Nullable String s) {
        if (s == null || s.isEmpty()) return "the command line is not valid";
        return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    /**
     * Makes command objects: those with a constructor taking a {@link CliContext} get this run's;
     * anything else (picocli's help command, mixins) is made as picocli would.
     */
    private static final class ContextFactory implements CommandLine.IFactory {
        private final CliContext ctx;

        ContextFactory(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            Constructor<K> withContext;
            try {
                withContext = type.getDeclaredConstructor(CliContext.class);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
            return withContext.newInstance(ctx);
        }
    }
}
