package dev.ttskit.testkit;

import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;
import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted provider for tests — ttskit's own and applications'. Each call takes the next
 * {@link MockOutcome} from the script; when the script runs out, the fallback outcome applies
 * (audio by default). Every call is recorded.
 *
 * <pre>{@code
 * MockTtsProvider flaky = MockTtsProvider.builder("primary")
 *     .then(MockOutcome.error(ProviderUnavailableException.builder("503").provider("primary").build()))
 *     .then(MockOutcome.audio(Duration.ofMillis(300)))
 *     .build();
 * }</pre>
 *
 * Thread-safe: concurrent calls take outcomes in arrival order.
 */
public final class MockTtsProvider implements TtsProvider {
    private final String id;
    private final ProviderCapabilities capabilities;
    private final Deque<MockOutcome> script;
    private final MockOutcome fallback;
    private final @Nullable Function<ProviderRequest, MockOutcome> responder;
    private final List<Voice> voices;
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private MockTtsProvider(Builder b) {
        this.id = b.id;
        this.capabilities = b.capabilities;
        this.script = new ArrayDeque<>(b.script);
        this.fallback = b.fallback;
        this.responder = b.responder;
        this.voices = List.copyOf(b.voices);
    }

    /**
     * A provider with id {@code mock}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder("mock");
    }

    /**
     * A provider with this id.
     *
     * @param id the provider id: lowercase letters, digits and dashes
     * @return a builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * A provider that always answers with 300 ms of tone.
     *
     * @param id the provider id
     * @return the provider
     */
    public static MockTtsProvider alwaysAudio(String id) {
        return builder(id).build();
    }

