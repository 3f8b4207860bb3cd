package dev.ttskit.xtts.internal;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A text's GPT input pieces, encoded as they are reached: the raw pieces (sentences within the
 * character limit) are known at once, but each is cleaned and tokenised only when an iteration first
 * needs it. Encoded pieces are kept, so iterating again (a whole result after a stream) encodes
 * nothing twice. Iterations may run on different threads, one after the other.
 */
public final class TextPieces implements Iterable<int[]> {
    private final List<String> raw;
    private final Function<String, List<int[]>> encoder;
    private final List<int[]> encoded = new ArrayList<>();
    private int rawDone;

    /**
     * @param raw     the pieces of text, in order
     * @param encoder one raw piece to zero (empty after cleaning) or more GPT inputs
     */
    TextPieces(List<String> raw, Function<String, List<int[]>> encoder) {
        this.raw = List.copyOf(raw);
        this.encoder = encoder;
    }

    /** How many raw pieces have been encoded so far (for tests and benchmarks). */
    public synchronized int encodedSoFar() {
        return rawDone;
    }

    /** The encoded piece at {@code index}, encoding raw pieces until it exists; null past the end. */
    private synchronized int @Nullable [] at(int index) {
        while (encoded.size() <= index && rawDone < raw.size()) {
            encoded.addAll(encoder.apply(raw.get(rawDone)));
            rawDone++;
        }
        return index < encoded.size() ? encoded.get(index) : null;
    }

    @Override
    public Iterator<int[]> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return at(next) != null;
            }

            @Override
            public int[] next() {
                int[] piece = at(next);
                if (piece == null) throw new NoSuchElementException();
                next++;
                return piece;
            }
        };
    }
}
