package dev.ttskit.internal.routing;

import dev.ttskit.AudioStream;
import dev.ttskit.ErrorCategory;
import dev.ttskit.TtsException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The stream a caller gets: counts the bytes handed out and reports the request's outcome once,
 * when the stream ends, fails or is closed.
 */
final class OutcomeStream extends AudioStream {
    /** What the stream delivered, and how it ended (null: it ended well or was closed). */
    record Outcome(long bytes, @Nullable ErrorCategory failure) { }

    OutcomeStream(AudioStream routed, Consumer<Outcome> onEnd) {
        this(new Counting(routed, onEnd), routed);
    }

    private OutcomeStream(Counting counting, AudioStream routed) {
        super(counting, routed.format(), routed.provider(), routed.providerRequestId().orElse(null), counting::closed);
    }

    private static final class Counting extends FilterInputStream {
        private final Consumer<Outcome> onEnd;
        private final AtomicBoolean reported = new AtomicBoolean();
        private long bytes;

        Counting(AudioStream routed, Consumer<Outcome> onEnd) {
            super(routed);
            this.onEnd = onEnd;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n;
            do {
                n = read(one, 0, 1);
            } while (n == 0);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n < 0) report(null);
                else bytes += n;
                return n;
            } catch (IOException | RuntimeException e) {
                TtsException typed = e instanceof TtsException t ? t : e.getCause() instanceof TtsException t ? t : null;
                report(typed != null ? typed.category() : ErrorCategory.STREAM);
                throw e;
            }
        }

        void closed() {
            report(null);
        }

        private void report(@Nullable ErrorCategory failure) {
            if (reported.compareAndSet(false, true)) onEnd.accept(new Outcome(bytes, failure));
        }
    }
}
