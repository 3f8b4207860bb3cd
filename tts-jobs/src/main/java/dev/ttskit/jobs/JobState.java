package dev.ttskit.jobs;

/** Where a job stands. */
public enum JobState {
    /** Stored and waiting for a worker. */
    QUEUED,
    /** At least one chunk has been taken by a worker. */
    RUNNING,
    /** Every chunk is done and the output is assembled; progress is 100. */
    SUCCEEDED,
    /** A chunk failed for good; the typed error is kept and the job can be resumed. */
    FAILED,
    /** Cancelled by a caller; can be resumed. */
    CANCELLED;

    /** {@return whether nothing more happens to the job unless someone resumes it} */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
