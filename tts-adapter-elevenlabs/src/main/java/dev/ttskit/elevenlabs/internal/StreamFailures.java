package dev.ttskit.elevenlabs.internal;

import dev.ttskit.CancelledException;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsException;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.function.Function;

/**
 * What a failure while reading a stream becomes: before the first byte reached the caller, the typed
 * failure itself (the router may still retry or fail over); after it, a
 * {@link StreamInterruptedException} (never spliced). A cancellation stays a cancellation.
 */
public final class StreamFailures {
    private final String provider;
    private final @Nullable String requestId;
    private final Function<IOException, TtsException> ioMapping;

    /**
     * @param ioMapping maps an I/O failure to cancelled, timed out or unavailable
     */
    public StreamFailures(String provider, @Nullable String requestId, Function<IOException, TtsException> ioMapping) {
        this.provider = provider;
        this.requestId = requestId;
        this.ioMapping = ioMapping;
    }

    public TtsException fromIo(IOException e, long delivered) {
        return afterDelivery(ioMapping.apply(e), delivered);
    }

    public TtsException afterDelivery(TtsException failure, long delivered) {
        if (delivered == 0 || failure instanceof CancelledException || failure instanceof StreamInterruptedException) {
            return failure;
        }
        return StreamInterruptedException.builder("stream failed after " + delivered + " bytes reached the caller (" + failure.category() + ")")
                .provider(provider).requestId(requestId).cause(failure).build();
    }

    public String provider() {
        return provider;
    }

    public @Nullable String requestId() {
        return requestId;
    }
}
