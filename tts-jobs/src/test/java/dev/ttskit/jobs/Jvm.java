package dev.ttskit.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link WorkerMain} in a JVM of its own, on this JVM's class path. */
final class Jvm implements AutoCloseable {
    private final Process process;

    private Jvm(Process process) {
        this.process = process;
    }

    static Jvm worker(String url, Path log, long delayMillis, int workers, long deadAfterMillis, Path output) throws IOException {
        return worker(url, log, delayMillis, workers, deadAfterMillis, output, null);
    }

    static Jvm worker(String url, Path log, long delayMillis, int workers, long deadAfterMillis, Path output, String replicateBase)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        cmd.add(url);
        cmd.add(log.toString());
        cmd.add(Long.toString(delayMillis));
        cmd.add(Integer.toString(workers));
        cmd.add(Long.toString(deadAfterMillis));
        if (replicateBase != null) cmd.add(replicateBase);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        Jvm jvm = new Jvm(p);
        jvm.awaitReady(output);
        return jvm;
    }

    /** Reads the child's output until READY, then copies the rest to {@code output} in the background. */
    private void awaitReady(Path output) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("READY")) {
                Thread drain = new Thread(() -> {
                    try (var out = java.nio.file.Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                        for (String l = in.readLine(); l != null; l = in.readLine()) out.write(l + "\n");
                    } catch (IOException e) {
                        // the child is gone
                    }
                }, "jvm-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
            seen.append(line).append('\n');
        }
        throw new IOException("worker JVM exited before it was ready:\n" + seen);
    }

    /** Kills it at once, like a crash: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) kill();
    }
}
