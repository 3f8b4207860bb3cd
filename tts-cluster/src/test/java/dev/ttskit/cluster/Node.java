package dev.ttskit.cluster;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link NodeMain} in a JVM of its own, on this JVM's class path: commands in, answer lines out. */
final class Node implements AutoCloseable {
    private final Process process;
    private final BufferedWriter in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Node(Process process) {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = out.readLine(); l != null; l = out.readLine()) lines.add(l);
            } catch (IOException e) {
                // the node is gone
            }
            lines.add("EXITED");
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a node on the database; {@code args} after the URL configure it (see {@link NodeMain}). */
    static Node start(String dbUrl, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx192m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Dorg.slf4j.simpleLogger.logFile=System.err");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(NodeMain.class.getName());
        cmd.add(dbUrl);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Node node = new Node(p);
        node.expect("READY", Duration.ofSeconds(60));
        return node;
    }

    void send(String command) throws IOException {
        in.write(command);
        in.write('\n');
        in.flush();
    }

    /** The next line that starts with {@code prefix} (others are skipped), or fails after {@code within}. */
    String expect(String prefix, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("no '" + prefix + "' from the node within " + within);
            if (line.startsWith(prefix)) return line;
            if (line.equals("EXITED")) throw new AssertionError("the node exited before '" + prefix + "'");
        }
    }

    /** Kills it at once, like a crash: no shutdown hook runs, nothing is released. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        try {
            send("quit");
        } catch (IOException e) {
            // already going
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) kill();
    }
}
