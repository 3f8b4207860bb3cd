package dev.ttskit.spi;

import java.nio.file.Path;

/**
 * A temporary file owned by a {@link ResourceManager}: deleted on {@link #close()}, and in any case
 * when the manager closes.
 */
public interface TempFile extends AutoCloseable {
    Path path();

    /** Deletes the file. Idempotent; throws nothing. */
    @Override
    void close();
}
