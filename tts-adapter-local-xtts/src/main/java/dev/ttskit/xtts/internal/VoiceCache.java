package dev.ttskit.xtts.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Cloned voices by the SHA-256 of their reference audio, in memory and optionally on disk (one
 * {@code speakers.bin}-layout record per voice under a folder per model), so a voice is prepared once.
 */
public final class VoiceCache {
    private static final Logger log = LoggerFactory.getLogger(VoiceCache.class);

    private final @Nullable Path directory;
    private final Map<String, ClonedVoice> memory = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** @param directory where voices persist, or null for memory only */
    public VoiceCache(@Nullable Path directory) {
        this.directory = directory;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The cached voice for a key and model, cloning it once (concurrent callers wait for the first). */
    public ClonedVoice get(String key, XttsModel model, Supplier<ClonedVoice> cloner) {
        String full = modelFolder(model) + "/" + key;
        ClonedVoice v = memory.get(full);
        if (v != null) return v;
        synchronized (locks.computeIfAbsent(full, k -> new Object())) {
            v = memory.get(full);
            if (v != null) return v;
            v = readDisk(full, model);
            if (v == null) {
                v = cloner.get();
                writeDisk(full, v);
            }
            memory.put(full, v);
            return v;
        }
    }

    /** Voices held in memory. */
    public int size() {
        return memory.size();
    }

    private static String modelFolder(XttsModel model) {
        String name = model.manifest().model() + "-" + model.manifest().modelVersion() + "-d" + model.gptSpec().dModel()
                + "-s" + model.speakerDim();
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private @Nullable ClonedVoice readDisk(String full, XttsModel model) {
        if (directory == null) return null;
        Path file = directory.resolve(full + ".voice");
        if (!Files.isRegularFile(file)) return null;
        try {
            byte[] bytes = Files.readAllBytes(file);
            int expected = ClonedVoice.recordBytes(model.condLen(), model.gptSpec().dModel(), model.speakerDim());
            if (bytes.length != expected) {
                log.warn("ignoring cached voice {} of {} bytes, expected {}", file.getFileName(), bytes.length, expected);
                return null;
            }
            return ClonedVoice.read(ByteBuffer.wrap(bytes), model.condLen(), model.gptSpec().dModel(), model.speakerDim());
        } catch (IOException | IllegalArgumentException e) {
            log.warn("ignoring unreadable cached voice {}", file.getFileName(), e);
            return null;
        }
    }

    private void writeDisk(String full, ClonedVoice voice) {
        if (directory == null) return;
        Path file = directory.resolve(full + ".voice");
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "voice", ".tmp");
            try {
                Files.write(tmp, voice.toBytes());
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            log.warn("could not persist a cloned voice in {}", directory, e);
        }
    }
}
