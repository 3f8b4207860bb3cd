package dev.ttskit.jobs;

/** Where one chunk of a job stands. */
public enum ChunkState {
    /** Waiting for a worker (or for its next attempt). */
    PENDING,
    /** Taken by a worker. */
    RUNNING,
    /** Its audio is stored. */
    DONE,
    /** Failed for good and, by the job's policy, replaced by silence. */
    SILENCED,
    /** Failed for good; the job is FAILED. */
    FAILED
}
