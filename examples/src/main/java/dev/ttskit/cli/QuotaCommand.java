package dev.ttskit.cli;

import dev.ttskit.TtsClient;
import dev.ttskit.elevenlabs.ElevenLabsProvider;
import dev.ttskit.elevenlabs.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ttskit quota}: the ElevenLabs account's characters used and allowed this period and when the
 * count resets, from its subscription endpoint, asked through the client so the call has the
 * client's deadline and HTTP client.
 */
@Command(name = "quota", description = {"Show the ElevenLabs account's character quota: used, allowed, left and the reset time.",
    "Needs ELEVENLABS_API_KEY."})
final class QuotaCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    DebugOption debug;

    QuotaCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (ctx.settings(Map.of()).get("ELEVENLABS_API_KEY").isEmpty()) {
            throw new NotConfiguredException("elevenlabs is not configured: set ELEVENLABS_API_KEY");
        }
        try (TtsClient client = Clients.build(ctx, List.of(ElevenLabsProvider.ID), false, Optional.empty(), Map.of())) {
            Subscription sub = client.call(ElevenLabsProvider.ID, ElevenLabsProvider.class, (elevenLabs, call) -> elevenLabs.subscription(call));
            ctx.stdout().println("elevenlabs " + sub.tier() + " (" + sub.status() + "): " + sub.characterCount() + " of "
                    + sub.characterLimit() + " characters used, " + sub.remainingCharacters() + " left"
                    + sub.nextReset().map(reset -> "; resets " + reset).orElse(""));
            return ExitCode.OK;
        }
    }
}
