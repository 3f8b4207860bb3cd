package dev.ttskit.benchmarks.openai;

import dev.ttskit.HttpSettings;
import dev.ttskit.benchmarks.elevenlabs.Contender;
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
 * The baseline: a bare OkHttp client with the same limits sending the same {@code POST /v1/audio/speech}
 * (same headers, same JSON, prepared once). The least any adapter could do.
 */
final class RawOkHttpContender implements Contender {
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final HttpUrl url;
    private final byte[] body;

    RawOkHttpContender(String baseUrl) {
        HttpSettings s = OpenAiLoad.HTTP;
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
                .callTimeout(OpenAiLoad.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.url = Objects.requireNonNull(HttpUrl.parse(baseUrl), "baseUrl").newBuilder()
                .addPathSegment("v1").addPathSegment("audio").addPathSegment("speech").build();
        this.body = ("{\"model\":\"" + OpenAiLoad.MODEL + "\",\"input\":\"" + OpenAiLoad.TEXT + "\",\"voice\":\"" + OpenAiLoad.VOICE
                + "\",\"response_format\":\"mp3\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "raw OkHttp";
    }

    @Override
    public int synthesize() throws IOException {
        try (Response response = client.newCall(post()).execute()) {
            if (!response.isSuccessful()) throw new IOException("HTTP " + response.code());
            return Objects.requireNonNull(response.body(), "body").bytes().length;
        }
    }

    @Override
    public InputStream stream(String voiceId) throws IOException {
        Response response = client.newCall(post()).execute();
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

    private Request post() {
        return new Request.Builder().url(url)
                .header("Authorization", "Bearer " + OpenAiLoad.API_KEY)
                .header("Accept", "application/octet-stream")
                .post(RequestBody.create(body, JSON))
                .build();
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
