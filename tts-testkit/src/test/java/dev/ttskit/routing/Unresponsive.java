package dev.ttskit.routing;

import dev.ttskit.AudioStream;
import dev.ttskit.SpeechResult;
import dev.ttskit.Voice;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.MockTtsProvider;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A third-party provider that ignores its {@link CallContext}: no deadline, no cancellation, no
 * interrupts. Its calls block until {@link #answer()} and then return audio anyway; its streams can
 * also send a first chunk and then stall until closed. Records what it was given and whether what
 * it returned late was closed.
 */
final class Unresponsive implements TtsProvider {
    private final String id;
    private final boolean firstChunkThenStall;
    private final CountDownLatch answer = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inCall = new AtomicInteger();
    final List<CallContext> contexts = new CopyOnWriteArrayList<>();
    final AtomicBoolean streamClosed = new AtomicBoolean();
    final AtomicInteger stalledReads = new AtomicInteger();

    /** @param firstChunkThenStall whether a stream sends its first chunk at once and stalls after it */
    Unresponsive(String id, boolean firstChunkThenStall) {
        this.id = id;
        this.firstChunkThenStall = firstChunkThenStall;
    }

    /** Lets every blocked call go on. */
    void answer() {
        answer.countDown();
    }

    @Override
    public String id() { return id; }

    @Override
    public ProviderCapabilities capabilities() { return MockTtsProvider.defaultCapabilities(); }

    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        enter(ctx);
        try {
            awaitUninterruptibly();
            return SpeechResult.builder().audio(MockAudio.tone(request.format(), Duration.ofMillis(300))).format(request.format())
                    .provider(id).build();
        } finally {
            inCall.decrementAndGet();
        }
    }

    @Override
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        enter(ctx);
        byte[] audio = MockAudio.tone(request.format(), Duration.ofMillis(300));
        try {
            if (!firstChunkThenStall) awaitUninterruptibly();
        } finally {
            inCall.decrementAndGet();
        }
        InputStream body = new InputStream() {
            private int pos;
            private final CountDownLatch closed = new CountDownLatch(1);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (firstChunkThenStall && pos > 0) {
                    // Stalls like a socket that gets no more data; only closing ends the read.
                    stalledReads.incrementAndGet();
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("stream closed");
                }
                if (pos >= audio.length) return -1;
                int n = Math.min(len, Math.min(audio.length - pos, 4096));
                System.arraycopy(audio, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public void close() {
                streamClosed.set(true);
                closed.countDown();
            }
        };
        return new AudioStream(body, request.format(), id, null, null);
    }

    private void enter(CallContext ctx) {
        contexts.add(ctx);
        calls.incrementAndGet();
        inCall.incrementAndGet();
    }

    private void awaitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                answer.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    @Override
    public List<Voice> voices(CallContext ctx) { return List.of(); }

    @Override
    public void close() {
        answer();
    }
}
