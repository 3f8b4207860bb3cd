package dev.ttskit.cli;

import dev.ttskit.Settings;
import dev.ttskit.TtsClient;
import dev.ttskit.jobs.JobFilter;
import dev.ttskit.jobs.JobId;
import dev.ttskit.jobs.JobRequest;
import dev.ttskit.jobs.JobState;
import dev.ttskit.jobs.JobStatus;
import dev.ttskit.jobs.SpeechJobs;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code ttskit jobs}: durable speech jobs (tts-jobs) from the command line, on the database named by
 * {@code TTSKIT_JOBS_DB_URL} (default: an H2 file under {@code ~/.ttskit/}). {@code submit --wait},
 * {@code watch} and {@code resume --wait} also work on the jobs while they wait; {@code status},
 * {@code list} and {@code cancel} only read and write the database.
 */
@Command(name = "jobs", subcommands = JobsCommand.Submit.class,
        description = "Durable speech jobs: long text spoken chunk by chunk, surviving restarts, shared by every instance on one database.",
        footer = {"", "Database: TTSKIT_JOBS_DB_URL (a jdbc:h2:... or jdbc:postgresql://... URL), TTSKIT_JOBS_DB_USER,",
            "TTSKIT_JOBS_DB_PASSWORD. Providers are configured as for 'ttskit speak'."})
final class JobsCommand implements Callable<Integer> {
    private static final Duration TICK = Duration.ofMillis(250);
    /**
     * The first connection of a process opens the H2 file and loads the driver, the pool and Flyway;
     * on a busy machine that takes longer than the library's default wait, and a person at a terminal
     * would rather wait than be told the database is away.
     */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final CliContext ctx;

    JobsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws UsageException {
        throw new UsageException("name a jobs command: submit, status, list, watch, cancel or resume");
    }

    /** {@code ttskit jobs submit}. */
    @Command(name = "submit", sortOptions = false, description = "Queue a job (and, with --wait, work on it here until it ends). Prints the job id.")
    static final class Submit implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--text", paramLabel = "TEXT", description = "The text to speak.")
        @Nullable String text;

        @Option(names = "--file", paramLabel = "PATH", description = "Read the text from a UTF-8 file (read by the workers, so it must stay).")
        @Nullable String file;

        @Parameters(arity = "0..1", paramLabel = "-", description = "Read the text from standard input.")
        @Nullable String dash;

        @Option(names = "--out", required = true, paramLabel = "PATH", description = "Where the finished audio goes.")
        @Nullable String out;

        @Mixin
        AudioOptions audio;

        @Option(names = "--provider", paramLabel = "a,b", description = {"Only these providers speak the job's chunks, in this order; the chunks are",
            "planned within their limits (default: TTSKIT_PROVIDERS, else every configured provider)."})
        @Nullable String provider;

        @Option(names = "--speed", paramLabel = "X", description = "Speaking rate, 1.0 being the provider's normal speed (providers that take one).")
        @Nullable String speed;

        @Option(names = "--seed", paramLabel = "N", description = "Sampling seed, 0..4294967295, for providers that take one (every chunk the same).")
        @Nullable String seed;

        @Option(names = "--option", paramLabel = "KEY=VALUE", description = {"A provider option for every chunk, repeatable: elevenlabs.stability=0.4.",
            "true/false and numbers are typed; quote with '...' to keep a value text."})
        List<String> options = new ArrayList<>();

        @Option(names = "--speaker-wav", paramLabel = "PATH", description = {"Reference recording for voice cloning (local-xtts, replicate); every",
            "worker must read it at this path."})
        @Nullable String speakerWav;

        @Option(names = "--timeout", paramLabel = "D", description = "Each chunk's deadline, failover included, e.g. 30s or 2m (default TTSKIT_TIMEOUT, else 60s).")
        @Nullable String timeout;

        @Option(names = "--allow-any-voice", description = "A provider with no mapping for --voice may speak with its default voice.")
        boolean allowAnyVoice;

        @Option(names = "--gap", paramLabel = "MS", description = "Silence between chunks, 0..2000 ms (default 120), e.g. 200 or 200ms.")
        @Nullable String gap;

