package dev.ttskit.jobs;

import org.jspecify.annotations.Nullable;
import com.zaxxer.hikari.HikariDataSource;
import dev.ttskit.AudioFormatException;
import dev.ttskit.AuthenticationException;
import dev.ttskit.CancelledException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ModelException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.QuotaExceededException;
import dev.ttskit.RateLimitException;
import dev.ttskit.Settings;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.Voice;
import dev.ttskit.jobs.internal.Reasons;
import dev.ttskit.jobs.internal.Assembler;
import dev.ttskit.jobs.internal.AudioStore;
import dev.ttskit.jobs.internal.ChunkCheckpoint;
import dev.ttskit.jobs.internal.ChunkRow;
import dev.ttskit.jobs.internal.Db;
import dev.ttskit.jobs.internal.JobEngine;
import dev.ttskit.jobs.internal.JobRow;
import dev.ttskit.jobs.internal.JobStore;
import dev.ttskit.jobs.internal.JobsDatabase;
import dev.ttskit.jobs.internal.Join;
import dev.ttskit.jobs.internal.NewJob;
import dev.ttskit.jobs.internal.OutputLayout;
import dev.ttskit.jobs.internal.SpeechSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Durable speech jobs: a long text planned once into chunks (the same chunker and limits as
 * {@link TtsClient#synthesizeLong}) stored in a database; workers on every instance sharing that
 * database take a few chunks of a job at a time (each chunk by exactly one worker), speak them one
 * after another through the client with its retries and failover, store each chunk's audio before
 * counting it done and before speaking the next, and assemble the output atomically when the last
 * one is safe. A crash or a deploy costs only the chunks in flight.
 *
 * <pre>{@code
 * try (SpeechJobs jobs = SpeechJobs.builder().client(tts).dataSource(ds).build()) {
 *     JobId id = jobs.submit(JobRequest.builder().text(book).voice("narrator")
 *             .output(Path.of("book.wav")).idempotencyKey("book-1").build());
 *     JobStatus s = jobs.await(id, Duration.ofHours(2));
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} stops this instance's workers (chunks they leave are taken up by
 * another instance, or by this one when it starts again) and the pool it opened itself; it does not
 * close the client or a DataSource it was given.
 */
public final class SpeechJobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpeechJobs.class);

    private final TtsClient client;
    private final Db db;
    private final JobStore store;
    private final JobEngine engine;
    private final @Nullable HikariDataSource ownPool;
    private final List<JobListener> listeners;
    private final boolean silenceFailedChunks;
    private final Join join;
    private final int workers;
    private final int chunksPerExecution;
    private final Duration pollInterval;
    private final Object signal = new Object();
    private volatile boolean closed;

    private SpeechJobs(Builder b, TtsClient client, DataSource dataSource, @Nullable HikariDataSource ownPool, String vendor) {
        this.client = client;
        this.ownPool = ownPool;
        this.listeners = new CopyOnWriteArrayList<>(b.listeners);
        this.silenceFailedChunks = b.silenceFailedChunks;
        this.join = new Join(Math.toIntExact(b.gap.toMillis()), Math.toIntExact(b.crossfade.toMillis()));
        this.workers = b.workers;
        this.chunksPerExecution = b.chunksPerExecution;
        this.pollInterval = b.pollInterval;
        this.db = new Db(dataSource, b.databasePatience);
        AudioStore audio = b.storage.directory().map(AudioStore::directory).orElseGet(AudioStore::database);
        this.store = new JobStore(audio);
        this.engine = new JobEngine(new JobEngine.Settings(client, db, store, new Events(), b.workers, b.pollInterval,
                b.deadWorkerAfter, b.retryBackoff, b.chunkAttempts, vendor, b.groupCommitLimit));
    }

    /** {@return a new builder; only a client is required (without a database the embedded H2 file under {@code ~/.ttskit/} is used)} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Plans and stores a job, or returns the job already stored under the request's idempotency key.
     * Everything is checked before anything is stored.
     *
     * @param request the job to run
     * @return the new job's id, or the id of the job stored under the same idempotency key
     * @throws ValidationException         empty or unspeakable text, an unreadable text file, an output
     *                                     path that cannot be written
     * @throws UnsupportedRequestException an unknown voice, a format no configured provider can give
     *                                     or that cannot be joined
     * @throws JobsUnavailableException    the database cannot be reached; nothing was stored
     */
    public JobId submit(JobRequest request) {
        Objects.requireNonNull(request, "request");
        ensureOpen();
        if (request.idempotencyKey().isPresent()) {
            Optional<String> existing = db.once("look up an idempotency key", c -> store.idForKey(c, request.idempotencyKey().get()));
            if (existing.isPresent()) return new JobId(existing.get());
        }
        String text = text(request);
        Join joined = joinOf(request);
        OutputLayout.of(request.format(), joined);
        Path output = request.output().map(SpeechJobs::checkWritable).orElse(null);
        request.voice().ifPresent(this::checkVoice);
        SpeechSettings speech = new SpeechSettings(request.voice().orElse(null), request.language().orElse(null), request.format(),
                request.speed().orElse(null), request.seed().orElse(null), request.options(), request.timeout().orElse(null),
                request.speakerReference().orElse(null), request.providers(), request.allowAnyVoice());
        // Planned with everything the chunks will be spoken with: a provider preference decides whose limits apply.
        List<String> chunks = client.chunks(speech.request(text));

        JobId id = JobId.random();
        int perExecution = chunksPerExecution > 0 ? chunksPerExecution : JobEngine.chunksPerExecution(chunks.size(), workers);
        NewJob job = new NewJob(id.value(), request.idempotencyKey().orElse(null), request.priority(), speech,
                output == null ? null : output.toString(), request.silenceFailedChunks().orElse(silenceFailedChunks), joined, perExecution,
                chunks);
        try {
            db.onceRun("store a job", c -> store.insert(c, job, Instant.now()));
        } catch (JobsUnavailableException e) {
            // Two submissions with one key at once: the second finds the first's job.
            if (request.idempotencyKey().isPresent()) {
                Optional<String> existing = db.once("look up an idempotency key", c -> store.idForKey(c, request.idempotencyKey().get()));
                if (existing.isPresent()) return new JobId(existing.get());
            }
            throw e;
        }
        List<Integer> seqs = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) seqs.add(i);
        try {
            engine.scheduleChunks(id.value(), 0, request.priority(), perExecution, seqs, false);
        } catch (RuntimeException e) {
            try {
                db.onceRun("withdraw a job", c -> store.deleteJob(c, id.value()));
            } catch (JobsUnavailableException again) {
                e.addSuppressed(again);
            }
            throw JobsUnavailableException.builder("jobs database failed to schedule the job's chunks").cause(e).build();
        }
        log.debug("job {} submitted: {} chunks", id, chunks.size());
        return id;
    }

    /**
     * The job as the database has it now.
     *
     * @param id the job
     * @return its status, chunks included
     * @throws ValidationException      for an id no job has
     * @throws JobsUnavailableException the database cannot be reached
     */
    public JobStatus status(JobId id) {
        Objects.requireNonNull(id, "id");
        ensureOpen();
        return db.once("read a job", c -> {
            JobRow row = store.job(c, id.value()).orElseThrow(() -> unknown(id));
            Set<Integer> taken = store.taken(c, row);
            // A chunk not finished is running while an execution that covers it is picked, else waiting.
            List<ChunkRow> chunks = store.chunks(c, row).stream().map(r -> r.state() == ChunkState.PENDING || r.state() == ChunkState.RUNNING
                    ? r.withState(taken.contains(r.seq()) ? ChunkState.RUNNING : ChunkState.PENDING) : r).toList();
            return toStatus(row, chunks);
        });
    }

    /**
     * Waits until the job is SUCCEEDED, FAILED or CANCELLED, or until {@code timeout} passes, and
     * returns its status then (check {@link JobStatus#state()}). A database that is away for a while
     * is waited for too.
     *
     * @param id the job
     * @param timeout the longest to wait
     * @return the status when the job finished or the time ran out, chunks included
     * @throws ValidationException      for an id no job has
     * @throws CancelledException       when the waiting thread is interrupted
     * @throws JobsUnavailableException when the database is still unreachable at the timeout
     */
    public JobStatus await(JobId id, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            @Nullable JobState state = null;
            try {
                // Only the job's row while waiting: its chunks are read once, for the answer.
                state = db.once("read a job", c -> store.job(c, id.value()).orElseThrow(() -> unknown(id))).state();
            } catch (JobsUnavailableException e) {
                if (System.nanoTime() - deadline >= 0) throw e;
                log.debug("waiting for job {}: {}", id, e.getMessage());
            }
            long left = deadline - System.nanoTime();
            if (state != null && (state.finished() || left <= 0)) return status(id);
            synchronized (signal) {
                try {
                    signal.wait(Math.max(1, Math.min(pollInterval.toMillis(), left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw CancelledException.builder("interrupted while waiting for job " + id).cause(e).build();
                }
            }
        }
    }

    /**
     * Cancels the job: chunks no worker has taken are dropped, chunks running on any instance are
     * stopped, and a provider call a chunk left running (a Replicate prediction) is cancelled too.
     * A SUCCEEDED job stays as it is. The job can be resumed.
     *
     * @param id the job
     * @return its status after cancelling
     * @throws ValidationException      for an id no job has
     * @throws JobsUnavailableException the database cannot be reached
     */
    public JobStatus cancel(JobId id) {
        Objects.requireNonNull(id, "id");
        ensureOpen();
        boolean moved = db.once("cancel a job", c -> {
            if (store.job(c, id.value()).isEmpty()) throw unknown(id);
            boolean m = store.cancel(c, id.value(), Instant.now());
            if (m) store.dropWaitingExecutions(c, JobEngine.CHUNK_TASK, id.value());
            return m;
        });
        engine.cancelLocal(id.value());
        JobStatus s = status(id);
        if (moved) {
            abandonCheckpoints(id);
            fireFinished(s);
        }
        return s;
    }

    /**
     * Puts a FAILED or CANCELLED job back to work from its first unfinished chunk (chunks done stay
     * done), and reschedules any chunk of a queued or running job that lost its execution. A
     * SUCCEEDED job stays as it is.
     *
     * @param id the job
     * @return its status after resuming
     * @throws ValidationException      for an id no job has
     * @throws JobsUnavailableException the database cannot be reached or refused the scheduling
     */
    public JobStatus resume(JobId id) {
        Objects.requireNonNull(id, "id");
        ensureOpen();
        boolean[] reopened = new boolean[1];
        JobRow job = db.once("resume a job", c -> {
            if (store.job(c, id.value()).isEmpty()) throw unknown(id);
            reopened[0] = store.reopen(c, id.value(), Instant.now());
            return store.job(c, id.value()).orElseThrow(() -> unknown(id));
        });
        if (job.state() == JobState.SUCCEEDED) return status(id);
        List<ChunkRow> chunks = db.once("read a job's chunks", c -> store.chunks(c, job));
        List<Integer> pending = chunks.stream()
                .filter(c -> c.state() != ChunkState.DONE && c.state() != ChunkState.SILENCED).map(ChunkRow::seq).toList();
        try {
            // A reopened job runs anew (executions of its earlier run do nothing); a running one gets back lost executions.
            if (pending.isEmpty()) engine.scheduleAssembly(id.value(), job.run());
            else engine.scheduleChunks(id.value(), job.run(), job.priority(), job.chunksPerExecution(), pending, !reopened[0]);
        } catch (RuntimeException e) {
            throw JobsUnavailableException.builder("jobs database failed to schedule the job's chunks").cause(e).build();
        }
        return status(id);
    }

    /**
     * Jobs, newest first, without their chunk lists.
     *
     * @param filter which states and how many
     * @return the matching jobs' statuses, {@link JobStatus#chunks()} empty
     * @throws JobsUnavailableException the database cannot be reached
     */
    public List<JobStatus> list(JobFilter filter) {
        Objects.requireNonNull(filter, "filter");
        ensureOpen();
        List<JobRow> rows = db.once("list jobs", c -> store.list(c, filter.states(), filter.limit()));
        return rows.stream().map(r -> toStatus(r, List.of())).toList();
    }

    /**
     * Writes a SUCCEEDED job's audio to {@code out}: its output file's bytes, or, for a job without
     * one, the chunks joined as they are read from the store.
     *
     * @param id the job
     * @param out where the audio goes; the caller keeps and closes it
     * @throws IllegalStateException when the job has not SUCCEEDED
     * @throws IOException           when reading the output file or writing {@code out} fails
     */
    public void transferAudio(JobId id, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        JobStatus s = status(id);
        if (s.state() != JobState.SUCCEEDED) throw new IllegalStateException("job " + id + " is " + s.state() + ", not SUCCEEDED");
        if (s.output().isPresent()) {
            Files.copy(s.output().get(), out);
            return;
        }
        JobRow row = db.once("read a job", c -> store.job(c, id.value()).orElseThrow(() -> unknown(id)));
        List<ChunkRow> chunks = db.once("read a job's chunks", c -> store.chunks(c, row));
        try {
            db.onceRun("read a job's audio", c -> {
                try (AudioStore.Reader reader = store.audio().open(c, id.value())) {
                    Assembler.write(row, chunks, reader::read, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Adds a listener for the jobs this instance works on.
     *
     * @param listener called on worker threads; keep it quick
     */
    public void addListener(JobListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void abandonCheckpoints(JobId id) {
        List<ChunkRow> chunks = db.once("read a job's chunks", c -> {
            Optional<JobRow> job = store.job(c, id.value());
            return job.isPresent() ? store.chunks(c, job.get()) : List.<ChunkRow>of();
        });
        for (ChunkRow c : chunks) {
            if (c.checkpoint() == null || c.state() == ChunkState.DONE) continue;
            ChunkCheckpoint checkpoint = new ChunkCheckpoint(db, store, id.value(), c.seq(), c.checkpoint());
            client.abandon(checkpoint);
        }
    }

    /** The request's own join when it has one, else this instance's. */
    private Join joinOf(JobRequest request) {
        if (request.crossfade().isPresent()) return new Join(0, Math.toIntExact(request.crossfade().get().toMillis()));
        if (request.gap().isPresent()) return new Join(Math.toIntExact(request.gap().get().toMillis()), 0);
        return join;
    }

    private static String text(JobRequest request) {
        if (request.text().isPresent()) return request.text().get();
        Path file = request.file().orElseThrow();
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ValidationException.builder("text file " + file.getFileName() + " is not valid UTF-8").cause(e).build();
        } catch (IOException e) {
            throw ValidationException.builder("cannot read text file " + file + ": " + Reasons.file(e)).cause(e).build();
        }
    }

    /** The output path, absolute, after proving a file can be created beside it. */
    private static Path checkWritable(Path output) {
        Path target = output.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) throw ValidationException.builder("output " + target + " is a directory").build();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw ValidationException.builder("output directory " + dir + " does not exist").build();
        }
        try {
            Path probe = Files.createTempFile(dir, "." + target.getFileName() + ".", ".probe");
            Files.delete(probe);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            String why = e instanceof IOException io ? Reasons.file(io)
                    : e instanceof UncheckedIOException u ? Reasons.file(Objects.requireNonNull(u.getCause())) : "a security manager forbids it";
            throw ValidationException.builder("output directory " + dir + " is not writable: " + why)
                    .cause(e).build();
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw ValidationException.builder("output " + target + " exists and is not writable").build();
        }
        return target;
    }

    /** A voice is known when it is a logical voice or a voice some provider lists (when any can list them). */
    private void checkVoice(String voice) {
        if (client.logicalVoices().contains(voice)) return;
        List<Voice> offered = client.voices();
        if (offered.isEmpty()) return;   // no provider can say which voices it has: the providers will judge
        for (Voice v : offered) {
            if (v.id().value().equals(voice) || v.name().equalsIgnoreCase(voice)) return;
        }
        throw UnsupportedRequestException.builder("unknown voice '" + voice + "': not a configured voice and no provider offers it").build();
    }

    private JobStatus toStatus(JobRow row, List<ChunkRow> chunks) {
        List<ChunkStatus> cs = chunks.stream().map(c -> new ChunkStatus(c.seq(), c.state(), Optional.ofNullable(c.provider()), c.attempts(),
                Optional.ofNullable(c.errorCategory()).map(ErrorCategory::valueOf))).toList();
        TtsException error = row.errorCategory() == null ? null
                : error(ErrorCategory.valueOf(row.errorCategory()), row.errorMessage(), row.errorProvider(), row.errorRequestId());
        return new JobStatus(new JobId(row.id()), row.state(), row.progress(), row.doneChunks(), row.totalChunks(), cs, error,
                row.errorChunk(), row.speech().format(), row.output() == null ? null : Path.of(row.output()),
                row.createdAt(), row.updatedAt(), new JobStatus.Settings(Optional.ofNullable(row.speech().voice()),
                Optional.ofNullable(row.speech().language()), row.speech().providers(), row.priority(),
                Duration.ofMillis(row.join().gapMillis()), Duration.ofMillis(row.join().crossfadeMillis()), row.silenceFailed()));
    }

    /** The stored error as the exception type its category stands for. */
    static TtsException error(ErrorCategory category, @Nullable String message, @Nullable String provider, @Nullable String requestId) {
        String m = message == null ? category.name().toLowerCase(Locale.ROOT) : message;
        TtsException.Builder<? extends TtsException> b = switch (category) {
            case VALIDATION -> ValidationException.builder(m);
            case UNSUPPORTED -> UnsupportedRequestException.builder(m);
            case AUTH -> AuthenticationException.builder(m);
            case QUOTA -> QuotaExceededException.builder(m);
            case RATE_LIMIT -> RateLimitException.builder(m);
            case UNAVAILABLE -> ProviderUnavailableException.builder(m);
            case TIMEOUT -> TtsTimeoutException.builder(m);
            case BAD_AUDIO -> AudioFormatException.builder(m);
            case MODEL -> ModelException.builder(m);
            case STREAM -> StreamInterruptedException.builder(m);
            case CANCELLED -> CancelledException.builder(m);
            default -> TtsException.builder(category, m);
        };
        return b.provider(provider).requestId(requestId).build();
    }

    private static ValidationException unknown(JobId id) {
        return ValidationException.builder("no job " + id).build();
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("SpeechJobs is closed");
    }

    private void fireFinished(JobStatus s) {
        for (JobListener l : listeners) {
            try {
                l.onFinished(s);
            } catch (RuntimeException e) {
                log.warn("a JobListener threw; ignored", e);
            }
        }
        wake();
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Stops this instance's workers and the pool it opened. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        try {
            engine.close();
        } finally {
            if (ownPool != null) ownPool.close();
            wake();
        }
    }

    @Override
    public String toString() {
        return "SpeechJobs[" + (closed ? "closed" : "open") + "]";
    }

    /** Tells the listeners what the workers did. */
    private final class Events implements JobEngine.Events {
        /** Chunks done last reported per job, so that listeners see progress only grow. */
        private final Map<String, Integer> reported = new HashMap<>();
        @Override
        public void progress(String jobId, int percent, int done, int total) {
            JobId id = new JobId(jobId);
            // Workers finish chunks concurrently: report only what moves this instance's figure forward, in order.
            synchronized (reported) {
                int rank = percent == 100 ? Integer.MAX_VALUE : done;
                Integer last = reported.get(jobId);
                if (last != null && last >= rank) return;
                if (percent == 100) reported.remove(jobId);
                else reported.put(jobId, rank);
                fireProgress(id, percent, done, total);
            }
            wake();
        }

        private void fireProgress(JobId id, int percent, int done, int total) {
            for (JobListener l : listeners) {
                try {
                    l.onProgress(id, percent, done, total);
                } catch (RuntimeException e) {
                    log.warn("a JobListener threw; ignored", e);
                }
            }
        }

        @Override
        public void finished(String jobId) {
            synchronized (reported) {
                reported.remove(jobId);
            }
            if (listeners.isEmpty()) {
                wake();
                return;
            }
            try {
                fireFinished(status(new JobId(jobId)));
            } catch (RuntimeException e) {
                log.debug("could not read job {} to report it finished: {}", jobId, e.toString());
                wake();
            }
        }
    }

    /** Builds {@link SpeechJobs}; setters fail fast naming the bad value. */
    public static final class Builder {
        private @Nullable TtsClient client;
        private @Nullable DataSource dataSource;
        private @Nullable String url;
        private @Nullable String user;
        private @Nullable String password;
        private int workers = 4;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration deadWorkerAfter = Duration.ofSeconds(30);
        private Duration retryBackoff = Duration.ofSeconds(2);
        private int chunkAttempts = 4;
        private Duration databasePatience = Duration.ofMinutes(10);
        // HikariCP's own default: opening an H2 file or a cold PostgreSQL can take seconds on a busy machine.
        private Duration connectTimeout = Duration.ofSeconds(30);
        private ChunkStorage storage = ChunkStorage.database();
        private boolean silenceFailedChunks;
        private Duration gap = Duration.ofMillis(120);
        private Duration crossfade = Duration.ZERO;
        private int chunksPerExecution;
        private Duration groupCommitLimit = Duration.ofMillis(20);
        private final List<JobListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * The client the chunks are spoken through (required; not closed by {@link SpeechJobs#close()}).
         *
         * @param value the client; the caller keeps and closes it
         * @return this builder
         */
        public Builder client(TtsClient value) {
            this.client = Objects.requireNonNull(value, "client");
            return this;
        }

        /**
         * The application's database (H2 or PostgreSQL); not closed by {@link SpeechJobs#close()}.
         *
         * @param value the pool; replaces a JDBC URL given before
         * @return this builder
         */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            this.url = null;
            return this;
        }

        /**
         * A database ttskit opens itself with a HikariCP pool, closed by {@link SpeechJobs#close()}.
         *
         * @param value a JDBC URL (H2 or PostgreSQL); replaces a data source given before
         * @param user the database user, or null
         * @param password the user's password, or null
         * @return this builder
         * @throws IllegalArgumentException when the URL does not start with {@code jdbc:}
         */
        public Builder jdbcUrl(String value, @Nullable String user, @Nullable String password) {
            Objects.requireNonNull(value, "jdbcUrl");
            if (!value.startsWith("jdbc:")) throw new IllegalArgumentException("jdbcUrl must start with jdbc:, was " + redact(value));
            this.url = value;
            this.user = user;
            this.password = password;
            this.dataSource = null;
            return this;
        }

        /**
         * Reads {@code TTSKIT_JOBS_DB_URL}, {@code TTSKIT_JOBS_DB_USER} and {@code TTSKIT_JOBS_DB_PASSWORD}
         * (system properties {@code ttskit.jobs.db.url} and so on win); without a URL the embedded H2 file
         * under {@code ~/.ttskit/} is used.
         *
         * @param s the settings to read
         * @return this builder
         */
        public Builder settings(Settings s) {
            Objects.requireNonNull(s, "settings");
            Optional<String> u = s.get("TTSKIT_JOBS_DB_URL");
            if (u.isPresent()) jdbcUrl(u.get(), s.get("TTSKIT_JOBS_DB_USER").orElse(null), s.get("TTSKIT_JOBS_DB_PASSWORD").orElse(null));
            return this;
        }

        /**
         * Chunks this instance speaks at once (default 4); 0 makes an instance that submits and reads but does no work.
         *
         * @param value 0..256
         * @return this builder
         */
        public Builder workers(int value) {
            if (value < 0 || value > 256) throw new IllegalArgumentException("workers must be 0..256, was " + value);
            this.workers = value;
            return this;
        }

        /**
         * How often idle workers look for new chunks and how often {@code await} re-reads (default 1 s).
         *
         * @param value positive
         * @return this builder
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = positive(value, "pollInterval");
            return this;
        }

        /**
         * After how long without a heartbeat a worker's chunks are taken over by another instance (default 30 s, at least 1 s).
         *
         * @param value at least 1 s
         * @return this builder
         */
        public Builder deadWorkerAfter(Duration value) {
            positive(value, "deadWorkerAfter");
            if (value.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("deadWorkerAfter must be >= 1s, was " + value);
            this.deadWorkerAfter = value;
            return this;
        }

        /**
         * How many chunks, in text order, one worker takes at once for the jobs this instance submits
         * (1..256; default 0: chosen per job, from 1 for short jobs up to 64 for long ones). Taking
         * several saves database round trips; how much a crash may cost is set by
         * {@link #groupCommitLimit(Duration)}, not by this. Fewer spread a job over more workers.
         *
         * @param value 0..256
         * @return this builder
         */
        public Builder chunksPerExecution(int value) {
            if (value < 0 || value > 256) throw new IllegalArgumentException("chunksPerExecution must be 0..256, was " + value);
            this.chunksPerExecution = value;
            return this;
        }

        /**
         * How much provider time a crash may cost besides the chunk in flight (default 20 ms, at most
         * 10 s; zero stores every chunk on its own). A chunk whose synthesis took at least this long is
         * stored, and marked done, before the next one is spoken, as is every chunk of a real provider;
         * chunks spoken faster (a cache hit, a local engine) are stored together once their provider
         * time adds up to this, which saves a database round trip and a commit per chunk. After a
         * crash those chunks are spoken again: never more than this much provider time, plus the chunk
         * in flight, per worker.
         *
         * @param value 0..10 s
         * @return this builder
         */
        public Builder groupCommitLimit(Duration value) {
            Objects.requireNonNull(value, "groupCommitLimit");
            if (value.isNegative() || value.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("groupCommitLimit must be 0..10s, was " + value);
            }
            this.groupCommitLimit = value;
            return this;
        }

        /**
         * The first wait before a failed chunk is tried again; doubles each time (default 2 s).
         *
         * @param value positive
         * @return this builder
         */
        public Builder retryBackoff(Duration value) {
            this.retryBackoff = positive(value, "retryBackoff");
            return this;
        }

        /**
         * Tries per chunk, each with the client's own retries and failover, before it fails for good (default 4).
         *
         * @param value 1..100
         * @return this builder
         */
        public Builder chunkAttempts(int value) {
            if (value < 1 || value > 100) throw new IllegalArgumentException("chunkAttempts must be 1..100, was " + value);
            this.chunkAttempts = value;
            return this;
        }

        /**
         * How long a worker holding finished audio waits for an unreachable database (default 10 min).
         *
         * @param value positive
         * @return this builder
         */
        public Builder databasePatience(Duration value) {
            this.databasePatience = positive(value, "databasePatience");
            return this;
        }

        /**
         * How long ttskit's own pool waits for a connection before reporting the database unreachable (default 30 s).
         *
         * @param value positive; ignored when a data source is given
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /**
         * Where chunk audio is kept until assembly (default {@link ChunkStorage#database()}).
         *
         * @param value the storage; every instance must use the same
         * @return this builder
         */
        public Builder chunkStorage(ChunkStorage value) {
            this.storage = Objects.requireNonNull(value, "chunkStorage");
            return this;
        }

        /**
         * Whether a chunk that fails for good is replaced by silence instead of failing its job (default false).
         *
         * @param value true to silence failed chunks
         * @return this builder
         */
        public Builder silenceFailedChunks(boolean value) {
            this.silenceFailedChunks = value;
            return this;
        }

        /**
         * Joins chunks with this much silence, up to 2 s, in whole milliseconds (default 120 ms, as
         * {@link dev.ttskit.LongTextPolicy#DEFAULT}); replaces a crossfade set before.
         *
         * @param value 0..2 s
         * @return this builder
         */
        public Builder gap(Duration value) {
            Objects.requireNonNull(value, "gap");
            if (value.isNegative() || value.compareTo(Duration.ofSeconds(2)) > 0) {
                throw new IllegalArgumentException("gap must be 0..2s, was " + value);
            }
            this.gap = value;
            this.crossfade = Duration.ZERO;
            return this;
        }

        /**
         * Joins chunks with an equal-power crossfade of this length instead of a gap, up to 500 ms, in
         * whole milliseconds: the same join, sample for sample, as {@code synthesizeLong} with
         * {@link dev.ttskit.LongTextPolicy.Builder#crossfade}. PCM and G.711 jobs only (an MP3 job with a
         * crossfade is refused at submission). Zero goes back to the default gap.
         *
         * @param value 0..500 ms
         * @return this builder
         */
        public Builder crossfade(Duration value) {
            Objects.requireNonNull(value, "crossfade");
            if (value.isNegative() || value.compareTo(Duration.ofMillis(500)) > 0) {
                throw new IllegalArgumentException("crossfade must be 0..500ms, was " + value);
            }
            this.crossfade = value;
            this.gap = value.isZero() ? Duration.ofMillis(120) : Duration.ZERO;
            return this;
        }

        /**
         * Adds a listener for the jobs this instance works on, as {@link SpeechJobs#addListener}.
         *
         * @param value called on worker threads; keep it quick
         * @return this builder
         */
        public Builder listener(JobListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * Connects, creates or upgrades the tables, and starts this instance's workers.
         *
         * @return the running jobs service, which the caller closes
         * @throws IllegalStateException    without a client
         * @throws JobsUnavailableException when the database cannot be reached or migrated
         */
        public SpeechJobs build() {
            TtsClient c = client;
            if (c == null) throw new IllegalStateException("SpeechJobs needs a client");
            HikariDataSource own = null;
            DataSource ds = dataSource;
            if (ds == null) {
                String u = url != null ? url : JobsDatabase.defaultUrl();
                if (url == null) createHomeDirectory();
                own = JobsDatabase.pool(u, user, password, workers + 4, connectTimeout);
                ds = own;
            }
            try {
                String vendor = JobsDatabase.vendor(ds);
                JobsDatabase.migrate(ds);
                SpeechJobs jobs = new SpeechJobs(this, c, ds, own, vendor);
                jobs.engine.start();
                return jobs;
            } catch (RuntimeException e) {
                if (own != null) own.close();
                throw e;
            }
        }

        private static void createHomeDirectory() {
            try {
                Files.createDirectories(Path.of(System.getProperty("user.home"), ".ttskit"));
            } catch (IOException e) {
                throw JobsUnavailableException.builder("cannot create ~/.ttskit for the embedded jobs database").cause(e).build();
            }
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + value);
            return value;
        }

        private static String redact(String url) {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q) + "?…";
        }
    }
}
