package dev.ttskit.polly.internal;

import dev.ttskit.http.SharedHttpClient;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The AWS SDK's HTTP client, on ttskit's shared OkHttp client: one connection pool for every adapter
 * (counted and closed by the resource manager), and each SDK request bound to the ttskit call it runs
 * for, so the call's deadline is its timeout and cancelling the call cancels it, before or after the
 * headers. The SDK's own clients (Apache, Netty, URL connection) are not on the class path.
 *
 * <p>The SDK's synchronous client runs every HTTP request on the calling thread, so the call is
 * handed over in a thread-local set around the SDK call ({@link #within}). A request made outside
 * one is refused: no SDK call may escape its deadline.
 */
public final class OkHttpSdkClient implements SdkHttpClient {
    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();
    // Managed by OkHttp itself; copying them would conflict with the body it frames.
    private static final Set<String> SKIPPED = Set.of("content-length", "transfer-encoding", "connection");

    /** Runs SDK work on this thread bound to a ttskit call. */
    public static <T> T within(CallContext ctx, Supplier<T> work) {
        CallContext previous = CURRENT.get();
        CURRENT.set(ctx);
        try {
            return work.get();
        } finally {
            if (previous == null) CURRENT.remove(); else CURRENT.set(previous);
        }
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        CallContext ctx = CURRENT.get();
        if (ctx == null) throw new IllegalStateException("an SDK request outside a ttskit call has no deadline; refused");
        Call call = SharedHttpClient.of(ctx.resources()).newCall(toOkHttp(request));
        call.timeout().timeout(Math.max(1, ctx.remaining().toMillis()), TimeUnit.MILLISECONDS);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                CancellationToken.Registration registration = ctx.cancellation().onCancel(call::cancel);
                Response response;
                try {
                    response = call.execute();
                } catch (IOException | RuntimeException e) {
                    registration.close();
                    throw e;
                }
                return toSdk(response, call, registration);
            }

            @Override
            public void abort() {
                call.cancel();
            }
        };
    }

    @Override
    public String clientName() {
        return "ttskit-okhttp";
    }

    /** Nothing to close: the OkHttp client belongs to the resource manager. */
    @Override
    public void close() {
    }

    private static Request toOkHttp(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        Request.Builder b = new Request.Builder().url(http.getUri().toString());
        String contentType = null;
        for (Map.Entry<String, List<String>> h : http.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (SKIPPED.contains(name)) continue;
            if (name.equals("content-type") && !h.getValue().isEmpty()) contentType = h.getValue().get(0);
            for (String v : h.getValue()) b.addHeader(h.getKey(), v);
        }
        String method = http.method().name();
        Optional<ContentStreamProvider> content = request.contentStreamProvider();
        RequestBody body = null;
        if (content.isPresent()) {
            // Polly's request bodies are small JSON documents: read once, so OkHttp knows their length.
            try (InputStream in = content.get().newStream()) {
                body = RequestBody.create(in.readAllBytes(), contentType == null ? null : MediaType.parse(contentType));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("could not read the SDK's request body", e);
            }
        } else if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            body = RequestBody.create(new byte[0], null);
        }
        return b.method(method, body).build();
    }

    private static HttpExecuteResponse toSdk(Response response, Call call, CancellationToken.Registration registration) {
        SdkHttpResponse head = SdkHttpResponse.builder()
                .statusCode(response.code())
                .statusText(response.message())
                .headers(response.headers().toMultimap())
                .build();
        ResponseBody body = response.body();
        InputStream stream = new FilterInputStream(body.byteStream()) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    response.close();
                    registration.close();
                }
            }
        };
        return HttpExecuteResponse.builder().response(head).responseBody(AbortableInputStream.create(stream, call::cancel)).build();
    }
}
