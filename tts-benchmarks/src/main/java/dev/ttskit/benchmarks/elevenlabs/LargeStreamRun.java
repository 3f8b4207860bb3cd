package dev.ttskit.benchmarks.elevenlabs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The child JVM of the large-stream run: streams the large body through the adapter into a temp
 * file and prints one {@code RESULT} line. {@link LoadDriver} starts it with {@code -Xmx64m}; it
 * refuses to run with a larger heap, so a result always means the body did not fit in memory.
 *
 * <p>Arguments: the loopback base URL and the expected byte count.
 */
public final class LargeStreamRun {
    /** The heap limit the run must be under. */
    static final long MAX_HEAP = 64L * 1024 * 1024;

    private LargeStreamRun() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LargeStreamRun <base url> <expected bytes>");
            System.exit(2);
        }
        String baseUrl = args[0];
        if (!baseUrl.startsWith("http://127.0.0.1:")) {
            System.err.println("only a loopback base URL is accepted, was " + baseUrl);
            System.exit(2);
        }
        long expected = Long.parseLong(args[1]);
        long maxHeap = Runtime.getRuntime().maxMemory();
        if (maxHeap > MAX_HEAP) {
            System.err.println("heap limit is " + maxHeap + " bytes; run with -Xmx64m");
            System.exit(2);
        }
        Path file = Files.createTempFile("ttskit-elevenlabs-large-", ".mp3");
        try (AdapterContender adapter = new AdapterContender(baseUrl)) {
            CRC32 crc = new CRC32();
            byte[] buffer = new byte[LoopbackServer.CHUNK];
            long copied = 0;
            long start = System.nanoTime();
            try (InputStream in = adapter.stream(LoopbackServer.LARGE_VOICE);
                 OutputStream out = new CheckedOutputStream(Files.newOutputStream(file), crc)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    copied += n;
                }
            }
            long nanos = System.nanoTime() - start;
            long onDisk = Files.size(file);
            System.out.printf("RESULT bytes=%d onDisk=%d nanos=%d crc=%d maxHeap=%d peakHeap=%d%n",
                    copied, onDisk, nanos, crc.getValue(), maxHeap, peakHeapUsed());
            if (onDisk != expected) System.exit(1);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The sum of the heap pools' peak use since start. */
    private static long peakHeapUsed() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak;
    }
}
