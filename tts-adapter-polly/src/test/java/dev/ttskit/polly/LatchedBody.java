package dev.ttskit.polly;

import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A response body that sends its first part, then holds the rest until {@link #release()}: the client
 * can only see the first part early if it hands bytes on as they arrive.
 */
final class LatchedBody implements MockResponseBody {
    private final byte[] first;
    private final byte[] rest;
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch firstSent = new CountDownLatch(1);

    LatchedBody(byte[] first, byte[] rest) {
        this.first = first;
        this.rest = rest;
    }

    void release() {
        released.countDown();
    }

    boolean awaitFirstSent() throws InterruptedException {
        return firstSent.await(5, TimeUnit.SECONDS);
    }

    @Override
    public long getContentLength() {
        return first.length + rest.length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        sink.write(first);
        sink.flush();
        firstSent.countDown();
        try {
            if (!released.await(10, TimeUnit.SECONDS)) throw new IOException("the test never released the body");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        sink.write(rest);
        sink.flush();
    }
}
