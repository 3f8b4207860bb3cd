package dev.ttskit.http;

import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Applies an attempt's byte limits to one call of the shared client: the socket's read timeout is
 * the first-byte limit while the answer's headers are awaited, and the idle limit for every read of
 * its body after them. A request without {@link Limits} keeps the client's read timeout.
 */
final class ByteLimits implements Interceptor {
    /**
     * The limits of one call, carried as the request's tag.
     *
     * @param firstByteMillis the longest wait for the answer's first byte
     * @param idleMillis      the longest wait for the next bytes of its body
     */
    record Limits(int firstByteMillis, int idleMillis) {
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        @Nullable Limits limits = chain.request().tag(Limits.class);
        if (limits == null) return chain.proceed(chain.request());
        Response response = chain.withReadTimeout(limits.firstByteMillis(), TimeUnit.MILLISECONDS).proceed(chain.request());
        // The body's reads time out through the same socket timeout; from here on a gap is idleness.
        response.body().source().timeout().timeout(limits.idleMillis(), TimeUnit.MILLISECONDS);
        return response;
    }
}
