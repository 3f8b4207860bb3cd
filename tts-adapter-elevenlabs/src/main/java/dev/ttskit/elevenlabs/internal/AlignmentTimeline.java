package dev.ttskit.elevenlabs.internal;

import dev.ttskit.TimedSpan;
import dev.ttskit.Timestamps;
import dev.ttskit.audio.AudioFormat;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Puts chunk alignments on one timeline from the start of the audio. Whether REST chunk times are
 * cumulative or chunk-relative is undocumented, so a chunk whose first start lies before the previous
 * chunk's last end is read as chunk-relative and shifted by the audio already emitted: exactly, from
 * the byte count, for PCM and G.711; by the previous chunk's last end for compressed formats. The
 * WebSocket's times are always chunk-relative.
 */
public final class AlignmentTimeline {
    private final AudioFormat sourceFormat;
    private final boolean alwaysChunkRelative;
    private final List<TimedSpan> characters = new ArrayList<>();
    private long audioBytes;
    private double lastEnd;
    private int textOffset;

    /**
     * @param sourceFormat        the format of the audio bytes counted by {@link #add} (PCM for WAV requests)
     * @param alwaysChunkRelative true for the WebSocket, whose times restart with each chunk
     */
    public AlignmentTimeline(AudioFormat sourceFormat, boolean alwaysChunkRelative) {
        this.sourceFormat = sourceFormat;
        this.alwaysChunkRelative = alwaysChunkRelative;
    }

    /**
     * Adds one chunk: its audio (counted for the offsets of later chunks) and its alignment, or null.
     *
     * @return the chunk's character spans on the whole timeline
     */
    public synchronized List<TimedSpan> add(@Nullable Alignment alignment, long chunkAudioBytes) {
        List<TimedSpan> added = Collections.emptyList();
        if (alignment != null && alignment.size() > 0) {
            boolean relative = alwaysChunkRelative
                    || (!characters.isEmpty() && alignment.starts()[0] + 1e-6 < lastEnd);
            double shift = relative ? emittedSeconds() : 0.0;
            added = new ArrayList<>(alignment.size());
            for (int i = 0; i < alignment.size(); i++) {
                double start = Math.max(0.0, alignment.starts()[i] + shift);
                double end = Math.max(start, alignment.ends()[i] + shift);
                String text = alignment.characters().get(i);
                TimedSpan span = new TimedSpan(text, textOffset, seconds(start), seconds(end));
                textOffset += text.length();
                added.add(span);
                lastEnd = Math.max(lastEnd, end);
            }
            characters.addAll(added);
        }
        audioBytes += chunkAudioBytes;
        return added;
    }

    /** Whether any chunk had timing. */
    public synchronized boolean isEmpty() {
        return characters.isEmpty();
    }

    /** Every character so far, with word timings derived from them. */
    public synchronized Timestamps timestamps() {
        return Timestamps.fromCharacters(characters);
    }

    private double emittedSeconds() {
        boolean exact = sourceFormat.isPcmBased();
        return exact ? (double) audioBytes / sourceFormat.bytesPerSecond() : lastEnd;
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1_000_000_000d));
    }
}
