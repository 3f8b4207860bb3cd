/**
 * Durable speech jobs. {@link dev.ttskit.jobs.SpeechJobs} plans a long text into chunks stored in a
 * database, has workers on every instance sharing that database synthesize them through a
 * {@link dev.ttskit.TtsClient}, and assembles the audio once every chunk is safe.
 *
 * <pre>{@code
 * try (SpeechJobs jobs = SpeechJobs.builder().client(tts).dataSource(ds).build()) {
 *     JobId id = jobs.submit(JobRequest.builder().text(book).voice("narrator")
 *             .output(Path.of("book.wav")).idempotencyKey("book-1").build());
 *     JobStatus s = jobs.await(id, Duration.ofHours(2));
 * }
 * }</pre>
 */
@NullMarked
package dev.ttskit.jobs;

import org.jspecify.annotations.NullMarked;
