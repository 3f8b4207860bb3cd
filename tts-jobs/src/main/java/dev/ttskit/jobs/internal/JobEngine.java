package dev.ttskit.jobs.internal;

import org.jspecify.annotations.Nullable;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.ttskit.ErrorCategory;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.jobs.ChunkState;
import dev.ttskit.jobs.JobState;
import dev.ttskit.spi.CancellationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The workers: db-scheduler executions, one per run of chunks ({@code <job>:<first>:<run>}, see
 * {@link #chunksPerExecution}) and one per job for assembly, picked by exactly one scheduler among all instances on the database, heart-beating
 * while they run and revived elsewhere when their instance stops heart-beating.
 */
public final class JobEngine implements AutoCloseable {
    public static final String CHUNK_TASK = "ttskit-chunk";
    public static final String ASSEMBLE_TASK = "ttskit-assemble";
    public static final String RELEASE_TASK = "ttskit-release-audio";
    private static final Logger log = LoggerFactory.getLogger(JobEngine.class);
    private static final String TABLE = "ttskit_scheduled_tasks";
    private static final int ASSEMBLY_PRIORITY = 1000;
    private static final int MAX_CHUNKS_PER_EXECUTION = 64;
    /** Audio held for one group commit at most; beyond it the chunks are stored at once whatever their provider time. */
    private static final long MAX_PENDING_BYTES = 16L << 20;

    /** What the engine tells the public side about. */
    public interface Events {
        void progress(String jobId, int percent, int done, int total);

        void finished(String jobId);
    }

    /** The engine's settings. */
    public record Settings(TtsClient client, Db db, JobStore store, Events events, int workers, Duration pollInterval,
                           Duration deadWorkerAfter, Duration retryBackoff, int maxAttempts, String vendor, Duration groupCommitLimit) {
    }

    private final Settings settings;
    private final TtsClient client;
    private final Db db;
    private final JobStore store;
    private final Events events;
    private final OneTimeTask<Void> chunkTask;
    private final OneTimeTask<Void> assembleTask;
    private final OneTimeTask<Void> releaseTask;
    private final SchedulerClient schedulerClient;
    private final @Nullable Scheduler scheduler;
    private final @Nullable ScheduledExecutorService watcher;
    private final Map<String, Set<Running>> inFlight = new ConcurrentHashMap<>();

    /**
     * An execution speaking its chunks here: cancelling its token stops the chunk in flight (the job
     * was cancelled); {@code stop} lets that chunk finish but starts no other (the job failed
     * elsewhere, and what is spoken now is kept for a resume).
     */
    private static final class Running {
        final CancellationToken token = new CancellationToken();
        volatile boolean stop;
    }

    public JobEngine(Settings s) {
        this.settings = s;
        this.client = s.client();
        this.db = s.db();
        this.store = s.store();
        this.events = s.events();
        this.chunkTask = Tasks.oneTime(CHUNK_TASK)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(s.retryBackoff(), 2.0))
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> runChunks(instance.getId()));
        this.assembleTask = Tasks.oneTime(ASSEMBLE_TASK)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(s.retryBackoff(), 2.0))
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> runAssembly(instance.getId()));
        this.releaseTask = Tasks.oneTime(RELEASE_TASK)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(s.retryBackoff(), 2.0))
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> runRelease(instance.getId()));
        List<Task<?>> tasks = List.of(chunkTask, assembleTask, releaseTask);
        if (s.workers() > 0) {
            SchedulerBuilder b = Scheduler.create(db.dataSource(), tasks)
                    .tableName(TABLE)
                    .schedulerName(new SchedulerName.Fixed(workerName()))
                    .threads(s.workers())
                    .pollingInterval(s.pollInterval())
                    .heartbeatInterval(s.deadWorkerAfter().dividedBy(4))
                    .missedHeartbeatsLimit(4)
                    .enablePriority()
                    .enableImmediateExecution()
                    .shutdownMaxWait(Duration.ofSeconds(5))
                    .failureLogging(LogLevel.DEBUG, false);
            // PostgreSQL claims due executions with SELECT ... FOR UPDATE SKIP LOCKED in one statement.
            if ("postgresql".equals(s.vendor())) b.pollUsingLockAndFetch(0.5, 1.0);
            // H2 gets the generic SQL; its columns are TIMESTAMP WITH TIME ZONE (see the migration), as this expects.
            else b.jdbcCustomization(new DefaultJdbcCustomization(false));
            Scheduler built = b.build();
            this.scheduler = built;
            this.schedulerClient = built;
            this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ttskit-jobs-cancel-watch");
                t.setDaemon(true);
                return t;
            });
        } else {
            this.scheduler = null;
            SchedulerClient.Builder b = SchedulerClient.Builder.create(db.dataSource(), tasks).tableName(TABLE).enablePriority();
            if (!"postgresql".equals(s.vendor())) b.jdbcCustomization(new DefaultJdbcCustomization(false));
            this.schedulerClient = b.build();
            this.watcher = null;
        }
    }

    public void start() {
        if (scheduler == null || watcher == null) return;
        scheduler.start();
        long period = Math.max(50, settings.pollInterval().toMillis());
        // Nothing to read from the future: the watch logs its own failures and close() shuts the executor down.
        ScheduledFuture<?> unused = watcher.scheduleWithFixedDelay(this::watchCancellations, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * How many chunks, in text order, one execution speaks: enough that a long job costs few
     * executions (each is a pick, a claim and a completion in db-scheduler's table), few enough that
     * a job still spreads over every worker, with at least four executions a worker so that one
     * that runs long is balanced by the others, and that a slow chunk holds up at most 63 others.
     */
    public static int chunksPerExecution(int chunks, int workers) {
        return Math.max(1, Math.min(MAX_CHUNKS_PER_EXECUTION, chunks / (Math.max(4, workers) * 4)));
    }

    /**
     * Schedules the executions that cover {@code seqs} ({@code <job>:<first>:<run>}, each covering
     * {@code chunksPerExecution} chunks from {@code first}), in text order, at the job's priority;
     * with {@code ifMissing}, only those that do not exist (a run's lost executions).
     */
    public void scheduleChunks(String jobId, int run, int priority, int chunksPerExecution, List<Integer> seqs, boolean ifMissing) {
        Instant now = Instant.now();
        java.util.SortedSet<Integer> firsts = new java.util.TreeSet<>();
        for (int seq : seqs) firsts.add(seq / chunksPerExecution * chunksPerExecution);
        if (ifMissing) {
            for (int first : firsts) {
                schedulerClient.scheduleIfNotExists(instance(chunkTask, chunkId(jobId, first, run), priority), now.plusNanos(first * 1000L));
            }
            return;
        }
        List<SchedulableInstance<?>> batch = new ArrayList<>(firsts.size());
        for (int first : firsts) {
            // One microsecond apart: executions are taken in text order within one priority.
            batch.add(SchedulableInstance.of(instance(chunkTask, chunkId(jobId, first, run), priority), now.plusNanos(first * 1000L)));
        }
        schedulerClient.scheduleBatch(batch);
    }

    public void scheduleAssembly(String jobId, int run) {
        schedulerClient.scheduleIfNotExists(instance(assembleTask, jobId + ":" + run, ASSEMBLY_PRIORITY), Instant.now());
    }

    private static String chunkId(String jobId, int first, int run) {
        return jobId + ":" + first + ":" + run;
    }

    private static TaskInstance<Void> instance(OneTimeTask<Void> task, String id, int priority) {
        return new TaskInstance<>(task.getName(), id, () -> null, priority);
    }

    /** Stops the chunks of {@code jobId} running in this instance. */
    public void cancelLocal(String jobId) {
        Set<Running> running = inFlight.get(jobId);
        if (running != null) running.forEach(r -> r.token.cancel());
    }

    /** Lets the executions of {@code jobId} running in this instance finish their chunk in flight, then stop. */
    private void stopLocal(String jobId) {
        Set<Running> running = inFlight.get(jobId);
        if (running != null) running.forEach(r -> r.stop = true);
    }

    /** Runs execution {@code <job>:<first>:<run>}: takes its chunks in one transaction and speaks them in text order. */
    void runChunks(String instanceId) {
        String[] parts = instanceId.split(":");
        String jobId = parts[0];
        int first = Integer.parseInt(parts[1]);
        int run = Integer.parseInt(parts[2]);
        Optional<JobStore.Claim> taken = db.patiently("take chunks", c -> {
            Optional<JobStore.Claim> found = store.claim(c, jobId, first);
            if (found.isPresent() && found.get().job().run() == run && !found.get().job().state().finished()
                    && found.get().chunks().stream().anyMatch(w -> !w.finished())) {
                store.start(c, found.get().job());
            }
            return found;
        });
        // Deleted, cancelled, failed or done, or left over from before a resume: nothing to do.
        if (taken.isEmpty()) return;
        JobStore.Claim claim = taken.get();
        if (claim.job().run() != run || claim.job().state().finished()) return;
        Running running = new Running();
        inFlight.computeIfAbsent(jobId, k -> ConcurrentHashMap.newKeySet()).add(running);
        try {
            speak(claim, running);
        } finally {
            inFlight.computeIfPresent(jobId, (k, set) -> {
                set.remove(running);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /**
     * Speaks the claimed chunks one after another and stores each one's audio, marking it done and
     * counting it into the job, in one transaction. A chunk whose synthesis took at least the
     * group-commit limit is stored at once, before the next is spoken, so a crash costs at most the
     * chunk in flight; chunks spoken faster are stored together, as soon as their provider time adds
     * up to the limit (or at the end of the run, or before a failure is handled), so a crash repeats
     * at most that much provider time besides the chunk in flight. Progress is reported with every store.
     */
    private void speak(JobStore.Claim claim, Running running) {
        CancellationToken token = running.token;
        JobRow job = claim.job();
        OutputLayout layout = OutputLayout.of(job.speech().format());
        Pending pending = new Pending(job);
        try {
            for (ChunkWork w : claim.chunks()) {
                if (w.finished()) continue;
                if (token.isCancelled() || running.stop) break;
                SpeechResult result;
                long started = System.nanoTime();
                try {
                    result = client.synthesize(job.speech().request(w.text()),
                            new ChunkCheckpoint(db, store, job.id(), w.seq(), w.checkpoint()), token);
                } catch (TtsException e) {
                    // What was spoken before is kept, whatever becomes of this chunk.
                    pending.flush();
                    if (token.isCancelled()) return;   // the job was cancelled: its state says so already
                    if (!failed(job, w, layout, e, pending)) return;
                    continue;
                }
                long took = System.nanoTime() - started;
                byte[] bytes = result.audioBytes();
                int payload = layout.payload(bytes)[1];
                store.audio().prepare(job.id(), w.seq(), bytes);
                pending.add(new JobStore.Completion(w.seq(), ChunkState.DONE, result.provider(), store.audio().inDatabase() ? bytes : null,
                        payload), bytes.length, took);
            }
        } finally {
            // Also on the way out of a cancelled or stopped run: chunks already paid for are kept.
            pending.flush();
        }
        // A run that stored nothing may be the re-run of one that died between storing the job's last
        // chunks and assembling it.
        if (!pending.stored && !token.isCancelled()) {
            pending.complete = counted(job, db.patientlySingle("count a job's chunks", c -> store.doneChunks(c, job.id())));
        }
        if (pending.complete && !token.isCancelled()) assembleHere(job);
    }

    /**
     * Assembles the job in this execution, right after its last chunk was stored: no wait for an
     * execution to be picked. The chunk execution stays picked, heart-beating, until the output is
     * written, so it is itself what makes assembly safe: should this instance die first, another
     * revives the execution, finds every chunk stored and assembles; should assembling fail here, the
     * execution fails and is tried again after the backoff, and does the same.
     */
    private void assembleHere(JobRow job) {
        runAssembly(job.id() + ":" + job.run());
    }

    /**
     * Chunks spoken but not stored yet: together they took less provider time than the group-commit
     * limit, and hold at most {@link #MAX_PENDING_BYTES} of audio.
     */
    private final class Pending {
        private final JobRow job;
        private final List<JobStore.Completion> chunks = new ArrayList<>();
        private long nanos;
        private long bytes;
        /** Whether this run stored anything. */
        boolean stored;
        /** Whether every chunk of the job is finished: this run assembles it. */
        boolean complete;

        Pending(JobRow job) {
            this.job = job;
        }

        void add(JobStore.Completion chunk, int size, long providerNanos) {
            chunks.add(chunk);
            nanos += providerNanos;
            bytes += size;
            if (nanos >= settings.groupCommitLimit().toNanos() || bytes >= MAX_PENDING_BYTES) flush();
        }

        void flush() {
            if (chunks.isEmpty()) return;
            // Taken out first: a store that fails for good (after the database patience) is not tried
            // again on the way out; those chunks are spoken again by the execution's next attempt.
            List<JobStore.Completion> batch = List.copyOf(chunks);
            chunks.clear();
            nanos = 0;
            bytes = 0;
            int done = db.patiently("store chunks' audio", c -> store.complete(c, job.id(), batch, Instant.now()));
            stored = true;
            complete |= counted(job, done);
        }
    }

    /**
     * A chunk's attempt failed: retry the execution later (from this chunk), silence the chunk, or
     * fail the job.
     *
     * @return whether the execution goes on with its next chunk
     */
    private boolean failed(JobRow job, ChunkWork w, OutputLayout layout, TtsException e, Pending pending) {
        boolean last = w.attempts() + 1 >= settings.maxAttempts() || !worthRetrying(e);
        if (!last) {
            db.patientlyRun("note a chunk's failure", c -> store.retryLater(c, job.id(), w.seq(), e));
            log.debug("chunk {}:{} failed ({}); retrying later", job.id(), w.seq(), e.category());
            throw new RetryLater(e);
        }
        if (job.silenceFailed() && layout.hasSilence()) {
            log.warn("chunk {} of job {} failed for good ({}); replaced by silence", w.seq(), job.id(), e.category());
            pending.complete |= counted(job, db.patiently("silence a chunk",
                    c -> store.complete(c, job.id(), List.of(JobStore.Completion.silenced(w.seq())), Instant.now())));
            return true;
        }
        log.warn("chunk {} of job {} failed for good ({}); the job is FAILED", w.seq(), job.id(), e.category());
        boolean moved = db.patiently("fail a job", c -> store.fail(c, job.id(), w.seq(), e, Instant.now()));
        stopLocal(job.id());
        if (moved) events.finished(job.id());
        return false;
    }

    /** Retrying later helps with what an outage or a limit causes, not with a refused request. */
    private static boolean worthRetrying(TtsException e) {
        ErrorCategory c = e.category();
        return c != ErrorCategory.VALIDATION && c != ErrorCategory.UNSUPPORTED && c != ErrorCategory.AUTH && c != ErrorCategory.QUOTA;
    }

    /** Reports the job's count of finished chunks; true when all are, and the job is ready for assembly. */
    private boolean counted(JobRow job, int done) {
        events.progress(job.id(), Math.min(99, done * 100 / job.totalChunks()), done, job.totalChunks());
        return done >= job.totalChunks();
    }

    void runAssembly(String instanceId) {
        String jobId = instanceId.substring(0, instanceId.indexOf(':'));
        Optional<JobRow> read = db.patiently("read a job", c -> store.job(c, jobId));
        if (read.isEmpty()) return;
        JobRow job = read.get();
        if (job.state() != JobState.RUNNING || job.doneChunks() != job.totalChunks()) return;
        List<ChunkRow> chunks = db.patiently("read a job's chunks", c -> store.chunks(c, job));
        String output = job.output();
        if (output != null) {
            // One read-only transaction and one query for the whole assembly, one chunk in memory at a time.
            db.patientlyRun("assemble a job", c -> {
                try (AudioStore.Reader reader = store.audio().open(c, jobId)) {
                    Assembler.writeFile(job, chunks, reader::read, Path.of(output));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the output of job " + jobId, e);
                }
            });
            // The chunks' audio is dropped after the job has SUCCEEDED, off the caller's wait; scheduled
            // first, so that a crash in between cannot leave it behind.
            schedulerClient.scheduleIfNotExists(instance(releaseTask, jobId + ":" + job.run(), ASSEMBLY_PRIORITY), Instant.now());
        }
        boolean won = db.patiently("finish a job", c -> store.succeed(c, jobId, Instant.now()));
        if (won) {
            events.progress(jobId, 100, job.totalChunks(), job.totalChunks());
            events.finished(jobId);
        }
    }

    /** Drops the chunk audio of a job whose output file is written, once the job is SUCCEEDED. */
    void runRelease(String instanceId) {
        String jobId = instanceId.substring(0, instanceId.indexOf(':'));
        Optional<JobRow> read = db.patiently("read a job", c -> store.job(c, jobId));
        if (read.isEmpty() || read.get().output() == null) return;
        JobRow job = read.get();
        // Scheduled just before the job is marked SUCCEEDED: wait for that (an assembly that died
        // before it is revived and ends there too).
        if (job.state() == JobState.RUNNING) throw new IllegalStateException("job " + jobId + " is not finished yet; releasing its audio later");
        if (job.state() != JobState.SUCCEEDED) return;
        db.patientlyRun("drop a job's chunk audio", c -> store.audio().delete(c, jobId));
    }

    /** Stops local executions whose job was cancelled, or failed, through another instance. */
    private void watchCancellations() {
        if (inFlight.isEmpty()) return;
        try {
            Map<String, JobState> states = db.once("watch for cancelled jobs", c -> store.states(c, List.copyOf(inFlight.keySet())));
            states.forEach((id, state) -> {
                if (state == JobState.CANCELLED) cancelLocal(id);
                else if (state == JobState.FAILED) stopLocal(id);
            });
        } catch (RuntimeException e) {
            log.debug("cancel watch skipped: {}", e.toString());
        }
    }

    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        String name = host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() <= 50 ? name : name.substring(name.length() - 50);
    }

    @Override
    public void close() {
        // Chunks still running are not cancelled: stopping waits for them a while, and one that outlives
        // the wait stays claimed until another instance sees this one's heartbeat stop and takes it over.
        if (watcher != null) watcher.shutdownNow();
        if (scheduler != null) scheduler.stop();
    }

    /** Thrown to db-scheduler so that it runs the chunk again after a backoff. */
    static final class RetryLater extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RetryLater(TtsException cause) {
            super("chunk failed with " + cause.category() + "; retrying later", cause, false, false);
        }
    }
}