    /**
     * The capabilities a mock has unless told otherwise: every WAV/PCM rate, streaming, cloning, local.
     *
     * @return those capabilities
     */
    public static ProviderCapabilities defaultCapabilities() {
        return ProviderCapabilities.builder()
                .formats(AudioFormat.WAV_PCM16_16K, AudioFormat.WAV_PCM16_22K, AudioFormat.WAV_PCM16_24K,
                        AudioFormat.WAV_PCM16_44K, AudioFormat.WAV_PCM16_48K, AudioFormat.PCM16_16K, AudioFormat.PCM16_22K,
                        AudioFormat.PCM16_24K, AudioFormat.PCM16_44K, AudioFormat.PCM16_48K)
                .streaming(true).voiceCloning(true).local(true).maxChars(5_000).maxUtf8Bytes(20_000)
                .maxConcurrentCalls(64)
                .build();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        enter(RecordedCall.Kind.SYNTHESIZE, request, ctx);
        try {
            return resultOf(next(request), request, ctx);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        enter(RecordedCall.Kind.STREAM, request, ctx);
        boolean handedOver = false;
        try {
            AudioStream stream = streamOf(next(request), request, ctx);
            handedOver = true;
            return stream;
        } finally {
            if (!handedOver) inFlight.decrementAndGet();
        }
    }

    @Override
    public List<Voice> voices(CallContext ctx) {
        ensureOpen();
        calls.add(new RecordedCall(RecordedCall.Kind.VOICES, null, ctx.attempt(), ctx.clock().instant()));
        return voices;
    }

    /** Idempotent. Later calls fail with {@link ProviderUnavailableException}. */
    @Override
    public void close() {
        closed.set(true);
    }

    /**
     * Whether {@link #close()} was called (the client closes its providers when it closes).
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Every call received, in order.
     *
     * @return a copy of the calls so far
     */
    public List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    /**
     * Number of synthesize and stream calls received.
     *
     * @return the count, voice listings left out
     */
    public int callCount() {
        return (int) calls.stream().filter(c -> c.kind() != RecordedCall.Kind.VOICES).count();
    }

    /**
     * The most calls that were in flight at once (streams count until closed).
     *
     * @return the peak concurrency seen
     */
    public int maxConcurrentCalls() {
        return maxInFlight.get();
    }

    /**
     * Appends an outcome to the script of a built provider (as a mock server's queue).
     *
     * @param outcome what a later call does
     * @return this provider
     */
    public synchronized MockTtsProvider enqueue(MockOutcome outcome) {
        script.addLast(Objects.requireNonNull(outcome, "outcome"));
        return this;
    }

    /**
     * Calls in flight now (streams count until closed).
     *
     * @return the current count
     */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Outcomes left in the script.
     *
     * @return how many scripted outcomes no call has taken yet
     */
    public synchronized int remainingScript() {
        return script.size();
    }

    private void enter(RecordedCall.Kind kind, ProviderRequest request, CallContext ctx) {
        ensureOpen();
        calls.add(new RecordedCall(kind, request, ctx.attempt(), ctx.clock().instant()));
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    private void ensureOpen() {
        if (closed.get()) throw ProviderUnavailableException.builder("provider is closed").provider(id).build();
    }

    private MockOutcome next(ProviderRequest request) {
        MockOutcome outcome;
        synchronized (this) {
            outcome = script.pollFirst();
        }
        if (outcome != null) return outcome;
        return responder == null ? fallback : Objects.requireNonNull(responder.apply(request), "responder returned null");
    }

    private SpeechResult resultOf(MockOutcome outcome, ProviderRequest request, CallContext ctx) {
        ctx.checkActive(id);
        if (outcome instanceof MockOutcome.Audio a) {
            AudioFormat format = a.format() == null ? request.format() : a.format();
            byte[] audio = a.silent() ? MockAudio.silence(format, a.duration()) : MockAudio.tone(format, a.duration());
            return result(audio, format, ctx);
        }
        if (outcome instanceof MockOutcome.Bytes b) {
            return result(b.audio().clone(), b.format(), ctx);
        }
        if (outcome instanceof MockOutcome.Failure f) {
            throw f.exception();
        }
        if (outcome instanceof MockOutcome.Crash c) {
            throw c.error();
        }
        if (outcome instanceof MockOutcome.Delayed d) {
            await(null, d.latency(), ctx);
            return resultOf(d.then(), request, ctx);
        }
        if (outcome instanceof MockOutcome.Gated g) {
            await(g.gate(), null, ctx);
            return resultOf(g.then(), request, ctx);
        }
        if (outcome instanceof MockOutcome.Hang) {
            await(null, null, ctx);
            throw new IllegalStateException("unreachable: hang ends with a typed error");
        }
        MockOutcome.Chunked c = (MockOutcome.Chunked) outcome;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<byte[]> pieces = pieces(c, request.format());
        for (int i = 0; i < pieces.size(); i++) {
            if (i == c.failAfter()) throw c.failure();
            await(null, c.delay(), ctx);
            all.writeBytes(pieces.get(i));
        }
        return result(all.toByteArray(), request.format(), ctx);
    }

    private SpeechResult result(byte[] audio, AudioFormat format, CallContext ctx) {
        return SpeechResult.builder().audio(audio).format(format).provider(id)
                .providerRequestId(id + "-req-" + ctx.attempt()).build();
    }

    private AudioStream streamOf(MockOutcome outcome, ProviderRequest request, CallContext ctx) {
        if (outcome instanceof MockOutcome.Chunked c) {
            ctx.checkActive(id);
            List<byte[]> pieces = pieces(c, request.format());
            return new AudioStream(new ScriptedStream(pieces, c, ctx), request.format(), id, id + "-req-" + ctx.attempt(),
                    inFlight::decrementAndGet);
        }
        SpeechResult whole = resultOf(outcome, request, ctx);
        return new AudioStream(whole.audioStream(), whole.format(), id, whole.providerRequestId().orElse(null),
                inFlight::decrementAndGet);
    }

    private static List<byte[]> pieces(MockOutcome.Chunked c, AudioFormat format) {
        byte[] whole = MockAudio.tone(format, c.chunkDuration().multipliedBy(c.chunks()));
        List<byte[]> out = new ArrayList<>();
        int size = Math.max(1, whole.length / c.chunks());
        for (int i = 0; i < c.chunks(); i++) {
            int from = i * size;
            int to = i == c.chunks() - 1 ? whole.length : Math.min(whole.length, from + size);
            out.add(Arrays.copyOfRange(whole, from, to));
        }
        return out;
    }

    /**
     * Waits for the gate (if any) or the latency (if any), else forever, ending early with
     * CancelledException on cancellation or TtsTimeoutException at the deadline.
     */
    private void await(@Nullable CountDownLatch gate, @Nullable Duration latency, CallContext ctx) {
        CountDownLatch cancelled = new CountDownLatch(1);
        CancellationToken token = ctx.cancellation();
        try (CancellationToken.Registration ignored = token.onCancel(cancelled::countDown)) {
            long deadlineNanos = System.nanoTime() + ctx.remaining().toNanos();
            long latencyEnd = latency == null ? Long.MAX_VALUE : System.nanoTime() + latency.toNanos();
            while (true) {
                if (token.isCancelled()) throw CancelledException.builder("request was cancelled").provider(id).build();
                long now = System.nanoTime();
                if (latency != null && now >= latencyEnd) return;
                if (gate != null && gate.getCount() == 0) return;
                if (now >= deadlineNanos || ctx.expired()) {
                    throw TtsTimeoutException.builder("no answer before the deadline").provider(id).build();
                }
                long waitNanos = Math.min(deadlineNanos, latencyEnd) - now;
                cancelled.await(Math.min(waitNanos, TimeUnit.MILLISECONDS.toNanos(gate == null ? 50 : 5)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CancelledException.builder("interrupted").provider(id).cause(e).build();
        }
    }

    @Override
    public String toString() {
        return "MockTtsProvider[" + id + ", calls=" + callCount() + "]";
    }

    /** Hands out scripted pieces with delays; fails after the scripted piece. */
    private final class ScriptedStream extends InputStream {
        private final List<byte[]> pieces;
        private final MockOutcome.Chunked script;
        private final CallContext ctx;
        private int index;
        private byte[] current = new byte[0];
        private int pos;

        ScriptedStream(List<byte[]> pieces, MockOutcome.Chunked script, CallContext ctx) {
            this.pieces = pieces;
            this.script = script;
            this.ctx = ctx;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            while (pos >= current.length) {
                if (index >= pieces.size()) return -1;
                if (index == script.failAfter()) {
                    throw new IOException("provider failed mid-stream", script.failure());
                }
                try {
                    await(null, script.delay(), ctx);
                } catch (TtsException e) {
                    throw new IOException("stream stopped: " + e.category(), e);
                }
                current = pieces.get(index++);
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** Builds a {@link MockTtsProvider}. */
    public static final class Builder {
        private final String id;
        private ProviderCapabilities capabilities = defaultCapabilities();
        private final List<MockOutcome> script = new ArrayList<>();
        private MockOutcome fallback = MockOutcome.audio(Duration.ofMillis(300));
        private @Nullable Function<ProviderRequest, MockOutcome> responder;
        private List<Voice> voices;

        private Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (!id.matches("[a-z0-9][a-z0-9-]*")) throw new IllegalArgumentException("provider id must be lowercase, was '" + id + "'");
            this.id = id;
            this.voices = List.of(Voice.of(id, id + "-voice", "Mock voice"));
        }

        /**
         * What the provider declares it can do (default: {@link #defaultCapabilities()}).
         *
         * @param value the capabilities the router and validator will read
         * @return this builder
         */
        public Builder capabilities(ProviderCapabilities value) {
            this.capabilities = Objects.requireNonNull(value, "capabilities");
            return this;
        }

        /**
         * Appends one outcome to the script.
         *
         * @param outcome what the next unscripted call does
         * @return this builder
         */
        public Builder then(MockOutcome outcome) {
            script.add(Objects.requireNonNull(outcome, "outcome"));
            return this;
        }

        /**
         * Appends outcomes to the script.
         *
         * @param outcomes what the next calls do, in order
         * @return this builder
         */
        public Builder then(List<MockOutcome> outcomes) {
            outcomes.forEach(this::then);
            return this;
        }

        /**
         * What every call does once the script is used up (default: 300 ms of tone).
         *
         * @param outcome the fallback outcome
         * @return this builder
         */
        public Builder otherwise(MockOutcome outcome) {
            this.fallback = Objects.requireNonNull(outcome, "outcome");
            return this;
        }

        /**
         * Once the script is used up, each call does what {@code value} picks for its request (by
         * text, say), instead of the {@link #otherwise} outcome: for tests whose calls arrive in
         * no fixed order.
         *
         * @param value picks the outcome for a request
         * @return this builder
         */
        public Builder answering(Function<ProviderRequest, MockOutcome> value) {
            this.responder = Objects.requireNonNull(value, "responder");
            return this;
        }

        /**
         * The voices {@code voices()} lists (default: one voice named after the id).
         *
         * @param value the voices
         * @return this builder
         */
        public Builder voices(List<Voice> value) {
            this.voices = List.copyOf(value);
            return this;
        }

        /**
         * Builds the provider.
         *
         * @return a new provider with its own copy of the script
         */
        public MockTtsProvider build() {
            return new MockTtsProvider(this);
        }
    }
}
