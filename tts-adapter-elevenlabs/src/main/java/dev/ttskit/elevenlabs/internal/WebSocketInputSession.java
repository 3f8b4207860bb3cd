package dev.ttskit.elevenlabs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.TimedSpan;
import dev.ttskit.Timestamps;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.elevenlabs.InputStreamingSession;
import dev.ttskit.http.AudioBody;
import dev.ttskit.http.ChunkedAudio;
import dev.ttskit.http.HttpCalls;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * ElevenLabs WebSocket input streaming (spec section 7) over OkHttp's WebSocket. Audio frames are
 * decoded on the socket's reader thread into a bounded queue that {@link #audio()} drains, so a slow
 * reader slows the socket instead of filling memory.
 */
public final class WebSocketInputSession implements InputStreamingSession {
    private static final Logger log = LoggerFactory.getLogger(WebSocketInputSession.class);
    private static final int QUEUE_CHUNKS = 256;
    private static final Object END = new Object();
    static final int NORMAL_CLOSURE = 1000;
    static final int POLICY_VIOLATION = 1008;

    private final String provider;
    private final CallContext ctx;
    private final ErrorMapper errors;
    private final AlignmentTimeline timeline;
    private final Consumer<List<TimedSpan>> listener;
    private final Set<? super WebSocketInputSession> openSessions;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private final AudioStream audio;
    private final AudioBody body;
    private final WebSocket socket;
    // Set after the socket opens; its listener may end the session before they are.
    private volatile CancellationToken.@Nullable Registration cancellation;
    private volatile @Nullable ScheduledFuture<?> deadlineTimer;
    private volatile @Nullable ScheduledFuture<?> keepAliveTimer;
    private final Duration keepAliveInterval;
    /** Counted down when the upgrade succeeds or the session ends, whichever comes first. */
    private final CountDownLatch handshake = new CountDownLatch(1);

    private volatile Instant lastSent;
    private boolean finished;
    private boolean terminated;
    private boolean closed;
    private boolean released;
    private @Nullable TtsException failure;
    private @Nullable String errorFrame;

    /**
     * Opens the socket and sends the initialising message.
     *
     * @param initMessage       the first message ({@code text} of one space, voice settings, generation config)
     * @param format            what the audio stream carries (WAV gets a header over the PCM received)
     * @param keepAliveInterval a keep-alive is sent when nothing was sent for this long
     * @param listener          receives each chunk's character spans (on the socket's thread)
     * @param openSessions      where the session is listed from before its socket opens until it ends
     */
    public WebSocketInputSession(OkHttpClient client, Request upgrade, ObjectNode initMessage, AudioFormat format,
                                 String provider, CallContext ctx, ErrorMapper errors, Duration keepAliveInterval,
                                 Consumer<List<TimedSpan>> listener, Set<? super WebSocketInputSession> openSessions) {
        this.provider = provider;
        this.ctx = ctx;
        this.errors = errors;
        this.listener = listener;
        this.openSessions = openSessions;
        this.keepAliveInterval = keepAliveInterval;
        boolean wav = OutputFormats.needsWavHeader(format);
        AudioFormat source = wav ? format.withContainer(AudioFormat.Container.RAW) : format;
        this.timeline = new AlignmentTimeline(source, true);
        // The session's close ends the socket; the body has no call of its own to cancel.
        this.body = new AudioBody(new QueuedAudio(), wav ? WavCodec.streamingHeader(format.sampleRate(), format.channels()) : null,
                source.isLinearPcm(), e -> ProviderUnavailableException.builder("reading the audio failed: " + e.getClass().getSimpleName())
                        .provider(provider).cause(e).build(), provider, null, () -> { });
        this.audio = new AudioStream(body, format, provider, null, this::close);
        this.lastSent = ctx.clock().instant();
        ctx.checkActive(provider);
        openSessions.add(this);
        // Registered before the socket exists, so a cancellation during the handshake ends the wait too.
        this.cancellation = ctx.cancellation().onCancel(() -> terminate(
                CancelledException.builder("input streaming was cancelled").provider(provider).build(), true));
        this.socket = client.newWebSocket(upgrade, new Listener());
        try {
            // Wait for the handshake's outcome before anything is sent: a rejected upgrade is then always
            // the mapped, typed failure thrown here, never a race between OkHttp marking the socket
            // failed and the listener recording why.
            awaitHandshake();
            sendJson(initMessage);
        } catch (RuntimeException e) {
            synchronized (this) {
                terminated = true;
            }
            socket.cancel();
            release();
            throw e;
        }
        long deadlineMillis = Math.max(1, ctx.remaining().toMillis());
        this.deadlineTimer = ctx.resources().scheduler().schedule(() -> terminate(TtsTimeoutException.builder("input streaming did not end before the deadline")
                .provider(provider).build(), true), deadlineMillis, TimeUnit.MILLISECONDS);
        long every = Math.max(10, keepAliveInterval.toMillis() / 4);
        this.keepAliveTimer = ctx.resources().scheduler().scheduleWithFixedDelay(this::keepAlive, every, every,
                TimeUnit.MILLISECONDS);
        synchronized (this) {
            if (released) stopTimers();
        }
    }

