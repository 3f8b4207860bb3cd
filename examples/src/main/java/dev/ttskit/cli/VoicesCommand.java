package dev.ttskit.cli;

import dev.ttskit.TtsClient;
import dev.ttskit.Voice;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ttskit voices}: the voices of the configured providers, one per line, tab-separated. */
@Command(name = "voices", description = "List the voices of the configured providers: provider, id, name, languages (tab-separated).")
final class VoicesCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--provider", paramLabel = "P", description = "Only this provider's voices.")
    @Nullable String provider;

    @Mixin
    DebugOption debug;

    VoicesCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        List<String> only = provider == null ? List.of() : Clients.ids(provider);
        if (provider != null && only.size() != 1) throw new UsageException("--provider takes one provider id, was '" + provider + "'");
        try (TtsClient client = Clients.build(ctx, only, false, Optional.empty(), java.util.Map.of())) {
            List<Voice> voices = only.isEmpty() ? client.voices() : client.voices(only.get(0));
            for (Voice v : voices) {
                ctx.stdout().println(v.provider() + "\t" + v.id() + "\t" + v.name() + "\t" + String.join(",", v.languages()));
            }
            return ExitCode.OK;
        }
    }
}
