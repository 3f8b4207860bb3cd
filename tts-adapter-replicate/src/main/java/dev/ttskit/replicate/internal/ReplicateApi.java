package dev.ttskit.replicate.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ttskit.ApiKey;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.http.HttpCalls;
import dev.ttskit.http.Scrubber;
import dev.ttskit.spi.CallContext;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The Replicate HTTP calls the adapter makes: create, get and cancel a prediction, and fetch the
 * webhook signing secret. Every non-2xx answer becomes a typed exception ({@link ProblemMapper}).
 */
public final class ReplicateApi {
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl base;
    private final ApiKey token;
    private final String provider;
    private final Clock clock;
    private final long maxJsonBytes;
    private final Scrubber scrubber;

    /**
     * @param base         the API base without {@code /v1}, ending in a slash
     * @param maxJsonBytes largest JSON answer read (sync outputs may hold a data URI)
     */
    public ReplicateApi(HttpUrl base, ApiKey token, String provider, Clock clock, long maxJsonBytes) {
        this.base = base;
        this.token = token;
        this.provider = provider;
        this.clock = clock;
        this.maxJsonBytes = maxJsonBytes;
        this.scrubber = Scrubber.knowing(token);
    }

    /** Cleans provider text of this API's token and anything key-shaped. */
    public Scrubber scrubber() {
        return scrubber;
    }

    public HttpUrl base() {
        return base;
    }

    /**
     * Creates a prediction. Never retried here: once sent, a create may have started a billed
     * prediction (spec section 8.4).
     *
     * @param webhook     the webhook URL, or null
     * @param preferWait  seconds for {@code Prefer: wait=N}, or 0 for an async create
     * @param cancelAfter the remaining deadline, sent as {@code Cancel-After}
     */
    public Prediction create(OkHttpClient client, ModelRef model, ObjectNode input, @Nullable String webhook, int preferWait,
                             Duration cancelAfter, CallContext ctx) {
        ObjectNode body = Prediction.MAPPER.createObjectNode();
        HttpUrl url;
        if (model.version() != null) {
            url = url("v1/predictions");
            body.put("version", model.version());
        } else {
            url = url("v1/models/" + model.owner() + "/" + model.name() + "/predictions");
        }
        body.set("input", input);
        if (webhook != null) {
            body.put("webhook", webhook);
            body.putArray("webhook_events_filter").add("completed");
        }
        Request.Builder rb = authorized(url).post(RequestBody.create(bytes(body), JSON))
                .header("Cancel-After", CancelAfter.format(cancelAfter));
        if (preferWait > 0) rb.header("Prefer", "wait=" + preferWait);
        return prediction(json(client, rb.build(), ctx, ProblemMapper.Operation.CREATE, null), ProblemMapper.Operation.CREATE, null);
    }

    public Prediction get(OkHttpClient client, String id, CallContext ctx) {
        Request request = authorized(predictionUrl(id).build()).get().build();
        return prediction(json(client, request, ctx, ProblemMapper.Operation.GET, id), ProblemMapper.Operation.GET, id);
    }

    /** Best effort: any 2xx is done, and 404 or 409 mean the prediction is already gone or finished. */
    public void cancel(OkHttpClient client, String id, CallContext ctx) {
        Request request = authorized(predictionUrl(id).addPathSegment("cancel").build())
                .post(RequestBody.create(new byte[0], null)).build();
        try (HttpCalls.InFlight call = HttpCalls.execute(client, request, ctx, provider)) {
            int code = call.response().code();
            if (call.response().isSuccessful() || code == 404 || code == 409) return;
            byte[] body = readCapped(call, ctx, id);
            throw ProblemMapper.map(ProblemMapper.Operation.CANCEL, code, call.response().header("Retry-After"), body,
                    provider, id, clock, scrubber);
        }
    }

    /** {@code GET /v1/webhooks/default/secret}: the account's signing secret, {@code whsec_...}. */
    public String webhookSecret(OkHttpClient client, CallContext ctx) {
        Request request = authorized(url("v1/webhooks/default/secret")).get().build();
        JsonNode root = json(client, request, ctx, ProblemMapper.Operation.SECRET, null);
        JsonNode key = root.get("key");
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            throw ProviderUnavailableException.builder("webhook secret answer has no key").provider(provider).build();
        }
        return key.asText();
    }

    private Prediction prediction(JsonNode root, ProblemMapper.Operation op, @Nullable String id) {
        try {
            return Prediction.of(root);
        } catch (MalformedPredictionException e) {
            throw ProviderUnavailableException.builder(op.name().toLowerCase(Locale.ROOT) + " answered with "
                    + scrubber.text(e.getMessage())).provider(provider).requestId(id).cause(scrubber.cause(e)).build();
        }
    }

    private JsonNode json(OkHttpClient client, Request request, CallContext ctx, ProblemMapper.Operation op, @Nullable String id) {
        try (HttpCalls.InFlight call = HttpCalls.execute(client, request, ctx, provider)) {
            Response response = call.response();
            byte[] body = readCapped(call, ctx, id);
            if (!response.isSuccessful()) {
                throw ProblemMapper.map(op, response.code(), response.header("Retry-After"), body, provider, id, clock, scrubber);
            }
            try {
                return Prediction.MAPPER.readTree(body);
            } catch (IOException e) {
                throw ProviderUnavailableException.builder(op.name().toLowerCase(Locale.ROOT) + " answered HTTP "
                        + response.code() + " with a body that is not JSON").provider(provider).requestId(id)
                        .cause(scrubber.cause(e)).build();
            }
        }
    }

    private byte[] readCapped(HttpCalls.InFlight call, CallContext ctx, @Nullable String id) {
        ResponseBody body = call.response().body();
        try {
            BufferedSource source = body.source();
            if (!source.request(maxJsonBytes + 1)) return source.readByteArray();
            throw ProviderUnavailableException.builder("answer is larger than " + maxJsonBytes + " bytes")
                    .provider(provider).requestId(id).build();
        } catch (IOException e) {
            throw HttpCalls.failure(e, call.call(), ctx, provider, id);
        }
    }

    private Request.Builder authorized(HttpUrl url) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + token.reveal())
                .header("Accept", "application/json");
    }

    private HttpUrl url(String path) {
        HttpUrl resolved = base.resolve(path);
        if (resolved == null) throw new IllegalStateException("cannot resolve " + path);
        return resolved;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Prediction.MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The prediction's URL, the id added as one encoded path segment (it comes from the network). */
    private HttpUrl.Builder predictionUrl(String id) {
        return url("v1/predictions").newBuilder().addPathSegment(id);
    }
}
