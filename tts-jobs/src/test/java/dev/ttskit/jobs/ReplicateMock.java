package dev.ttskit.jobs;

import dev.ttskit.ApiKey;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.replicate.CompletionStrategy;
import dev.ttskit.replicate.ReplicateProvider;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replicate on loopback: predictions are created {@code starting}, stay {@code processing} until
 * {@link #finish()} and then succeed with a WAV file served here too. Every request is recorded.
 */
final class ReplicateMock extends Dispatcher implements AutoCloseable {
    static final String MODEL = "jaaari/kokoro-82m:f559560eb822dc509045f3921a1921234918b91739db4bf3daab2169b71c7a13";
    static final AudioFormat FORMAT = AudioFormat.WAV_PCM16_24K;
    static final byte[] AUDIO = LoggedProvider.audioFor("the prediction's audio", FORMAT);

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();
    final List<String> requests = new CopyOnWriteArrayList<>();

    ReplicateMock() throws IOException {
        server.setDispatcher(this);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String base() {
        return "http://127.0.0.1:" + server.getPort() + "/v1";
    }

    void finish() {
        finished.set(true);
    }

    long count(String methodAndPath) {
        return requests.stream().filter(methodAndPath::equals).count();
    }

    /** A client speaking through Replicate on {@code base}, polling for the result. */
    static TtsClient client(String base) {
        ReplicateProvider p = ReplicateProvider.builder().apiToken(ApiKey.of("r8_jobs_test_token")).baseUrl(base).model(MODEL)
                .completion(CompletionStrategy.POLLING).allowLoopbackDownloads(true).build();
        return TtsClient.builder().provider(p).timeout(Duration.ofSeconds(30)).build();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        requests.add(request.getMethod() + " " + path);
        if (request.getMethod().equals("POST") && path.equals("/v1/predictions")) {
            return json(201, prediction("p" + created.incrementAndGet(), "starting", "null"));
        }
        if (request.getMethod().equals("POST") && path.endsWith("/cancel")) {
            String id = path.substring("/v1/predictions/".length(), path.length() - "/cancel".length());
            return json(200, prediction(id, "canceled", "null"));
        }
        if (request.getMethod().equals("GET") && path.startsWith("/v1/predictions/")) {
            String id = path.substring("/v1/predictions/".length());
            if (!finished.get()) return json(200, prediction(id, "processing", "null"));
            return json(200, prediction(id, "succeeded", "\"http://127.0.0.1:" + server.getPort() + "/files/" + id + ".wav\""));
        }
        if (request.getMethod().equals("GET") && path.startsWith("/files/")) {
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "audio/wav").body(new okio.Buffer().write(AUDIO)).build();
        }
        return new MockResponse.Builder().code(404).body("{\"detail\":\"not found\"}").build();
    }

    private static String prediction(String id, String status, String output) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status + "\",\"output\":" + output + ",\"error\":null,\"data_removed\":false,"
                + "\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/" + id + "\"}}";
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
