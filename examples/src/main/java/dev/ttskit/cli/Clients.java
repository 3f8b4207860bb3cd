package dev.ttskit.cli;

import dev.ttskit.Settings;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.TtsListener;
import dev.ttskit.spi.TtsProviderFactory;
import dev.ttskit.validation.StandardValidator;
import dev.ttskit.validation.ValidationPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Builds the client a command speaks through, from the environment, {@code ttskit.*} system properties
 * and the command line. The failover chain a user names ({@code --provider}, or {@code TTSKIT_PROVIDERS})
 * is checked here first, so a typo is a usage error naming the known providers and a named provider
 * without its settings names the variable to set, both before anything is built.
 */
final class Clients {
    private Clients() {
    }

    /**
     * The client for one command.
     *
     * @param only       providers to try, in order ({@code --provider}); empty for the configured chain
     * @param notes      whether to print a note when the chain moves on to the next provider
     * @param speakerWav a reference recording named on the command line: allowed from its own directory
     * @param overrides  settings given as options ({@code --timeout} as {@code TTSKIT_TIMEOUT}, ...)
     */
    static TtsClient build(CliContext ctx, List<String> only, boolean notes, Optional<Path> speakerWav,
                           Map<String, String> overrides) throws UsageException, NotConfiguredException {
        Map<String, String> chain = only.isEmpty() ? Map.of() : Map.of("TTSKIT_PROVIDERS", String.join(",", only));
        Settings settings = ctx.settings(chain).withOverrides(overrides);
        check(settings, only.isEmpty() ? "TTSKIT_PROVIDERS" : "--provider");
        try {
            ValidationPolicy.Builder policy = ValidationPolicy.fromSettings(settings).toBuilder();
            speakerWav.map(p -> p.toAbsolutePath().getParent()).ifPresent(policy::allowReferencesFrom);
            TtsClient.Builder b = TtsClient.builder().settings(settings).validator(new StandardValidator(policy.build()));
            if (notes) b.listener(new FailoverNotes(ctx.stderr()));
            return b.build();
        } catch (IllegalStateException e) {
            throw new NotConfiguredException("no provider is configured; set TTSKIT_PROVIDERS or a provider's key "
                    + "(e.g. ELEVENLABS_API_KEY), or put marytts in the chain");
        } catch (IllegalArgumentException e) {
            throw new UsageException("the configuration is not usable: " + e.getMessage());
        }
    }

    /** Every id in the chain must be known, and each known one must have its key or directory set. */
    static void check(Settings settings, String source) throws UsageException, NotConfiguredException {
        Optional<String> listed = settings.get("TTSKIT_PROVIDERS");
        if (listed.isEmpty()) return;
        List<String> ids = ids(listed.get());
        if (ids.isEmpty()) throw new UsageException(source + " names no provider; list ids such as " + Words.list(knownProviders()));
        Set<String> known = knownProviders();
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new UsageException("unknown provider '" + id + "' in " + source + " (known: " + Words.list(known) + ")");
            }
        }
        for (String id : ids) {
            String setting = Hints.KEY_SETTING.get(id);
            String alternative = Hints.ALTERNATIVE_SETTING.get(id);
            if (setting == null) continue;
            // A switch (Polly's opt-in) configures its provider when on, read as the factory reads it; a key when set.
            boolean configured = Hints.isSwitch(id) ? settings.flag(setting).orElse(false)
                    : settings.get(setting).isPresent() || (alternative != null && settings.get(alternative).isPresent());
            if (!configured) {
                throw new NotConfiguredException(id + " is named in " + source + " but is not configured: set "
                        + Hints.toConfigure(id).orElse(setting));
            }
        }
    }

    /** A comma-separated list of ids, trimmed and lower-cased, blanks dropped. */
    static List<String> ids(String commaSeparated) {
        List<String> ids = new ArrayList<>();
        for (String raw : commaSeparated.split(",")) {
            String id = raw.trim().toLowerCase(Locale.ROOT);
            if (!id.isEmpty()) ids.add(id);
        }
        return ids;
    }

    /** Ids of the provider factories on the class path, in the default failover order. */
    static Set<String> knownProviders() {
        List<TtsProviderFactory> found = new ArrayList<>();
        for (TtsProviderFactory f : ServiceLoader.load(TtsProviderFactory.class)) found.add(f);
        found.sort(TtsProviderFactory.byPriority());
        Set<String> ids = new LinkedHashSet<>();
        for (TtsProviderFactory f : found) ids.add(f.id());
        return ids;
    }

    /** Tells the user when the chain moves on, so a slow success is not a mystery. */
    private static final class FailoverNotes implements TtsListener {
        private final StatusConsole console;

        FailoverNotes(StatusConsole console) {
            this.console = console;
        }

        @Override
        public void onFailover(String from, String to, TtsException cause) {
            console.println("ttskit: " + from + " failed (" + cause.category() + "), trying " + to);
        }
    }
}
