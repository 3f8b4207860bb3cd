package dev.ttskit.elevenlabs.internal;

import dev.ttskit.TimedSpan;
import dev.ttskit.http.ChunkedAudio;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audio of {@code /stream/with-timestamps}, decoded chunk by chunk as the lines arrive. Each
 * chunk's character timings go on the timeline and to the listener before its audio is handed on.
 * A broken line ends the reading with the reader's typed failure.
 */
public final class TimestampedAudio extends ChunkedAudio {
    private final NdjsonChunkReader reader;
    private final AlignmentTimeline timeline;
    private final Consumer<List<TimedSpan>> listener;
    private final Runnable closeCall;

    /**
     * @param listener  receives each chunk's character spans (on the reading thread)
     * @param closeCall closes the call
     */
    public TimestampedAudio(NdjsonChunkReader reader, AlignmentTimeline timeline, Consumer<List<TimedSpan>> listener, Runnable closeCall) {
        this.reader = reader;
        this.timeline = timeline;
        this.listener = listener;
        this.closeCall = closeCall;
    }

    @Override
    protected byte @Nullable [] nextChunk() throws IOException {
        NdjsonChunkReader.Chunk next = reader.next();
        if (next == null) return null;
        List<TimedSpan> spans = timeline.add(next.alignment(), next.audio().length);
        if (!spans.isEmpty()) listener.accept(spans);
        return next.audio();
    }

    @Override
    public void close() {
        closeCall.run();
    }
}