    @Override
    public void send(String text) {
        sendText(text, false);
    }

    @Override
    public void sendAndFlush(String text) {
        sendText(text, true);
    }

    @Override
    public void flush() {
        sendText(" ", true);
    }

    private void sendText(String text, boolean flush) {
        if (text == null || text.isEmpty()) {
            throw ValidationException.builder("a text piece must not be empty (an empty piece ends the input; call finish())")
                    .provider(provider).build();
        }
        ObjectNode message = Json.MAPPER.createObjectNode().put("text", text);
        if (flush) message.put("flush", true);
        synchronized (this) {
            if (failure != null) throw failure;
            if (finished || closed) throw new IllegalStateException("the input has ended; no text can follow");
            sendJson(message);
        }
    }

    @Override
    public void finish() {
        synchronized (this) {
            if (finished || closed) return;
            if (failure != null) throw failure;
            finished = true;
            sendJson(Json.MAPPER.createObjectNode().put("text", ""));
        }
    }

    @Override
    public AudioStream audio() {
        return audio;
    }

    @Override
    public Timestamps timestamps() {
        return timeline.timestamps();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            terminated = true;
        }
        // Harmless after a normal end; drops the connection at once when the server has not closed it.
        socket.cancel();
        queue.clear();
        release();
        try {
            audio.close();
        } catch (IOException e) {
            log.debug("closing the audio stream failed", e);
        }
    }

    private void release() {
        synchronized (this) {
            if (released) return;
            released = true;
        }
        stopTimers();
        openSessions.remove(this);
    }

    private void stopTimers() {
        ScheduledFuture<?> deadline = deadlineTimer;
        if (deadline != null) deadline.cancel(false);
        ScheduledFuture<?> keepAlive = keepAliveTimer;
        if (keepAlive != null) keepAlive.cancel(false);
        CancellationToken.Registration registration = cancellation;
        if (registration != null) registration.close();
    }

    private void awaitHandshake() {
        try {
            if (!handshake.await(Math.max(1, ctx.remaining().toMillis()), TimeUnit.MILLISECONDS)) {
                terminate(TtsTimeoutException.builder("the WebSocket handshake did not finish before the deadline")
                        .provider(provider).build(), true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminate(CancelledException.builder("interrupted while opening the WebSocket").provider(provider).cause(e).build(), true);
        }
        synchronized (this) {
            if (failure != null) throw failure;
        }
    }

    private void sendJson(ObjectNode message) {
        if (!socket.send(message.toString())) {
            // OkHttp refuses once the socket failed or is closing (or its outgoing queue is full, when it
            // starts a close the server may never answer); the listener may not have said why yet. Either
            // way the session is over: end it now, so the reader, the timers and the socket do not wait
            // for a close handshake that may take a minute.
            TtsException e = failureOr(ProviderUnavailableException.builder("the WebSocket closed before the message could be sent")
                    .provider(provider).build());
            terminate(e, true);
            throw e;
        }
        lastSent = ctx.clock().instant();
    }

    /** Sends {@code {"text":" "}} when the input went quiet, so the server's inactivity timeout does not end the session. */
    private void keepAlive() {
        synchronized (this) {
            if (finished || terminated || closed) return;
            if (Duration.between(lastSent, ctx.clock().instant()).compareTo(keepAliveInterval) < 0) return;
            socket.send("{\"text\":\" \"}");
            lastSent = ctx.clock().instant();
        }
    }

    /** Ends the session with a failure (or normally when {@code failure} is null). */
    private void terminate(@Nullable TtsException error, boolean cancelSocket) {
        synchronized (this) {
            if (terminated) return;
            terminated = true;
            failure = error;
        }
        if (cancelSocket && socket != null) socket.cancel();
        if (error == null) {
            enqueue(END);
        } else {
            // Audio not yet read is worthless after a failure; never block the failing thread on a full queue.
            while (!queue.offer(error)) queue.poll();
        }
        handshake.countDown();
        release();
    }

    private void enqueue(Object item) {
        try {
            if (!queue.offer(item, Math.max(1, ctx.remaining().toMillis()), TimeUnit.MILLISECONDS) && !isClosed()) {
                queue.clear();
                queue.offer(TtsTimeoutException.builder("the audio was not read before the deadline")
                        .provider(provider).build());
                if (socket != null) socket.cancel();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized boolean isTerminated() {
        return terminated;
    }

    private synchronized TtsException failureOr(TtsException fallback) {
        return failure != null ? failure : fallback;
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            handshake.countDown();
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            if (isTerminated()) return;
            JsonNode message;
            try {
                message = Json.MAPPER.readTree(text);
            } catch (IOException e) {
                log.debug("skipped an unreadable WebSocket message");
                return;
            }
            if (message == null || !message.isObject()) return;
            String error = Json.text(message, "message");
            if (error != null && message.get("audio") == null) {
                String code = Json.text(message, "error");
                synchronized (WebSocketInputSession.this) {
                    errorFrame = (code != null ? code + ": " : "") + error;
                }
                return;
            }
            String audioBase64 = Json.text(message, "audio");
            if (audioBase64 != null && !audioBase64.isEmpty()) {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(audioBase64);
                } catch (IllegalArgumentException e) {
                    terminate(dev.ttskit.AudioFormatException.builder("an audio frame was not valid base64").provider(provider).cause(e).build(), true);
                    return;
                }
                Alignment alignment = Alignment.firstOf(Alignment.fromWebSocket(message.get("alignment")),
                        Alignment.fromWebSocket(message.get("normalizedAlignment")));
                List<TimedSpan> spans = timeline.add(alignment, bytes.length);
                if (!spans.isEmpty()) listener.accept(spans);
                if (bytes.length > 0) enqueue(bytes);
            }
            if (isFinal(message)) terminate(null, false);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(NORMAL_CLOSURE, null);
            closedWith(code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            closedWith(code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            if (isTerminated()) return;
            if (response != null && !response.isSuccessful() && response.code() != 101) {
                terminate(errors.map(response.code(), response.headers(), response.header("Content-Type"), HttpCalls.errorBody(response)), false);
                return;
            }
            if (ctx.cancellation().isCancelled()) {
                terminate(CancelledException.builder("input streaming was cancelled")
                        .provider(provider).cause(t).build(), false);
            } else if (ctx.expired()) {
                terminate(TtsTimeoutException.builder("input streaming did not end before the deadline")
                        .provider(provider).cause(t).build(), false);
            } else {
                terminate(ProviderUnavailableException.builder("the WebSocket failed: " + t.getClass().getSimpleName())
                        .provider(provider).cause(t).build(), false);
            }
        }

        private void closedWith(int code, @Nullable String reason) {
            if (isTerminated()) return;
            String frame;
            synchronized (WebSocketInputSession.this) {
                frame = errorFrame;
            }
            if (code == NORMAL_CLOSURE && frame == null) {
                // No final message, but a normal close after audio is still a complete answer.
                terminate(null, false);
                return;
            }
            String detail = frame != null ? frame : reason == null || reason.isEmpty() ? "no reason given" : reason;
            detail = errors.scrub(detail);   // the server's words: may echo the key, span lines
            String message = "ElevenLabs closed the WebSocket with code " + code + ": " + detail;
            TtsException error;
            if (code == POLICY_VIOLATION && detail.toLowerCase(Locale.ROOT).contains("timeout")) {
                error = ProviderUnavailableException.builder(message).provider(provider).build();
            } else if (code == POLICY_VIOLATION || frame != null) {
                error = ValidationException.builder(message).provider(provider).build();
            } else {
                error = ProviderUnavailableException.builder(message).provider(provider).build();
            }
            terminate(error, false);
        }

        private boolean isFinal(JsonNode message) {
            JsonNode f = message.get("isFinal");
            if (f == null || f.isNull()) f = message.get("is_final");
            return f != null && f.asBoolean(false);
        }
    }

    /** Reads the queue that the socket's thread fills. */
    private final class QueuedAudio extends ChunkedAudio {
        private boolean ended;

        @Override
        protected byte @Nullable [] nextChunk() throws IOException {
            if (ended) return null;
            Object item;
            try {
                item = queue.poll(Math.max(1, ctx.remaining().toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CancelledException.builder("interrupted while waiting for audio")
                        .provider(provider).cause(e).build();
            }
            if (item == null) {
                if (isClosed()) throw new IOException("input streaming session is closed");
                TtsException timeout = TtsTimeoutException.builder("no audio before the deadline")
                        .provider(provider).build();
                terminate(timeout, true);
                throw failureOr(timeout);
            }
            if (item == END) {
                ended = true;
                return null;
            }
            if (item instanceof TtsException) throw (TtsException) item;
            return (byte[]) item;
        }
    }
}
