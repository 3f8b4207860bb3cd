package dev.ttskit.jobs;

import dev.ttskit.TtsClient;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A second JVM for the crash and sharing tests: a {@link SpeechJobs} worker on the given database,
 * speaking through a {@link LoggedProvider} that logs to the given file, until it is killed.
 *
 * <p>Arguments: jdbc-url log-file delay-millis workers dead-worker-after-millis [replicate-base-url]; with
 * the last one it speaks through a Replicate provider on that (loopback) server instead.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        Path log = Path.of(args[1]);
        long delay = Long.parseLong(args[2]);
        int workers = Integer.parseInt(args[3]);
        Duration deadAfter = Duration.ofMillis(Long.parseLong(args[4]));
        TtsClient client = args.length > 5 ? ReplicateMock.client(args[5])
                : TtsClient.builder().provider(new LoggedProvider(log, delay)).build();
        SpeechJobs jobs = SpeechJobs.builder().client(client).jdbcUrl(url, null, null).workers(workers)
                .pollInterval(Duration.ofMillis(100)).deadWorkerAfter(deadAfter).retryBackoff(Duration.ofMillis(100))
                .connectTimeout(Duration.ofSeconds(30)).build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            jobs.close();
            client.close();
        }));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
