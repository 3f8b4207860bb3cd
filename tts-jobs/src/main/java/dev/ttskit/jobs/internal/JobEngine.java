package dev.ttskit.jobs.internal;

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
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The workers: db-scheduler executions, one per chunk ({@code <job>:<seq>}) and one per job for
 * assembly, picked by exactly one scheduler among all instances on the database, heart-beating
 * while they run and revived elsewhere when their instance stops heart-beating.
 */
public final class JobEngine implements AutoCloseable {
    public static final String CHUNK_TASK = "ttskit-chunk";
    public static final String ASSEMBLE_TASK = "ttskit-assemble";
    private static final Logger log = LoggerFactory.getLogger(JobEngine.class);
    private static final String TABLE = "ttskit_scheduled_tasks";
    private static final int ASSEMBLY_PRIORITY = 1000;

    /** What the engine tells the public side about. */
    public interface Events {
        void progress(String jobId, int percent, int done, int total);

        void finished(String jobId);
    }

    /** The engine's settings. */
    public record Settings(TtsClient client, Db db, JobStore store, Events events, int workers, Duration pollInterval,
                           Duration deadWorkerAfter, Duration retryBackoff, int maxAttempts, String vendor) {
    }

    private final Settings settings;
    private final TtsClient client;
    private final Db db;
    private final JobStore store;
    private final Events events;
    private final OneTimeTask<Void> chunkTask;
    private final OneTimeTask<Void> assembleTask;
    private final SchedulerClient schedulerClient;
    private final Scheduler scheduler;
    private final ScheduledExecutorService watcher;
    private final Map<String, Set<CancellationToken>> inFlight = new ConcurrentHashMap<>();

