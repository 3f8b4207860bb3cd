package dev.ttskit.cli;

import dev.ttskit.Settings;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.jobs.JobFilter;
import dev.ttskit.jobs.JobId;
import dev.ttskit.jobs.JobRequest;
import dev.ttskit.jobs.JobState;
import dev.ttskit.jobs.JobStatus;
import dev.ttskit.jobs.SpeechJobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ttskit jobs}: durable speech jobs (tts-jobs) from the command line, on the database named by
 * {@code TTSKIT_JOBS_DB_URL} (default: an H2 file under {@code ~/.ttskit/}). {@code submit --wait},
 * {@code watch} and {@code resume --wait} also work on the jobs while they wait; {@code status},
 * {@code list} and {@code cancel} only read and write the database.
 */
final class JobsCli {
    static final String USAGE = String.join("\n",
            "Usage:",
            "  ttskit jobs submit (--text TEXT | --file PATH | -) --out PATH [--wait] [options]",
            "  ttskit jobs status ID",
            "  ttskit jobs list [--state queued|running|succeeded|failed|cancelled] [--limit N]",
            "  ttskit jobs watch ID          work on the job here and draw its progress until it ends",
            "  ttskit jobs cancel ID",
            "  ttskit jobs resume ID [--wait]",
            "",
            "submit options:",
            "  --wait               work on the job here until it ends (else it waits for a worker:",
            "                       'ttskit jobs watch ID', or any application on the same database)",
            "  --voice V, --language L, --format wav|pcm|mp3, --sample-rate HZ   as for 'ttskit speak'",
            "  --key K              idempotency key: submitting the same key again returns the same job",
            "  --priority N         -100..100, higher first (default 0)",
            "  --quiet              print nothing but errors (and the job id)",
            "",
            "Database: TTSKIT_JOBS_DB_URL (a jdbc:h2:... or jdbc:postgresql://... URL), TTSKIT_JOBS_DB_USER,",
            "TTSKIT_JOBS_DB_PASSWORD. Providers are configured as for 'ttskit speak'.");

    private static final Set<String> SUBMIT_VALUES = Set.of("--text", "--file", "--out", "--voice", "--language", "--format",
            "--sample-rate", "--key", "--priority");
    private static final Duration FOREVER = Duration.ofDays(365);
    private static final Duration TICK = Duration.ofMillis(250);

    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Map<String, String> env;
    private final boolean terminal;
    private final Clock clock;

