package dev.ttskit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * The audio file a command will write, claimed before any synthesis: {@link #claim} creates the
 * missing directories and the temp file beside the target, so a directory, a file where a directory
 * should be, or a place that takes no new files is found at once, before a provider is paid. The
 * audio then goes into the temp file and is moved over the target, so readers see the old file or
 * the whole new one. Closing without {@link #write} removes the temp file and the directories it made.
 */
final class OutputFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final Deque<Path> createdDirectories;
    private boolean written;

    private OutputFile(Path target, Path temp, Deque<Path> createdDirectories) {
        this.target = target;
        this.temp = temp;
        this.createdDirectories = createdDirectories;
    }

    /**
     * Claims {@code path} for writing.
     *
     * @param option how the user named it, for the message ({@code --out})
     * @throws OutputException naming the path and, in words, why it cannot be written
     */
    static OutputFile claim(String option, Path path) throws OutputException {
        Path target = path.toAbsolutePath().normalize();
        String named = option + " " + path;
        if (Files.isDirectory(target)) {
            throw new OutputException(named + " is a directory; name a file in it, e.g. " + path.resolve("speech.wav"), null);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            throw new OutputException(named + " exists and is not a regular file; name a new file", null);
        }
        Path dir = target.getParent();
        if (dir == null) throw new OutputException(named + " is not a file path", null);
        Deque<Path> created = new ArrayDeque<>();
        try {
            for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) created.push(d);
            Path existing = created.isEmpty() ? dir : created.peek().getParent();
            if (existing != null && !Files.isDirectory(existing)) {
                throw new OutputException(named + ": " + existing + " is a file, not a directory", null);
            }
            for (Path d : created) {
                try {
                    Files.createDirectory(d);
                } catch (IOException e) {
                    throw new OutputException(named + ": cannot create the directory " + d + " (" + Words.why(e) + ")", e);
                }
            }
            // Not Files.createTempFile: its owner-only permissions would end up on the audio file.
            Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
            try {
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            } catch (IOException e) {
                throw new OutputException(named + ": cannot create files in " + dir + " (" + Words.why(e) + ")", e);
            }
            OutputFile claimed = new OutputFile(target, temp, created);
            created = null;
            return claimed;
        } finally {
            if (created != null) removeEmpty(created);
        }
    }

    /** The target's path as the user gave it, made absolute. */
    Path target() {
        return target;
    }

    /** Copies {@code in} into the temp file and moves it over the target; returns the bytes written. */
    long write(InputStream in) throws IOException {
        long bytes;
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            bytes = in.transferTo(out);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        written = true;
        return bytes;
    }

    /** Removes the temp file, and the directories {@link #claim} made if nothing was written. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(temp);
        if (!written) removeEmpty(createdDirectories);
    }

    /** Deepest first; a directory something else has put a file in meanwhile stays. */
    private static void removeEmpty(Deque<Path> created) {
        for (var it = created.descendingIterator(); it.hasNext(); ) {
            try {
                Files.deleteIfExists(it.next());
            } catch (IOException e) {
                return;
            }
        }
    }
}
