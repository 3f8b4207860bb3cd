package dev.ttskit.http;

import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one HTTP call within a {@link CallContext}: the call's timeout is the time left to the
 * deadline, the attempt's byte limits ({@link CallContext#firstByteTimeout()},
 * {@link CallContext#idleTimeout()}) bound the wait for the answer's first byte and every gap in its
 * body, cancellation cancels the call, and I/O failures become typed exceptions.
 */
public final class HttpCalls {
    /** The most of an error answer's body kept for its message and error code: error bodies are small JSON. */
    public static final int MAX_ERROR_BODY = 64 * 1024;

    private HttpCalls() {
    }

    /**
     * The start of an error answer's body, for the adapter's error mapper.
     *
     * @param response the answer whose status said it failed; its body is peeked here, neither consumed nor closed
     * @return at most {@link #MAX_ERROR_BODY} bytes; empty when there is no body or reading it fails
     *         (the status alone still classifies the error)
     */
    public static byte[] errorBody(Response response) {
        if (response.body() == null) return new byte[0];
        // Peeked, not consumed: the caller (or OkHttp, for a refused WebSocket upgrade) still owns the body.
        try (ResponseBody peeked = response.peekBody(MAX_ERROR_BODY)) {
            return peeked.bytes();
        } catch (IOException | IllegalStateException e) {
            return new byte[0];
        }
    }

    /**
     * Executes the request. The caller owns the response and must close it (try-with-resources);
     * the returned {@link InFlight} also unregisters the cancellation hook when closed.
     *
     * @param client   the shared client ({@link SharedHttpClient#of})
     * @param request  the request to send
     * @param ctx      the call's deadline, which becomes the call's timeout, its byte limits, which become
     *                 the socket's read timeouts (the first byte's, then the body's), and cancellation
     * @param provider the provider's id, for the exceptions
     * @return the call and its response, whatever its status; the caller reads and closes it
     * @throws CancelledException           when the context was or becomes cancelled
     * @throws TtsTimeoutException          when the deadline passes or no first byte came within its limit
     * @throws ProviderUnavailableException on connection failures
     */
    public static InFlight execute(OkHttpClient client, Request request, CallContext ctx, String provider) {
        ctx.checkActive(provider);
        Call call = client.newCall(withByteLimits(request, ctx));
        call.timeout().timeout(Math.max(1, ctx.remaining().toMillis()), TimeUnit.MILLISECONDS);
        CancellationToken.Registration registration = ctx.cancellation().onCancel(call::cancel);
        try {
            Response response = call.execute();
            return new InFlight(call, response, registration);
        } catch (IOException e) {
            registration.close();
            if (readTimedOut(e, call, ctx) && ctx.firstByteTimeout().isPresent()) {
                throw TtsTimeoutException.builder("no first byte within " + text(ctx.firstByteTimeout().get()))
                        .provider(provider).cause(e).build();
            }
            throw failure(e, call, ctx, provider, null);
        } catch (RuntimeException e) {
            registration.close();
            throw e;
        } catch (Exception e) {
            // OkHttp is Kotlin: its fast-fallback connect lets a checked InterruptedException escape
            // execute() undeclared. Left alone it kills the calling pool thread with a stack trace on
            // stderr; it means this call was interrupted, so it ends like a cancelled call.
            registration.close();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw CancelledException.builder("interrupted while the call was " + (ctx.expired() ? "timing out" : "connecting"))
                    .provider(provider).cause(e).build();
        }
    }

    /**
     * Maps an I/O failure of a call (while connecting or while reading the body) to a typed exception:
     * cancelled, timed out, or provider unavailable.
     *
     * @param e         what the call threw
     * @param call      the call it came from (to tell a cancelled call from a failed one)
     * @param ctx       the call's context (to tell cancellation and the deadline apart)
     * @param provider  the provider's id
     * @param requestId the provider's request id when a response already gave one, else null
     * @return the exception to throw; never retried by the caller itself
     */
    public static TtsException failure(IOException e, Call call, CallContext ctx, String provider, @Nullable String requestId) {
        if (readTimedOut(e, call, ctx)) {
            // Whichever fired (Okio's watchdog or the socket's own SO_TIMEOUT, they race), a read that ran
            // out of its limit is a timeout, never a connection failure.
            String limit = ctx.idleTimeout().map(idle -> "for " + text(idle) + " (idle limit)").orElse("within the client's read timeout");
            return TtsTimeoutException.builder("no data " + limit)
                    .provider(provider).requestId(requestId).cause(e).build();
        }
        if (ctx.cancellation().isCancelled()) {
            return CancelledException.builder("request was cancelled")
                    .provider(provider).requestId(requestId).cause(e).build();
        }
        if (ctx.expired() || isTimeout(e)) {
            return TtsTimeoutException.builder("no answer before the deadline (" + e.getClass().getSimpleName() + ")")
                    .provider(provider).requestId(requestId).cause(e).build();
        }
        if (call.isCanceled()) {
            return CancelledException.builder("call was cancelled")
                    .provider(provider).requestId(requestId).cause(e).build();
        }
        return ProviderUnavailableException.builder("connection failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " (" + Scrubber.GENERIC.text(e.getMessage()) + ")"))
                .provider(provider).requestId(requestId).cause(e).build();
    }

    /** The request tagged with the context's byte limits, which the shared client's interceptor applies. */
    private static Request withByteLimits(Request request, CallContext ctx) {
        // CallContext.withByteLimits sets both or neither.
        Optional<Duration> firstByte = ctx.firstByteTimeout();
        Optional<Duration> idle = ctx.idleTimeout();
        if (firstByte.isEmpty() || idle.isEmpty()) return request;
        return request.newBuilder().tag(ByteLimits.Limits.class, new ByteLimits.Limits(millis(firstByte.get()), millis(idle.get()))).build();
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    /**
     * A socket read ran out of its limit, not the call of its deadline: a read timeout comes as a
     * {@link SocketTimeoutException} (Okio's watchdog says "timeout", the socket's own SO_TIMEOUT
     * "Read timed out", whichever fires first), the call's own timeout as an
     * {@link InterruptedIOException}, and a connect timeout names the connect.
     */
    private static boolean readTimedOut(IOException e, Call call, CallContext ctx) {
        return e instanceof SocketTimeoutException && !isConnect(e)
                && !ctx.expired() && !ctx.cancellation().isCancelled() && !call.isCanceled();
    }

    /**
     * Whether {@code e} or one of its causes says that a read or the whole call ran out of time (as
     * opposed to a connect timeout, which means the provider could not be reached): Okio's watchdog
     * says "timeout", the socket's own SO_TIMEOUT says "Read timed out", whichever fires first.
     *
     * @param e a failure of a call over OkHttp, possibly wrapped by another client (the AWS SDK's)
     * @return true when it is a timeout of reading or of the call
     */
    public static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException && !isConnect(t)) return true;
            if (t instanceof InterruptedIOException && "timeout".equals(t.getMessage())) return true;
        }
        return false;
    }

    private static boolean isConnect(Throwable e) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("connect");
    }

    private static String text(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** A call with its response; closing it closes the response and drops the cancellation hook. */
    public static final class InFlight implements AutoCloseable {
        private final Call call;
        private final Response response;
        private final CancellationToken.Registration registration;

        InFlight(Call call, Response response, CancellationToken.Registration registration) {
            this.call = call;
            this.response = response;
            this.registration = registration;
        }

        /**
         * The call, to cancel it or read its timeout.
         *
         * @return the call
         */
        public Call call() { return call; }

        /**
         * The response, open until this is closed.
         *
         * @return the response, whatever its status
         */
        public Response response() { return response; }

        @Override
        public void close() {
            try {
                response.close();
            } finally {
                registration.close();
            }
        }
    }
}
