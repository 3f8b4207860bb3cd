package dev.ttskit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

import java.util.concurrent.Callable;

/**
 * {@code ttskit} itself: the list of commands. A new command is a class with a {@code @Command}
 * annotation and a constructor taking the {@link CliContext} (see {@link VoicesCommand}), named in
 * {@code subcommands} here; help, {@code --version}, suggestions, error messages and exit codes come
 * with it.
 */
@Command(name = "ttskit", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = Version.class,
        usageHelpAutoWidth = true,
        subcommands = {SpeakCommand.class, VoicesCommand.class, ProvidersCommand.class, QuotaCommand.class, JobsCommand.class,
            WebhooksCommand.class, HelpCommand.class},
        description = "Text to speech through a failover chain of providers, with an offline voice as the last resort.",
        footer = {"",
            "Configuration comes from the environment: ELEVENLABS_API_KEY, OPENAI_API_KEY, REPLICATE_API_TOKEN,",
            "TTSKIT_POLLY_ENABLED with AWS_REGION, XTTS_MODEL_DIR, TTSKIT_PROVIDERS, TTSKIT_TIMEOUT and the rest",
            "of the table in the README.",
            "With nothing configured, ttskit speak uses the embedded MaryTTS voice (English, offline).",
            "",
            "Example: ttskit speak --text \"Hello there.\" --out hello.wav",
            "",
            "Exit codes: 0 ok, 2 usage (also an output path that cannot be written), 3 invalid input,",
            "4 auth/quota, 5 no provider could serve, 1 other."})
final class RootCommand implements Callable<Integer> {
    @Override
    public Integer call() throws UsageException {
        throw new UsageException("name a command: speak, voices, providers, quota, jobs, webhooks or help");
    }
}