    JobsCli(InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env, boolean terminal, Clock clock) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.env = Map.copyOf(env);
        this.terminal = terminal;
        this.clock = clock;
    }

    /** Runs {@code ttskit jobs ARGS} and returns the exit code. */
    int run(List<String> args) {
        boolean debug = args.contains("--debug");
        List<String> rest = new ArrayList<>(args);
        rest.remove("--debug");
        try {
            if (rest.isEmpty()) throw new UsageException("no jobs command given");
            String command = rest.get(0);
            List<String> options = rest.subList(1, rest.size());
            switch (command) {
                case "submit":
                    return submit(options);
                case "status":
                    return status(oneId(options));
                case "list":
                    return list(options);
                case "watch":
                    return watch(oneId(options));
                case "cancel":
                    return cancel(oneId(options));
                case "resume":
                    return resume(options);
                case "help":
                case "--help":
                    stdout.println(USAGE);
                    return ExitCode.OK;
                default:
                    throw new UsageException("unknown jobs command '" + command + "' (expected submit, status, list, watch, cancel or resume)");
            }
        } catch (UsageException e) {
            stderr.println("ttskit: " + e.getMessage());
            stderr.println("Run 'ttskit jobs help' for usage.");
            return ExitCode.USAGE;
        } catch (InputException e) {
            stderr.println("ttskit: invalid input: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        } catch (TtsException e) {
            stderr.println("ttskit: " + e.provider().map(p -> p + " failed").orElse("jobs") + " (" + e.category() + "): " + e.getMessage());
            if (debug) e.printStackTrace(stderr);
            return ExitCode.of(e);
        } catch (IllegalStateException e) {
            stderr.println("ttskit: " + e.getMessage());
            if (debug) e.printStackTrace(stderr);
            return ExitCode.NO_PROVIDER;
        } catch (RuntimeException e) {
            stderr.println("ttskit: unexpected failure: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (debug) e.printStackTrace(stderr);
            return ExitCode.OTHER;
        }
    }

    private int submit(List<String> args) throws UsageException, InputException {
        Map<String, String> v = new HashMap<>();
        boolean wait = false;
        boolean quiet = false;
        boolean stdinText = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (a.equals("--wait")) wait = true;
            else if (a.equals("--quiet")) quiet = true;
            else if (a.equals("-")) stdinText = true;
            else if (SUBMIT_VALUES.contains(name)) {
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (i + 1 < args.size() ? args.get(++i) : null);
                if (value == null) throw new UsageException(name + " needs a value");
                if (v.put(name, value) != null) throw new UsageException(name + " given twice");
            } else {
                throw new UsageException("unknown option '" + a + "' for jobs submit");
            }
        }
        int sources = (v.containsKey("--text") ? 1 : 0) + (v.containsKey("--file") ? 1 : 0) + (stdinText ? 1 : 0);
        if (sources != 1) throw new UsageException("give exactly one of --text TEXT, --file PATH or - (standard input)");
        if (!v.containsKey("--out")) throw new UsageException("--out PATH is required");
        JobRequest.Builder b = JobRequest.builder().output(path("--out", v.get("--out"))).format(format(v.get("--format"), v.get("--sample-rate")));
        if (v.containsKey("--text")) b.text(v.get("--text"));
        else if (v.containsKey("--file")) b.file(path("--file", v.get("--file")));
        else b.text(readStdin());
        try {
            Optional.ofNullable(v.get("--voice")).ifPresent(b::voice);
            Optional.ofNullable(v.get("--language")).ifPresent(b::language);
            Optional.ofNullable(v.get("--key")).ifPresent(b::idempotencyKey);
            if (v.containsKey("--priority")) b.priority(Integer.parseInt(v.get("--priority")));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        JobRequest request = b.build();
        boolean work = wait;
        boolean silent = quiet;
        return withJobs(work, jobs -> {
            JobId id = jobs.submit(request);
            stdout.println(id);
            if (!work) {
                if (!silent) stderr.println("queued; 'ttskit jobs watch " + id + "' works on it and shows its progress");
                return ExitCode.OK;
            }
            return follow(jobs, id, silent);
        });
    }

    private int status(JobId id) {
        return withJobs(false, jobs -> {
            JobStatus s = jobs.status(id);
            stdout.println("job      " + s.id());
            stdout.println("state    " + s.state());
            stdout.println("progress " + s.progress() + "% (" + s.chunksDone() + "/" + s.chunksTotal() + " chunks)");
            s.output().ifPresent(o -> stdout.println("output   " + o));
            Map<String, Integer> providers = new LinkedHashMap<>();
            s.chunks().forEach(c -> c.provider().ifPresent(p -> providers.merge(p, 1, Integer::sum)));
            if (!providers.isEmpty()) stdout.println("spoken by " + providers);
            if (!s.silencedChunks().isEmpty()) stdout.println("silenced chunks " + s.silencedChunks());
            s.error().ifPresent(e -> stdout.println("error    " + e.category() + e.provider().map(p -> " from " + p).orElse("")
                    + s.failedChunk().map(c -> " at chunk " + c).orElse("") + ": " + e.getMessage()));
            return exitFor(s);
        });
    }

    private int list(List<String> args) throws UsageException {
        JobFilter.Builder f = JobFilter.builder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--state") || a.equals("--limit")) && i + 1 < args.size()) {
                String value = args.get(++i);
                try {
                    if (a.equals("--state")) f.state(JobState.valueOf(value.toUpperCase(Locale.ROOT)));
                    else f.limit(Integer.parseInt(value));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("bad " + a + " '" + value + "'");
                }
            } else {
                throw new UsageException("unknown option '" + a + "' for jobs list");
            }
        }
        JobFilter filter = f.build();
        return withJobs(false, jobs -> {
            DateTimeFormatter time = DateTimeFormatter.ISO_INSTANT;
            stdout.println(String.format("%-36s  %-9s  %4s  %-11s  %s", "JOB", "STATE", "%", "CHUNKS", "CREATED"));
            for (JobStatus s : jobs.list(filter)) {
                stdout.println(String.format("%-36s  %-9s  %4d  %-11s  %s", s.id(), s.state(), s.progress(),
                        s.chunksDone() + "/" + s.chunksTotal(), time.format(s.createdAt())));
            }
            return ExitCode.OK;
        });
    }

    private int watch(JobId id) {
        return withJobs(true, jobs -> follow(jobs, id, false));
    }

    private int cancel(JobId id) {
        return withJobs(false, jobs -> {
            JobStatus s = jobs.cancel(id);
            stdout.println(s.id() + " " + s.state());
            return s.state() == JobState.CANCELLED || s.state() == JobState.SUCCEEDED ? ExitCode.OK : ExitCode.OTHER;
        });
    }

    private int resume(List<String> args) throws UsageException {
        List<String> rest = new ArrayList<>(args);
        boolean wait = rest.remove("--wait");
        JobId id = oneId(rest);
        return withJobs(wait, jobs -> {
            JobStatus s = jobs.resume(id);
            if (!wait) {
                stdout.println(s.id() + " " + s.state());
                return ExitCode.OK;
            }
            return follow(jobs, id, false);
        });
    }

    /** Draws the job's progress (a bar on a terminal, a line per change otherwise) until it ends. */
    private int follow(SpeechJobs jobs, JobId id, boolean quiet) {
        ProgressBar bar = terminal && !quiet ? new ProgressBar(stderr, clock) : null;
        int lastPercent = -1;
        JobStatus s;
        try {
            while (true) {
                s = jobs.await(id, TICK);
                if (s.progress() != lastPercent) {
                    lastPercent = s.progress();
                    if (bar != null) bar.onProgress(s.progress(), s.chunksDone(), s.chunksTotal());
                    else if (!quiet) stderr.println(s.progress() + "% (" + s.chunksDone() + "/" + s.chunksTotal() + " chunks)");
                }
                if (s.state().finished()) break;
            }
        } finally {
            if (bar != null) bar.finish();
        }
        if (!quiet && s.state() == JobState.SUCCEEDED) stdout.println("wrote " + s.output().map(Path::toString).orElse("(database)"));
        if (s.state() != JobState.SUCCEEDED) {
            stderr.println("ttskit: job " + id + " " + s.state() + s.error().map(e -> " (" + e.category() + "): " + e.getMessage()).orElse(""));
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

    private int withJobs(boolean work, JobsWork body) {
        Settings settings = settings();
        try (TtsClient client = TtsClient.builder().settings(settings).build();
             SpeechJobs jobs = SpeechJobs.builder().client(client).settings(settings).workers(work ? 4 : 0)
                     .pollInterval(TICK).build()) {
            return body.run(jobs);
        }
    }

    private Settings settings() {
        Map<String, String> properties = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("ttskit.")) properties.put(k.toString(), v.toString());
        });
        return Settings.layered(Map.of(), properties, env);
    }

    private static JobId oneId(List<String> args) throws UsageException {
        if (args.size() != 1) throw new UsageException("give one job id, e.g. 'ttskit jobs status 3f0c…'");
        try {
            return JobId.of(args.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private String readStdin() throws InputException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(stdin.readAllBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new InputException("standard input is not valid UTF-8", e);
        } catch (IOException e) {
            throw new InputException("cannot read standard input: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Path path(String option, String value) throws UsageException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(option + " is not a usable path: " + e.getMessage());
        }
    }

    private static AudioFormat format(String name, String rate) throws UsageException {
        String f = name == null ? "wav" : name.toLowerCase(Locale.ROOT);
        int hz;
        try {
            hz = rate == null ? (f.equals("mp3") ? 44_100 : 24_000) : Integer.parseInt(rate);
        } catch (NumberFormatException e) {
            throw new UsageException("--sample-rate must be a number, was '" + rate + "'");
        }
        try {
            return switch (f) {
                case "wav" -> AudioFormat.wav(hz);
                case "pcm" -> AudioFormat.pcm(hz);
                case "mp3" -> AudioFormat.mp3(hz, 128);
                default -> throw new UsageException("--format must be wav, pcm or mp3, was '" + name + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
