/**
 * The machinery behind {@link dev.ttskit.jobs.SpeechJobs}: the job tables' SQL, db-scheduler's
 * executions, chunk audio storage and assembly. Not exported.
 */
@NullMarked
package dev.ttskit.jobs.internal;

import org.jspecify.annotations.NullMarked;