        @Option(names = "--crossfade", paramLabel = "MS", description = "Overlap neighbouring chunks with a crossfade of 1..500 ms instead of a gap (WAV and PCM).")
        @Nullable String crossfade;

        @Option(names = "--chunks-per-execution", paramLabel = "N", description = {"Chunks one worker takes at once, 1..256 (default: chosen per job,",
            "up to 64); fewer spread the job over more workers."})
        @Nullable String chunksPerExecution;

        @Option(names = "--key", paramLabel = "K", description = "Idempotency key: submitting the same key again returns the same job.")
        @Nullable String key;

        @Option(names = "--priority", paramLabel = "N", description = "-100..100, higher first (default 0).")
        @Nullable String priority;

        @Option(names = "--wait", description = {"Work on the job here until it ends (else it waits for a worker:",
            "'ttskit jobs watch ID', or any application on the same database)."})
        boolean waitForIt;

        @Option(names = "--quiet", description = "Print nothing but errors (and the job id).")
        boolean quiet;

        @Mixin
        DebugOption debug;

        Submit(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws Exception {
            // Everything the command line can get wrong is found before the database or a provider is touched.
            if (dash != null && !dash.equals("-")) throw new UsageException("unexpected argument '" + dash + "'");
            int sources = (text != null ? 1 : 0) + (file != null ? 1 : 0) + (dash != null ? 1 : 0);
            if (sources != 1) throw new UsageException("give exactly one of --text TEXT, --file PATH or - (standard input)");
            JobRequest.Builder b = JobRequest.builder().output(SpeakCommand.path("--out", out)).format(audio.audioFormat(out));
            List<String> providers = providers();
            Optional<Path> reference = speakerWav == null ? Optional.empty() : Optional.of(SpeakCommand.path("--speaker-wav", speakerWav));
            Consumer<SpeechJobs.Builder> perExecution = joins(b);
            describe(b, providers, reference);
            if (text != null) b.text(text);
            else if (file != null) b.file(SpeakCommand.path("--file", file));
            else b.text(readStdin());
            if (reference.isPresent() && !Files.isReadable(reference.get())) {
                throw new InputException("--speaker-wav " + reference.get() + " is not a readable file", null);
            }
            JobRequest request = b.build();
            List<String> chain = chain(providers);
            return withJobs(ctx, waitForIt, chain, reference, perExecution, jobs -> {
                JobId id = jobs.submit(request);
                ctx.stdout().println(id);
                if (!waitForIt) {
                    if (!quiet) ctx.stderr().println("queued; 'ttskit jobs watch " + id + "' works on it and shows its progress");
                    return ExitCode.OK;
                }
                return follow(ctx, jobs, id, quiet);
            });
        }

        /** How every chunk is spoken: the options that go into the job's request, each checked with its own message. */
        private void describe(JobRequest.Builder b, List<String> providers, Optional<Path> reference) throws UsageException {
            try {
                audio.voice().ifPresent(b::voice);
                audio.language().ifPresent(b::language);
                Optional.ofNullable(key).ifPresent(b::idempotencyKey);
                if (priority != null) b.priority(wholeInt("--priority", priority, "from -100 to 100"));
                if (speed != null) b.speed(decimal("--speed", speed));
                if (seed != null) b.seed(wholeNumber("--seed", seed, "from 0 to 4294967295"));
                for (String o : options) {
                    ProviderOption option = ProviderOption.parse(o);
                    b.option(option.key(), option.value());
                }
                if (!providers.isEmpty()) b.providers(providers);
                reference.ifPresent(b::speakerReference);
                if (timeout != null) b.timeout(duration("--timeout", timeout));
                b.allowAnyVoice(allowAnyVoice);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }

        /**
         * --gap and --crossfade go into the job's request (its own join, stored with it); --chunks-per-execution
         * is a setting of the jobs instance, stored with the job at submission.
         */
        private Consumer<SpeechJobs.Builder> joins(JobRequest.Builder b) throws UsageException {
            if (gap != null && crossfade != null) throw new UsageException("give --gap or --crossfade, not both");
            Duration gapValue = gap == null ? null : millis("--gap", gap);
            Duration fadeValue = crossfade == null ? null : millis("--crossfade", crossfade);
            if (fadeValue != null && fadeValue.isZero()) throw new UsageException("--crossfade must be 1..500 ms, was '" + crossfade + "'");
            Integer perExecution = chunksPerExecution == null ? null
                    : wholeInt("--chunks-per-execution", chunksPerExecution, "from 1 to 256");
            if (perExecution != null && perExecution < 1) {
                throw new UsageException("--chunks-per-execution must be a whole number from 1 to 256, was '" + chunksPerExecution + "'");
            }
            if (gapValue != null && gapValue.compareTo(Duration.ofSeconds(2)) > 0) {
                throw new UsageException("--gap must be 0..2000 ms, was '" + gap + "'");
            }
            if (fadeValue != null && fadeValue.compareTo(Duration.ofMillis(500)) > 0) {
                throw new UsageException("--crossfade must be 1..500 ms, was '" + crossfade + "'");
            }
            if (perExecution != null && perExecution > 256) {
                throw new UsageException("--chunks-per-execution must be a whole number from 1 to 256, was '" + chunksPerExecution + "'");
            }
            try {
                if (gapValue != null) b.gap(gapValue);
                if (fadeValue != null) b.crossfade(fadeValue);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return jb -> {
                if (perExecution != null) jb.chunksPerExecution(perExecution);
            };
        }

        private static Long wholeNumber(String option, String value, String range) throws UsageException {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new UsageException(option + " must be a whole number " + range + ", was '" + value + "'");
            }
        }

        /** A whole number for an int setting; one beyond int's range is kept out of range rather than wrapped. */
        private static int wholeInt(String option, String value, String range) throws UsageException {
            long n = wholeNumber(option, value, range);
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
        }

        private static double decimal(String option, String value) throws UsageException {
            try {
                return Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new UsageException(option + " must be a number such as 1.2, was '" + value + "'");
            }
        }

        private static Duration duration(String option, String value) throws UsageException {
            try {
                return Settings.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(option + ": " + e.getMessage());
            }
        }

        /** Milliseconds: a plain whole number ({@code 150}) or a duration with its unit ({@code 150ms}, {@code 0.2s}). */
        private static Duration millis(String option, String value) throws UsageException {
            String v = value.trim();
            Duration d;
            if (v.matches("\\d{1,9}")) {
                d = Duration.ofMillis(Long.parseLong(v));
            } else {
                try {
                    d = Settings.parseDuration(v);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(option + " must be milliseconds, e.g. 150 or 150ms, was '" + value + "'");
                }
            }
            if (d.isNegative() || d.toNanosPart() % 1_000_000 != 0) {
                throw new UsageException(option + " must be a whole number of milliseconds, was '" + value + "'");
            }
            return d;
        }

        private List<String> providers() throws UsageException {
            if (provider == null) return List.of();
            List<String> ids = Clients.ids(provider);
            if (ids.isEmpty()) throw new UsageException("--provider needs at least one provider id");
            return ids;
        }

        /**
         * The client's chain when the job names providers: those first, then the rest of
         * TTSKIT_PROVIDERS, so this process's workers can still speak other jobs in the queue. Without
         * TTSKIT_PROVIDERS the default chain has every configured provider already; the named ones are
         * checked to be known and configured all the same.
         */
        private List<String> chain(List<String> named) throws UsageException, NotConfiguredException {
            if (named.isEmpty()) return List.of();
            Clients.check(ctx.settings(Map.of("TTSKIT_PROVIDERS", String.join(",", named))), "--provider");
            Optional<String> configured = ctx.settings(Map.of()).get("TTSKIT_PROVIDERS");
            if (configured.isEmpty()) return List.of();
            Set<String> chain = new LinkedHashSet<>(named);
            chain.addAll(Clients.ids(configured.get()));
            return List.copyOf(chain);
        }
        private String readStdin() throws InputException {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(ctx.stdin().readAllBytes())).toString();
            } catch (CharacterCodingException e) {
                throw new InputException("standard input is not valid UTF-8", e);
            } catch (IOException e) {
                throw new InputException("cannot read standard input: " + Words.why(e), e);
            }
        }
    }

    @Command(name = "status", description = "Show a job's state, progress, chunks, the providers that spoke them, and a failed job's error.")
    int status(@Parameters(paramLabel = "ID", description = "The job id submit printed.") String id, @Mixin DebugOption debug)
            throws UsageException, NotConfiguredException {
        JobId job = jobId(id);
        return withJobs(ctx, false, jobs -> {
            JobStatus s = jobs.status(job);
            ctx.stdout().println("job      " + s.id());
            ctx.stdout().println("state    " + s.state());
            ctx.stdout().println("progress " + s.progress() + "% (" + s.chunksDone() + "/" + s.chunksTotal() + " chunks)");
            s.output().ifPresent(o -> ctx.stdout().println("output   " + o));
            ctx.stdout().println("format   " + s.format().providerName() + s.voice().map(v -> ", voice " + v).orElse("")
                    + s.language().map(l -> ", language " + l).orElse("")
                    + (s.providers().isEmpty() ? "" : ", providers " + String.join(",", s.providers())));
            ctx.stdout().println("join     " + (s.crossfade().isZero() ? "gap " + s.gap().toMillis() + " ms" : "crossfade " + s.crossfade().toMillis() + " ms"));
            Map<String, Integer> providers = new LinkedHashMap<>();
            s.chunks().forEach(c -> c.provider().ifPresent(p -> providers.merge(p, 1, Integer::sum)));
            if (!providers.isEmpty()) ctx.stdout().println("spoken by " + Words.counts(providers, "chunk"));
            if (!s.silencedChunks().isEmpty()) ctx.stdout().println("silenced chunks " + Words.list(s.silencedChunks()));
            s.error().ifPresent(e -> ctx.stdout().println("error    " + e.category() + e.provider().map(p -> " from " + p).orElse("")
                    + s.failedChunk().map(c -> " at chunk " + c).orElse("") + ": " + e.getMessage()));
            return exitFor(s);
        });
    }

    @Command(name = "list", description = "List jobs, newest first.")
    int list(@Option(names = "--state", paramLabel = "S", description = "Only jobs in this state: queued, running, succeeded, failed or cancelled.")
             String state,
             @Option(names = "--limit", paramLabel = "N", description = "At most this many jobs.") String limit,
             @Mixin DebugOption debug) throws UsageException, NotConfiguredException {
        JobFilter.Builder f = JobFilter.builder();
        if (state != null) {
            try {
                f.state(JobState.valueOf(state.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--state must be queued, running, succeeded, failed or cancelled, was '" + state + "'");
            }
        }
        if (limit != null) {
            try {
                f.limit(Integer.parseInt(limit.trim()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--limit must be a positive whole number, was '" + limit + "'");
            }
        }
        JobFilter filter = f.build();
        return withJobs(ctx, false, jobs -> {
            DateTimeFormatter time = DateTimeFormatter.ISO_INSTANT;
            ctx.stdout().println(String.format("%-36s  %-9s  %4s  %-11s  %s", "JOB", "STATE", "%", "CHUNKS", "CREATED"));
            for (JobStatus s : jobs.list(filter)) {
                ctx.stdout().println(String.format("%-36s  %-9s  %4d  %-11s  %s", s.id(), s.state(), s.progress(),
                        s.chunksDone() + "/" + s.chunksTotal(), time.format(s.createdAt())));
            }
            return ExitCode.OK;
        });
    }

    @Command(name = "watch", description = "Work on a job here and draw its progress until it ends.")
    int watch(@Parameters(paramLabel = "ID", description = "The job id submit printed.") String id,
              @Option(names = "--quiet", description = "Print nothing but errors.") boolean quiet,
              @Mixin DebugOption debug) throws UsageException, NotConfiguredException {
        JobId job = jobId(id);
        return withJobs(ctx, true, jobs -> follow(ctx, jobs, job, quiet));
    }

    @Command(name = "cancel", description = "Stop a job: chunks not yet started are not spoken.")
    int cancel(@Parameters(paramLabel = "ID", description = "The job id submit printed.") String id, @Mixin DebugOption debug)
            throws UsageException, NotConfiguredException {
        JobId job = jobId(id);
        return withJobs(ctx, false, jobs -> {
            JobStatus s = jobs.cancel(job);
            ctx.stdout().println(s.id() + " " + s.state());
            return s.state() == JobState.CANCELLED || s.state() == JobState.SUCCEEDED ? ExitCode.OK : ExitCode.OTHER;
        });
    }

    @Command(name = "resume", description = "Carry on a failed or cancelled job from its first unfinished chunk.")
    int resume(@Parameters(paramLabel = "ID", description = "The job id submit printed.") String id,
               @Option(names = "--wait", description = "Work on the job here until it ends.") boolean waitForIt,
               @Mixin DebugOption debug) throws UsageException, NotConfiguredException {
        JobId job = jobId(id);
        return withJobs(ctx, waitForIt, jobs -> {
            JobStatus s = jobs.resume(job);
            if (!waitForIt) {
                ctx.stdout().println(s.id() + " " + s.state());
                return ExitCode.OK;
            }
            return follow(ctx, jobs, job, false);
        });
    }

    /** Draws the job's progress (a bar on a terminal, a line per change otherwise) until it ends. */
    private static int follow(CliContext ctx, SpeechJobs jobs, JobId id, boolean quiet) {
        ProgressBar bar = ctx.terminal() && !quiet ? new ProgressBar(ctx.stderr(), ctx.clock(), ctx.columns()) : null;
        int lastPercent = -1;
        JobStatus s;
        try {
            while (true) {
                s = jobs.await(id, TICK);
                if (s.progress() != lastPercent) {
                    lastPercent = s.progress();
                    if (bar != null) bar.onProgress(s.progress(), s.chunksDone(), s.chunksTotal());
                    else if (!quiet) ctx.stderr().println(s.progress() + "% (" + s.chunksDone() + "/" + s.chunksTotal() + " chunks)");
                }
                if (s.state().finished()) break;
            }
        } finally {
            if (bar != null) bar.finish();
        }
        if (!quiet && s.state() == JobState.SUCCEEDED) {
            ctx.stdout().println("wrote " + s.output().map(Path::toString).orElse("the job's output (kept in the database)"));
        }
        if (s.state() != JobState.SUCCEEDED) {
            ctx.stderr().println("ttskit: job " + id + " " + s.state() + s.error().map(e -> " (" + e.category() + "): " + e.getMessage()).orElse(""));
        }
        return exitFor(s);
    }

    private static int exitFor(JobStatus s) {
        if (s.state() == JobState.FAILED) return s.error().map(ExitCode::of).orElse(ExitCode.OTHER);
        if (s.state() == JobState.CANCELLED) return ExitCode.OTHER;
        return ExitCode.OK;
    }

    /** Work that needs the jobs database (and, to do work, the providers). */
    private interface JobsWork {
        int run(SpeechJobs jobs);
    }

    private static int withJobs(CliContext ctx, boolean work, JobsWork body) throws UsageException, NotConfiguredException {
        return withJobs(ctx, work, List.of(), Optional.empty(), jb -> { }, body);
    }

    /**
     * @param chain      the client's failover chain ({@link Clients#build}); empty for the configured one
     * @param speakerWav a reference recording named on the command line, allowed from its own directory
     * @param settings   settings of the jobs instance that a submission stores with the job (chunks per execution)
     */
    private static int withJobs(CliContext ctx, boolean work, List<String> chain, Optional<Path> speakerWav,
                                Consumer<SpeechJobs.Builder> settings, JobsWork body) throws UsageException, NotConfiguredException {
        SpeechJobs.Builder builder = SpeechJobs.builder().settings(ctx.settings(Map.of())).workers(work ? 4 : 0)
                .pollInterval(TICK).connectTimeout(CONNECT_TIMEOUT);
        settings.accept(builder);
        try (TtsClient client = Clients.build(ctx, chain, false, speakerWav, Map.of());
             SpeechJobs jobs = builder.client(client).build()) {
            return body.run(jobs);
        }
    }

    private static JobId jobId(String id) throws UsageException {
        try {
            return JobId.of(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + id + "' is not a job id; 'ttskit jobs list' shows them");
        }
    }
}
