package dev.ttskit.cluster;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Signed Replicate webhook deliveries (Standard Webhooks), as Replicate sends them. */
final class Webhooks {
    static final String SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final OkHttpClient HTTP = new OkHttpClient();

    private Webhooks() {
    }

    static byte[] prediction(String id, String status) {
        return ("{\"id\":\"" + id + "\",\"model\":\"owner/model\",\"version\":\"v\",\"input\":{},\"logs\":\"\","
                + "\"output\":\"https://replicate.delivery/x/out.wav\",\"error\":null,\"status\":\"" + status + "\","
                + "\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/" + id + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, List<String>> headers(String deliveryId, long epochSeconds, byte[] body, String secret) {
        String ts = Long.toString(epochSeconds);
        return Map.of("webhook-id", List.of(deliveryId), "webhook-timestamp", List.of(ts),
                "webhook-signature", List.of("v1," + sign(secret, deliveryId + "." + ts + ".", body)));
    }

    static String sign(String secret, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a delivery to a receiver; its status code. */
    static int post(InetSocketAddress at, String path, Map<String, List<String>> headers, byte[] body) throws IOException {
        Request.Builder r = new Request.Builder().url("http://127.0.0.1:" + at.getPort() + path)
                .post(RequestBody.create(body, MediaType.get("application/json")));
        headers.forEach((k, v) -> r.header(k, v.get(0)));
        try (Response response = HTTP.newCall(r.build()).execute()) {
            return response.code();
        }
    }
}
