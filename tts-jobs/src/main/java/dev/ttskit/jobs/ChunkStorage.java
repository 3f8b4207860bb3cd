package dev.ttskit.jobs;

import org.jspecify.annotations.Nullable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where each chunk's audio is kept until the job is assembled: in the database (the default, so
 * that instances need no shared disk) or in a directory every instance can reach.
 */
public final class ChunkStorage {
    private static final ChunkStorage DATABASE = new ChunkStorage(null);

    private final @Nullable Path directory;

    private ChunkStorage(@Nullable Path directory) {
        this.directory = directory;
    }

    /** {@return storage in the jobs database, beside the chunk rows} Nothing else needs sharing between instances. */
    public static ChunkStorage database() {
        return DATABASE;
    }

    /**
     * Files under {@code directory} (created when missing); every instance must see the same directory.
     *
     * @param directory the root, made absolute against the working directory now
     * @return the storage choice
     */
    public static ChunkStorage directory(Path directory) {
        return new ChunkStorage(Objects.requireNonNull(directory, "directory").toAbsolutePath());
    }

    /** {@return the directory, for directory storage; empty for database storage} */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    @Override
    public String toString() {
        return directory == null ? "ChunkStorage[database]" : "ChunkStorage[directory=" + directory + "]";
    }
}
