package dev.ttskit.cli;

import dev.ttskit.Settings;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ttskit providers}: every provider on the class path, whether it is configured, and, with
 * {@code --check}, whether it answers. A fresh process has measured nothing, so without {@code --check}
 * the table says so instead of showing a breaker that has never seen a call.
 */
@Command(name = "providers", description = {"List every provider on the class path and whether it is configured.",
    "With --check, ask each configured provider for its voices (a cheap call that needs its key and network)",
    "and report whether it answered, how fast, or why not."})
final class ProvidersCommand implements Callable<Integer> {
    private static final String ROW = "%-12s %-48s %s";

    private final CliContext ctx;

    @Option(names = "--check", description = "Probe each configured provider by listing its voices.")
    boolean check;

    @Option(names = "--timeout", paramLabel = "D", description = "How long each probe may take (default 10s).")
    @Nullable String timeout;

    @Mixin
    DebugOption debug;

    ProvidersCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        Duration limit = Duration.ofSeconds(10);
        if (timeout != null) {
            try {
                limit = Settings.parseDuration(timeout);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--timeout: " + e.getMessage());
            }
        }
        Map<String, String> overrides = check ? Map.of("TTSKIT_TIMEOUT", limit.toMillis() + "ms") : Map.of();
        try (TtsClient client = Clients.build(ctx, List.of(), false, Optional.empty(), overrides)) {
            Set<String> configured = Set.copyOf(client.providerIds());
            ctx.stdout().println(String.format(ROW, "PROVIDER", "CONFIGURATION", check ? "CHECK" : "HEALTH").stripTrailing());
            int exit = ExitCode.OK;
            for (String id : Clients.knownProviders()) {
                if (!configured.contains(id)) {
                    String setting = Hints.toConfigure(id).map(s -> "not configured (set " + s + ")").orElse("not configured");
                    ctx.stdout().println(String.format(ROW, id, setting, "").stripTrailing());
                } else if (!check) {
                    ctx.stdout().println(String.format(ROW, id, "configured", "not measured yet"));
                } else {
                    Probe p = probe(client, id);
                    ctx.stdout().println(String.format(ROW, id, "configured", p.result()));
                    if (p.exitCode() != ExitCode.OK && exit == ExitCode.OK) exit = p.exitCode();
                }
            }
            if (!check) {
                ctx.stdout().println();
                ctx.stdout().println("Nothing has been measured: each ttskit command starts afresh. "
                        + "Run 'ttskit providers --check' to ask each configured provider now.");
            }
            return exit;
        }
    }

    private record Probe(String result, int exitCode) { }

    /** One voices call; its time is shown for a feel of the round trip, not as a benchmark. */
    private static Probe probe(TtsClient client, String id) {
        long start = System.nanoTime();
        try {
            int voices = client.voices(id).size();
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            return new Probe("answers: " + voices + " voice" + (voices == 1 ? "" : "s") + " in " + ms + " ms", ExitCode.OK);
        } catch (TtsException e) {
            return new Probe("failed (" + e.category() + "): " + e.getMessage() + "; hint: " + Hints.forFailure(id, e.category()),
                    ExitCode.of(e));
        }
    }
}
