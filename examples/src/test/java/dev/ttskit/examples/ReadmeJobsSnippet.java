package dev.ttskit.examples;

import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.jobs.JobId;
import dev.ttskit.jobs.JobRequest;
import dev.ttskit.jobs.JobStatus;
import dev.ttskit.jobs.SpeechJobs;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's durable-jobs sample, compiled so it cannot rot. It is not run here: it writes
 * {@code book.wav} into the working directory, and tts-jobs' own tests run the same calls on H2 and
 * PostgreSQL.
 */
final class ReadmeJobsSnippet {
    private ReadmeJobsSnippet() { }

    static void audiobook(TtsClient tts, DataSource dataSource, String book) {
        try (SpeechJobs jobs = SpeechJobs.builder().client(tts).dataSource(dataSource).build()) {
            JobId id = jobs.submit(JobRequest.builder().text(book).voice("narrator")
                    .format(AudioFormat.WAV_PCM16_24K).output(Path.of("book.wav")).idempotencyKey("book-1").build());
            JobStatus s = jobs.await(id, Duration.ofHours(2));   // state, progress, chunks, providers, error
        }
    }
}
