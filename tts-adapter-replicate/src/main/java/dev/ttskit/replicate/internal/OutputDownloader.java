package dev.ttskit.replicate.internal;

import dev.ttskit.ApiKey;
import dev.ttskit.AudioFormatException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.TtsException;
import dev.ttskit.http.HttpCalls;
import dev.ttskit.spi.CallContext;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Fetches a prediction's output file under the rules of spec section 11: data URIs decoded locally;
 * URLs only within the {@link DownloadPolicy}; resolved addresses checked in the resolver; redirects
 * followed by hand, only within the same origin and at most {@value #MAX_REDIRECTS} hops; the token
 * sent only on a 401/403 retry to an allow-listed https host; the size cap counted on the decoded
 * bytes actually read, so a compressed body cannot expand past it.
 */
public final class OutputDownloader {
    static final int MAX_REDIRECTS = 3;

    private final DownloadPolicy policy;
    private final Dns dns;
    private final long maxBytes;
    private final ApiKey token;
    private final String provider;

    /**
     * @param dns      the resolver to guard (the system's, or a fake in tests)
     * @param maxBytes largest decoded output accepted
     */
    public OutputDownloader(DownloadPolicy policy, Dns dns, long maxBytes, ApiKey token, String provider) {
        this.policy = policy;
        this.dns = dns;
        this.maxBytes = maxBytes;
        this.token = token;
        this.provider = provider;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The output's bytes. */
    public byte[] fetch(OkHttpClient shared, String output, CallContext ctx, String predictionId) {
        if (DataUri.isDataUri(output)) return DataUri.decode(output, maxBytes, provider, predictionId);
        HttpUrl url = HttpUrl.parse(output);
        if (url == null) throw bad("output is neither a data URI nor an http(s) URL", predictionId);
        refuseUnlessAllowed(url, predictionId);
        // Same pool and dispatcher as the shared client; only the resolver differs.
        OkHttpClient client = shared.newBuilder().dns(new GuardedDns(dns, policy))
                .followRedirects(false).followSslRedirects(false).build();
        boolean tokenTried = false;
        boolean sendToken = false;
        for (int hop = 0; ; ) {
            Request.Builder rb = new Request.Builder().url(url).get();
            if (sendToken) rb.header("Authorization", "Bearer " + token.reveal());
            try (HttpCalls.InFlight call = execute(client, rb.build(), ctx, predictionId)) {
                Response response = call.response();
                int code = response.code();
                if (code >= 300 && code < 400) {
                    HttpUrl next = redirectTarget(response, url, predictionId);
                    if (++hop > MAX_REDIRECTS) throw bad("output download redirected more than " + MAX_REDIRECTS + " times", predictionId);
                    url = next;
                    sendToken = false;   // never forwarded across a redirect
                    continue;
                }
                if ((code == 401 || code == 403) && !tokenTried && url.isHttps() && policy.allowListed(url.host())) {
                    tokenTried = true;
                    sendToken = true;
                    continue;
                }
                if (!response.isSuccessful()) {
                    if (code >= 500) {
                        throw ProviderUnavailableException.builder("output download answered HTTP " + code)
                                .provider(provider).requestId(predictionId).build();
                    }
                    throw bad("output download answered HTTP " + code, predictionId);
                }
                checkContentType(response.header("Content-Type"), predictionId);
                return readCapped(call, ctx, predictionId);
            }
        }
    }

    private HttpCalls.InFlight execute(OkHttpClient client, Request request, CallContext ctx, String predictionId) {
        try {
            return HttpCalls.execute(client, request, ctx, provider);
        } catch (ProviderUnavailableException e) {
            if (e.getCause() instanceof GuardedDns.RefusedAddressException) {
                throw ProviderUnavailableException.builder("output download refused: " + e.getCause().getMessage())
                        .provider(provider).requestId(predictionId).cause(e.getCause()).build();
            }
            throw e;
        }
    }

    private HttpUrl redirectTarget(Response response, HttpUrl from, String predictionId) {
        String location = response.header("Location");
        HttpUrl next = location == null ? null : from.resolve(location);
        if (next == null) throw bad("output download answered a redirect without a usable Location", predictionId);
        if (!DownloadPolicy.sameOrigin(from, next)) {
            throw bad("output download redirected to another origin (" + next.host() + ")", predictionId);
        }
        refuseUnlessAllowed(next, predictionId);
        return next;
    }

    private void refuseUnlessAllowed(HttpUrl url, String predictionId) {
        policy.refusal(url).ifPresent(reason -> {
            throw bad("output download refused: " + reason, predictionId);
        });
    }

    private void checkContentType(String contentType, String predictionId) {
        if (contentType == null || contentType.isBlank()) return;
        String type = contentType.toLowerCase(Locale.ROOT).trim();
        if (type.startsWith("audio/") || type.startsWith("application/octet-stream")) return;
        throw bad("output has content type " + ProblemMapper.truncate(type, 60) + ", not audio", predictionId);
    }

    private byte[] readCapped(HttpCalls.InFlight call, CallContext ctx, String predictionId) {
        long declared = call.response().body().contentLength();
        if (declared > maxBytes) throw tooLarge(predictionId);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 8192), 1 << 20));
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try (InputStream in = call.response().body().byteStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > maxBytes) throw tooLarge(predictionId);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw HttpCalls.failure(e, call.call(), ctx, provider, predictionId);
        }
        return out.toByteArray();
    }

    private TtsException tooLarge(String predictionId) {
        return bad("output is larger than " + maxBytes + " bytes", predictionId);
    }

    private AudioFormatException bad(String message, String predictionId) {
        return AudioFormatException.builder(message).provider(provider).requestId(predictionId).build();
    }
}
