package dev.ttskit.http;

import dev.ttskit.AudioFormatException;
import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every provider stream gets from {@link AudioBody} over a source of pieces ({@link ChunkedAudio}). */
class AudioBodyTest {
    private static final byte[] HEADER = {'R', 'I', 'F', 'F'};
    private final AtomicInteger cancels = new AtomicInteger();

    /** Hands out its pieces in order; a piece that is an exception is thrown instead. */
    private static final class Pieces extends ChunkedAudio {
        private final Deque<Object> items = new ArrayDeque<>();

        Pieces(Object... items) {
            this.items.addAll(Arrays.asList(items));
        }

        @Override
        protected byte @Nullable [] nextChunk() throws IOException {
            Object next = items.poll();
            if (next == null) return null;
            if (next instanceof IOException e) throw e;
            if (next instanceof TtsException e) throw e;
            return (byte[]) next;
        }
    }

    private AudioBody body(InputStream source, byte @Nullable [] header, boolean pcm16) {
        return new AudioBody(source, header, pcm16,
                e -> ProviderUnavailableException.builder("reading failed").provider("p").cause(e).build(), "p", "req-1",
                cancels::incrementAndGet);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[3];
        for (int n; (n = in.read(buf, 0, buf.length)) != -1; ) out.write(buf, 0, n);
        return out.toByteArray();
    }

    private static TtsException failureOf(IOException e) {
        return assertInstanceOf(TtsException.class, e.getCause(), "the cause is the typed failure");
    }

    @Test
    void piecesOfAnySizeIncludingEmptyOnesArriveInOrderAfterTheHeader() throws IOException {
        try (AudioBody audio = body(new Pieces(new byte[] {1, 2}, new byte[0], new byte[] {3, 4, 5, 6, 7, 8}), HEADER, true)) {
            assertArrayEquals(new byte[] {'R', 'I', 'F', 'F', 1, 2, 3, 4, 5, 6, 7, 8}, readAll(audio));
            assertEquals(-1, audio.read(), "the end stays the end");
        }
        assertEquals(0, cancels.get(), "a body read to its end leaves the call to be reused, not cancelled");
    }

    @Test
    void singleByteReadsSeeTheSameBytes() throws IOException {
        try (AudioBody audio = body(new Pieces(new byte[] {(byte) 0xFF, 0}), null, false)) {
            assertEquals(0xFF, audio.read());
            assertEquals(0, audio.read());
            assertEquals(-1, audio.read());
        }
    }

    @Test
    void noAudioFailsBeforeTheHeaderReachesTheCaller() throws IOException {
        try (AudioBody audio = body(new Pieces(new byte[0]), HEADER, true)) {
            IOException e = assertThrows(IOException.class, () -> audio.read(new byte[16], 0, 16));
            TtsException typed = failureOf(e);
            assertInstanceOf(AudioFormatException.class, typed);
            assertEquals("req-1", typed.requestId().orElseThrow());
            assertSame(typed, failureOf(assertThrows(IOException.class, audio::read)), "a failure is sticky");
        }
    }

    @Test
    void aTypedFailureBeforeTheFirstByteIsTheFailureItself() throws IOException {
        TtsException broken = AudioFormatException.builder("a line is not JSON").provider("p").build();
        try (AudioBody audio = body(new Pieces(broken), HEADER, false)) {
            assertSame(broken, failureOf(assertThrows(IOException.class, () -> audio.read(new byte[16], 0, 16))),
                    "nothing reached the caller: the router may still retry or fail over");
        }
    }

    @Test
    void aFailureAfterDeliveryIsAnInterruptedStreamNamingTheBytesDelivered() throws IOException {
        TtsException broken = AudioFormatException.builder("a line is not JSON").provider("p").build();
        try (AudioBody audio = body(new Pieces(new byte[] {1, 2, 3, 4}, broken), null, false)) {
            assertEquals(4, audio.read(new byte[4], 0, 4));
            TtsException typed = failureOf(assertThrows(IOException.class, () -> audio.read(new byte[4], 0, 4)));
            assertInstanceOf(StreamInterruptedException.class, typed);
            assertTrue(typed.getMessage().contains("after 4 bytes"), typed.getMessage());
            assertSame(broken, typed.getCause());
        }
        assertEquals(1, cancels.get(), "an unfinished body is dropped, not drained");
    }

    @Test
    void anIoFailureIsMappedAndAnInterruptedStreamFromTheSourceIsNotWrappedTwice() throws IOException {
        try (AudioBody audio = body(new Pieces(new byte[] {1, 2}, new IOException("reset")), null, false)) {
            audio.read(new byte[2], 0, 2);
            TtsException typed = failureOf(assertThrows(IOException.class, audio::read));
            assertInstanceOf(StreamInterruptedException.class, typed);
            assertInstanceOf(ProviderUnavailableException.class, typed.getCause());
        }
        TtsException already = StreamInterruptedException.builder("socket closed mid-stream").provider("p").build();
        try (AudioBody audio = body(new Pieces(new byte[] {1, 2}, already), null, false)) {
            audio.read(new byte[2], 0, 2);
            assertSame(already, failureOf(assertThrows(IOException.class, audio::read)));
        }
    }

    @Test
    void aCancellationStaysACancellationAfterDelivery() throws IOException {
        TtsException cancelled = CancelledException.builder("request was cancelled").provider("p").build();
        try (AudioBody audio = body(new Pieces(new byte[] {1, 2}, cancelled), null, false)) {
            audio.read(new byte[2], 0, 2);
            assertSame(cancelled, failureOf(assertThrows(IOException.class, audio::read)));
        }
    }

    @Test
    void sixteenBitPcmEndingOnAnOddByteWasCutShort() throws IOException {
        try (AudioBody audio = body(new Pieces(new byte[] {1, 2, 3}), null, true)) {
            assertEquals(3, audio.read(new byte[8], 0, 8));
            TtsException typed = failureOf(assertThrows(IOException.class, audio::read));
            assertInstanceOf(StreamInterruptedException.class, typed);
            assertInstanceOf(AudioFormatException.class, typed.getCause());
        }
    }

    @Test
    void readsAreBoundsChecked() throws IOException {
        try (AudioBody audio = body(new Pieces(new byte[] {1}), null, false)) {
            assertThrows(IndexOutOfBoundsException.class, () -> audio.read(new byte[2], 1, 2));
            assertEquals(0, audio.read(new byte[2], 0, 0));
            assertEquals(1, audio.read(new byte[2], 0, 2));
        }
    }
}
