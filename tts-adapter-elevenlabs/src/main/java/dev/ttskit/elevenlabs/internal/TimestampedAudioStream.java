package dev.ttskit.elevenlabs.internal;

import dev.ttskit.TimedSpan;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audio of {@code /stream/with-timestamps}, decoded chunk by chunk as the lines arrive. Each
 * chunk's character timings go on the timeline and to the listener before its audio is handed on.
 */
public final class TimestampedAudioStream extends AudioBodyStream {
    private final NdjsonChunkReader reader;
    private final AlignmentTimeline timeline;
    private final Consumer<List<TimedSpan>> listener;
    private final Runnable closeCall;
    private byte[] chunk = new byte[0];
    private int pos;

    /**
     * @param listener  receives each chunk's character spans (on the reading thread)
     * @param closeCall cancels and closes the call
     */
    public TimestampedAudioStream(NdjsonChunkReader reader, AlignmentTimeline timeline, Consumer<List<TimedSpan>> listener,
                                  StreamFailures failures, byte @Nullable [] wavHeader, boolean pcm16, Runnable closeCall) {
        super(failures, wavHeader, pcm16);
        this.reader = reader;
        this.timeline = timeline;
        this.listener = listener;
        this.closeCall = closeCall;
    }

    @Override
    protected int readAudio(byte[] b, int off, int len) throws IOException {
        while (pos == chunk.length) {
            NdjsonChunkReader.Chunk next = reader.next();
            if (next == null) return -1;
            List<TimedSpan> spans = timeline.add(next.alignment(), next.audio().length);
            if (!spans.isEmpty()) listener.accept(spans);
            chunk = next.audio();
            pos = 0;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        closeCall.run();
    }
}
