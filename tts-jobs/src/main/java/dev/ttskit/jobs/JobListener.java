package dev.ttskit.jobs;

/**
 * Hears about the jobs this instance works on. Progress only grows and reaches 100 exactly once,
 * when the output has been assembled; a job's other instances report to their own listeners
 * ({@link SpeechJobs#status} sees everything). Called on worker threads; keep it quick.
 */
public interface JobListener {
    /**
     * Progress of a job: called after each chunk this instance stores.
     *
     * @param id         the job
     * @param percent    0..100
     * @param chunksDone chunks whose audio is stored (silenced ones included)
     * @param total      the job's chunks
     */
    void onProgress(JobId id, int percent, int chunksDone, int total);

    /**
     * The job reached {@code status.state()}: SUCCEEDED, FAILED or CANCELLED. Does nothing by default.
     *
     * @param status the job's status as it finished
     */
    default void onFinished(JobStatus status) {
    }
}
