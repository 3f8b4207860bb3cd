package dev.ttskit.jobs;

import org.jspecify.annotations.Nullable;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as the database has it now: state, progress, chunks, the provider of each chunk, the typed
 * error of a failed job and the chunks replaced by silence. An immutable snapshot.
 */
public final class JobStatus {
    private final JobId id;
    private final JobState state;
    private final int progress;
    private final int chunksDone;
    private final int chunksTotal;
    private final List<ChunkStatus> chunks;
    private final @Nullable TtsException error;
    private final @Nullable Integer failedChunk;
    private final AudioFormat format;
    private final @Nullable Path output;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Settings settings;

    /** What the job was submitted with, as stored with it (the request's own values or the instance's defaults then). */
    record Settings(Optional<String> voice, Optional<String> language, List<String> providers, int priority, Duration gap,
                    Duration crossfade, boolean silenceFailedChunks) {
    }

    JobStatus(JobId id, JobState state, int progress, int chunksDone, int chunksTotal, List<ChunkStatus> chunks,
              @Nullable TtsException error, @Nullable Integer failedChunk, AudioFormat format, @Nullable Path output, Instant createdAt, Instant updatedAt,
              Settings settings) {
        this.id = Objects.requireNonNull(id, "id");
        this.state = Objects.requireNonNull(state, "state");
        this.progress = progress;
        this.chunksDone = chunksDone;
        this.chunksTotal = chunksTotal;
        this.chunks = List.copyOf(chunks);
        this.error = error;
        this.failedChunk = failedChunk;
        this.format = format;
        this.output = output;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** {@return the job's id} */
    public JobId id() { return id; }

    /** {@return where the job stands when this status was read} */
    public JobState state() { return state; }

    /** {@return the progress, 0..100: chunks done, capped at 99 until the output is assembled; 100 exactly when SUCCEEDED} */
    public int progress() { return progress; }

    /** {@return chunks whose audio is stored, silenced ones included} */
    public int chunksDone() { return chunksDone; }

    /** {@return the chunks the job was planned into} */
    public int chunksTotal() { return chunksTotal; }

    /** {@return every chunk, in text order (empty in {@link SpeechJobs#list} results, which leave them out)} */
    public List<ChunkStatus> chunks() { return chunks; }

    /** {@return the indexes of the chunks replaced by silence (by the job's policy), in text order} */
    public List<Integer> silencedChunks() {
        return chunks.stream().filter(c -> c.state() == ChunkState.SILENCED).map(ChunkStatus::index).toList();
    }

    /** {@return why the job FAILED: the typed error of the chunk that failed for good} */
    public Optional<TtsException> error() { return Optional.ofNullable(error); }

    /** {@return the index of the chunk whose error failed the job} */
    public Optional<Integer> failedChunk() { return Optional.ofNullable(failedChunk); }

    /** {@return the format of every chunk and of the assembled audio} */
    public AudioFormat format() { return format; }

    /** {@return where the assembled audio is written, when the job has an output file} */
    public Optional<Path> output() { return Optional.ofNullable(output); }

    /** {@return the logical voice every chunk is spoken with; empty for the providers' default} */
    public Optional<String> voice() { return settings.voice(); }

    /** {@return the BCP 47 language of every chunk; empty when left to the provider} */
    public Optional<String> language() { return settings.language(); }

    /** {@return the providers every chunk is restricted to, in order; empty: the client's chain} */
    public List<String> providers() { return settings.providers(); }

    /** {@return the priority, -100..100; higher runs first} */
    public int priority() { return settings.priority(); }

    /** {@return the silence between neighbouring chunks; zero when the job crossfades them} */
    public Duration gap() { return settings.gap(); }

    /** {@return the crossfade between neighbouring chunks; zero when the job joins them with a {@link #gap()}} */
    public Duration crossfade() { return settings.crossfade(); }

    /** {@return whether a chunk that fails for good is replaced by silence rather than failing the job} */
    public boolean silenceFailedChunks() { return settings.silenceFailedChunks(); }

    /** {@return when the job was submitted, by the submitting instance's clock} */
    public Instant createdAt() { return createdAt; }

    /** {@return when the job last changed state or progress, by the clock of the instance that changed it} */
    public Instant updatedAt() { return updatedAt; }

    @Override
    public String toString() {
        return "JobStatus[" + id + ", " + state + ", " + progress + "%, " + chunksDone + "/" + chunksTotal + " chunks"
                + (error != null ? ", error=" + error.category() : "") + "]";
    }
}
