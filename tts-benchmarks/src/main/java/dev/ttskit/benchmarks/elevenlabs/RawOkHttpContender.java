package dev.ttskit.benchmarks.elevenlabs;

import dev.ttskit.HttpSettings;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: a bare OkHttp client with the same dispatcher and pool limits sending the same POSTs,
 * its JSON body prepared once. It is the least any adapter could do, so the ratio is an honest cost.
 */
final class RawOkHttpContender implements Contender {
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final HttpUrl base;
    private final byte[] body;

    RawOkHttpContender(String baseUrl) {
        HttpSettings s = LoadSettings.HTTP;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(s.maxRequests());
        dispatcher.setMaxRequestsPerHost(s.maxRequestsPerHost());
        this.client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(s.maxIdleConnections(), s.keepAlive().toMillis(), TimeUnit.MILLISECONDS))
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(s.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(s.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(LoadSettings.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.base = Objects.requireNonNull(HttpUrl.parse(baseUrl), "baseUrl");
        this.body = ("{\"text\":\"" + LoadSettings.TEXT + "\",\"model_id\":\"" + LoadSettings.MODEL_ID + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "raw OkHttp";
    }

    @Override
    public int synthesize() throws IOException {
        try (Response response = client.newCall(post(LoadSettings.VOICE_ID, false)).execute()) {
            if (!response.isSuccessful()) throw new IOException("HTTP " + response.code());
            return Objects.requireNonNull(response.body(), "body").bytes().length;
        }
    }

    @Override
    public InputStream stream(String voiceId) throws IOException {
        Response response = client.newCall(post(voiceId, true)).execute();
        if (!response.isSuccessful()) {
            response.close();
            throw new IOException("HTTP " + response.code());
        }
        ResponseBody responseBody = Objects.requireNonNull(response.body(), "body");
        return new FilterInputStream(responseBody.byteStream()) {
            @Override
            public void close() {
                response.close();
            }
        };
    }

    private Request post(String voiceId, boolean stream) {
        HttpUrl.Builder url = base.newBuilder().addPathSegment("v1").addPathSegment("text-to-speech").addPathSegment(voiceId);
        if (stream) url.addPathSegment("stream");
        url.addQueryParameter("output_format", LoadSettings.OUTPUT_FORMAT);
        return new Request.Builder().url(url.build())
                .header("xi-api-key", LoadSettings.API_KEY)
                .post(RequestBody.create(body, JSON))
                .build();
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
