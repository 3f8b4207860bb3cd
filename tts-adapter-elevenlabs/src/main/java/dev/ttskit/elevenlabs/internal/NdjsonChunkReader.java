package dev.ttskit.elevenlabs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ttskit.AudioFormatException;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the newline-delimited JSON of {@code /stream/with-timestamps} one chunk at a time (spec 6.2):
 * {@code \n} or {@code \r\n} line ends, blank lines skipped, unparsable lines skipped and counted,
 * {@code alignment} null in any chunk. A stream in which no line parsed is corrupt.
 */
public final class NdjsonChunkReader {
    /** Longest accepted line: a chunk is a fraction of a second of base64 audio, far below this. */
    static final long MAX_LINE = 16L << 20;

    private static final Logger log = LoggerFactory.getLogger(NdjsonChunkReader.class);

    private final BufferedSource source;
    private final String provider;
    private final @Nullable String requestId;
    private int parsed;
    private int skipped;

    /** One decoded chunk: its audio and its alignment (null when the chunk had none). */
    public record Chunk(byte[] audio, @Nullable Alignment alignment) {
        @Override
        public String toString() {
            return "Chunk[bytes=" + audio.length + ", alignment=" + alignment + "]";
        }
    }

    public NdjsonChunkReader(BufferedSource source, String provider, @Nullable String requestId) {
        this.source = source;
        this.provider = provider;
        this.requestId = requestId;
    }

    /**
     * The next chunk, or null at the end of the stream.
     *
     * @throws AudioFormatException when the stream ends without one readable line, or a line is too long
     * @throws IOException          when reading fails
     */
    public @Nullable Chunk next() throws IOException {
        String line;
        while ((line = readLine()) != null) {
            if (line.isBlank()) continue;
            Chunk chunk = parse(line);
            if (chunk != null) {
                parsed++;
                return chunk;
            }
            skipped++;
        }
        if (parsed == 0) {
            throw AudioFormatException.builder("the timestamp stream held no readable chunk (" + skipped + " unreadable lines)")
                    .provider(provider).requestId(requestId).build();
        }
        if (skipped > 0) log.debug("skipped {} unreadable lines of a timestamp stream", skipped);
        return null;
    }

    /** Lines that could not be parsed and were skipped. */
    public int skipped() {
        return skipped;
    }

    private @Nullable String readLine() throws IOException {
        long newline = source.indexOf((byte) '\n', 0, MAX_LINE);
        if (newline == -1) {
            if (source.request(MAX_LINE)) {
                throw AudioFormatException.builder("a timestamp stream line is longer than " + MAX_LINE + " bytes")
                        .provider(provider).requestId(requestId).build();
            }
            if (source.exhausted()) return null;
            return source.readString(StandardCharsets.UTF_8);
        }
        String line = source.readString(newline, StandardCharsets.UTF_8);
        source.skip(1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static @Nullable Chunk parse(String line) {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            if (node == null || !node.isObject()) return null;
            String audio = Json.text(node, "audio_base64");
            byte[] bytes = audio == null ? new byte[0] : Base64.getDecoder().decode(audio);
            Alignment alignment = Alignment.firstOf(Alignment.fromRest(node.get("alignment")),
                    Alignment.fromRest(node.get("normalized_alignment")));
            return new Chunk(bytes, alignment);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