    public JobEngine(Settings s) {
        this.settings = s;
        this.client = s.client();
        this.db = s.db();
        this.store = s.store();
        this.events = s.events();
        this.chunkTask = Tasks.oneTime(CHUNK_TASK)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(s.retryBackoff(), 2.0))
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> runChunk(instance.getId()));
        this.assembleTask = Tasks.oneTime(ASSEMBLE_TASK)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(s.retryBackoff(), 2.0))
                .onDeadExecutionRevive()
                .execute((instance, ctx) -> runAssembly(instance.getId()));
        List<Task<?>> tasks = List.of(chunkTask, assembleTask);
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
            this.scheduler = b.build();
            this.schedulerClient = scheduler;
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
        if (scheduler == null) return;
        scheduler.start();
        long period = Math.max(50, settings.pollInterval().toMillis());
        watcher.scheduleWithFixedDelay(this::watchCancellations, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Schedules the chunks' executions ({@code <job>:<seq>:<run>}), in text order, at the job's
     * priority; with {@code ifMissing}, only those that do not exist (a run's lost executions).
     */
    public void scheduleChunks(String jobId, int run, int priority, List<Integer> seqs, boolean ifMissing) {
        Instant now = Instant.now();
        if (ifMissing) {
            for (int seq : seqs) {
                schedulerClient.scheduleIfNotExists(instance(chunkTask, chunkId(jobId, seq, run), priority), now.plusNanos(seq * 1000L));
            }
            return;
        }
        List<SchedulableInstance<?>> batch = new ArrayList<>(seqs.size());
        for (int seq : seqs) {
            // One microsecond apart: chunks are taken in text order within one priority.
            batch.add(SchedulableInstance.of(instance(chunkTask, chunkId(jobId, seq, run), priority), now.plusNanos(seq * 1000L)));
        }
        schedulerClient.scheduleBatch(batch);
    }

    public void scheduleAssembly(String jobId, int run) {
        schedulerClient.scheduleIfNotExists(instance(assembleTask, jobId + ":" + run, ASSEMBLY_PRIORITY), Instant.now());
    }

    private static String chunkId(String jobId, int seq, int run) {
        return jobId + ":" + seq + ":" + run;
    }

    private static TaskInstance<Void> instance(OneTimeTask<Void> task, String id, int priority) {
        return new TaskInstance<>(task.getName(), id, () -> null, priority);
    }

    /** Stops the chunks of {@code jobId} running in this instance. */
    public void cancelLocal(String jobId) {
        Set<CancellationToken> tokens = inFlight.get(jobId);
        if (tokens != null) tokens.forEach(CancellationToken::cancel);
    }

    void runChunk(String instanceId) {
        String[] parts = instanceId.split(":");
        String jobId = parts[0];
        int seq = Integer.parseInt(parts[1]);
        int run = Integer.parseInt(parts[2]);
        // Read and take the chunk in one transaction: one commit, one connection.
        ChunkWork w = db.patiently("take a chunk", c -> {
            ChunkWork found = store.work(c, jobId, seq).orElse(null);
            if (found != null && found.run() == run && !found.jobState().finished() && found.chunkState() != ChunkState.DONE
                    && found.chunkState() != ChunkState.SILENCED) {
                store.start(c, found, Instant.now());
            }
            return found;
        });
        // Deleted, cancelled, failed or done, or left over from before a resume: nothing to do.
        if (w == null || w.run() != run || w.jobState().finished()) return;
        if (w.chunkState() == ChunkState.DONE || w.chunkState() == ChunkState.SILENCED) {
            assembleIfComplete(jobId);
            return;
        }
        CancellationToken token = new CancellationToken();
        inFlight.computeIfAbsent(jobId, k -> ConcurrentHashMap.newKeySet()).add(token);
        try {
            speak(w, token);
        } finally {
            inFlight.computeIfPresent(jobId, (k, set) -> {
                set.remove(token);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private void speak(ChunkWork w, CancellationToken token) {
        AudioFormat format = AudioFormat.parse(w.format());
        OutputLayout layout = OutputLayout.of(format);
        SpeechRequest.Builder rb = SpeechRequest.builder().text(w.text()).format(format);
        if (w.voice() != null) rb.voice(w.voice());
        if (w.language() != null) rb.language(w.language());
        SpeechResult result;
        try {
            result = client.synthesize(rb.build(), new ChunkCheckpoint(db, store, w.jobId(), w.seq()), token);
        } catch (TtsException e) {
            if (token.isCancelled()) return;   // the job was cancelled: its state says so already
            failed(w, layout, e);
            return;
        }
        byte[] bytes = result.audioBytes();
        int payload = layout.payload(bytes)[1];
        store.audio().prepare(w.jobId(), w.seq(), bytes);
        int done = db.patiently("store a chunk's audio",
                c -> store.complete(c, w.jobId(), w.seq(), ChunkState.DONE, result.provider(), bytes, payload, Instant.now()));
        completed(w, done);
    }

    private void failed(ChunkWork w, OutputLayout layout, TtsException e) {
        boolean last = w.attempts() + 1 >= settings.maxAttempts() || !worthRetrying(e);
        if (!last) {
            db.patiently("note a chunk's failure", c -> {
                store.retryLater(c, w.jobId(), w.seq(), e);
                return null;
            });
            log.debug("chunk {}:{} failed ({}); retrying later", w.jobId(), w.seq(), e.category());
            throw new RetryLater(e);
        }
        if (w.silenceFailed() && layout.hasSilence()) {
            log.warn("chunk {} of job {} failed for good ({}); replaced by silence", w.seq(), w.jobId(), e.category());
            int done = db.patiently("silence a chunk",
                    c -> store.complete(c, w.jobId(), w.seq(), ChunkState.SILENCED, null, null, 0, Instant.now()));
            completed(w, done);
            return;
        }
        log.warn("chunk {} of job {} failed for good ({}); the job is FAILED", w.seq(), w.jobId(), e.category());
        boolean moved = db.patiently("fail a job", c -> store.fail(c, w.jobId(), w.seq(), e, Instant.now()));
        if (moved) events.finished(w.jobId());
    }

    /** Retrying later helps with what an outage or a limit causes, not with a refused request. */
    private static boolean worthRetrying(TtsException e) {
        ErrorCategory c = e.category();
        return c != ErrorCategory.VALIDATION && c != ErrorCategory.UNSUPPORTED && c != ErrorCategory.AUTH && c != ErrorCategory.QUOTA;
    }

    private void completed(ChunkWork w, int done) {
        if (done < 0) return;   // another worker finished it first
        events.progress(w.jobId(), Math.min(99, done * 100 / w.totalChunks()), done, w.totalChunks());
        if (done == w.totalChunks()) scheduleAssembly(w.jobId(), w.run());
    }

    private void assembleIfComplete(String jobId) {
        JobRow job = db.patiently("read a job", c -> store.job(c, jobId)).orElse(null);
        if (job != null && job.state() == JobState.RUNNING && job.doneChunks() == job.totalChunks()) scheduleAssembly(jobId, job.run());
    }

    void runAssembly(String instanceId) {
        String jobId = instanceId.substring(0, instanceId.indexOf(':'));
        JobRow job = db.patiently("read a job", c -> store.job(c, jobId)).orElse(null);
        if (job == null || job.state() != JobState.RUNNING || job.doneChunks() != job.totalChunks()) return;
        List<ChunkRow> chunks = db.patiently("read a job's chunks", c -> store.chunks(c, jobId));
        if (job.output() != null) {
            // One read-only transaction for the whole assembly: one query per chunk, one chunk in memory at a time.
            db.patiently("assemble a job", c -> {
                try {
                    Assembler.writeFile(job, chunks, seq -> store.audio().read(c, jobId, seq), Path.of(job.output()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the output of job " + jobId, e);
                }
                return null;
            });
        }
        boolean won = db.patiently("finish a job", c -> {
            boolean ok = store.succeed(c, jobId, Instant.now());
            if (ok && job.output() != null) store.audio().delete(c, jobId);
            return ok;
        });
        if (won) {
            events.progress(jobId, 100, job.totalChunks(), job.totalChunks());
            events.finished(jobId);
        }
    }

    /** Cancels the tokens of local chunks whose job was cancelled through another instance. */
    private void watchCancellations() {
        if (inFlight.isEmpty()) return;
        try {
            Map<String, JobState> states = db.once("watch for cancelled jobs", c -> store.states(c, List.copyOf(inFlight.keySet())));
            states.forEach((id, state) -> {
                if (state == JobState.CANCELLED) cancelLocal(id);
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
