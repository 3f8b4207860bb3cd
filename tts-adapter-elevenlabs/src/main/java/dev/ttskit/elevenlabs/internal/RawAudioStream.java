package dev.ttskit.elevenlabs.internal;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;

/** The body of {@code /stream}: binary audio, read straight through. */
public final class RawAudioStream extends AudioBodyStream {
    private final InputStream body;
    private final Runnable cancel;

    /**
     * @param cancel cancels the call; runs first when an unfinished body is closed, so it is dropped, not drained
     */
    public RawAudioStream(InputStream body, StreamFailures failures, byte @Nullable [] wavHeader, boolean pcm16, Runnable cancel) {
        super(failures, wavHeader, pcm16);
        this.body = body;
        this.cancel = cancel;
    }

    @Override
    protected int readAudio(byte[] b, int off, int len) throws IOException {
        return body.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        try {
            // A body read to its end leaves a connection the pool can reuse; cancel only an unfinished one.
            if (!ended()) cancel.run();
        } finally {
            body.close();
        }
    }
}
