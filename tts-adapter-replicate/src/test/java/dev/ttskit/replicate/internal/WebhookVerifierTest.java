package dev.ttskit.replicate.internal;

import dev.ttskit.replicate.internal.WebhookVerifier.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec's vectors (section 7.3) and its negative matrix. */
public class WebhookVerifierTest {
    static final String V1_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String V1_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String V1_TS = "1614265330";
    static final byte[] V1_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String V1_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    static final String DOCS_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    static final String V2_BODY = "{\"id\":\"ufawqhfynnddngldkgtslldrkq\",\"version\":\"5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa\",\"created_at\":\"2022-04-26T22:13:06.224088Z\",\"started_at\":\"2022-04-26T22:13:06.224088Z\",\"completed_at\":\"2022-04-26T22:13:07.512345Z\",\"status\":\"succeeded\",\"input\":{\"text\":\"Alice\"},\"output\":\"hello Alice\",\"error\":null,\"logs\":\"\",\"metrics\":{\"predict_time\":1.288257}}";
    public static final String V3_BODY = "{\"id\":\"k3cg51x8vdrga0cmbzj9ttswzg\",\"model\":\"lucataco/xtts-v2\",\"version\":\"684bc3855b37866c0c65add2ff39c78f3dea3f4ff103a436465326e0f438d55e\",\"input\":{\"text\":\"Hello world\",\"speaker\":\"https://example.com/voices/narrator.wav\",\"language\":\"en\"},\"logs\":\"\",\"output\":\"https://replicate.delivery/pbxt/fe1Rk0aBcD2xYz/output.wav\",\"data_removed\":false,\"error\":null,\"status\":\"succeeded\",\"created_at\":\"2025-10-20T10:00:00.000Z\",\"started_at\":\"2025-10-20T10:00:01.100Z\",\"completed_at\":\"2025-10-20T10:00:02.300Z\",\"metrics\":{\"predict_time\":1.2,\"total_time\":2.3},\"urls\":{\"get\":\"https://api.replicate.com/v1/predictions/k3cg51x8vdrga0cmbzj9ttswzg\",\"cancel\":\"https://api.replicate.com/v1/predictions/k3cg51x8vdrga0cmbzj9ttswzg/cancel\",\"web\":\"https://replicate.com/p/k3cg51x8vdrga0cmbzj9ttswzg\"}}";

    static WebhookVerifier at(String secret, long epochSecond) {
        return new WebhookVerifier(WebhookVerifier.key(secret),
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC), Duration.ofMinutes(5));
    }

    @Test
    void officialVectorVerifies() {
        assertEquals(Verdict.VALID, at(V1_SECRET, 1614265330).verify(V1_ID, V1_TS, V1_SIG, V1_BODY));
        assertEquals(V1_SIG, WebhookVerifier.sign(WebhookVerifier.key(V1_SECRET), V1_ID, V1_TS, V1_BODY));
    }

    @Test
    void onlyTheCanonicalSpellingOfTheSignatureVerifies() {
        WebhookVerifier v = at(V1_SECRET, 1614265330);
        String unpadded = V1_SIG.substring(0, V1_SIG.length() - 1);   // the same bytes to a lenient base64 decoder
        assertEquals(Verdict.BAD_SIGNATURE, v.verify(V1_ID, V1_TS, unpadded, V1_BODY));
        assertEquals(Verdict.BAD_SIGNATURE, v.verify(V1_ID, V1_TS, V1_SIG + "=", V1_BODY));
        assertEquals(Verdict.VALID, v.verify(V1_ID, V1_TS, unpadded + " " + V1_SIG, V1_BODY), "any listed entry may match");
    }

    @Test
    void vectorsTwoAndThreeVerify() {
        assertEquals(371, V2_BODY.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(772, V3_BODY.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(Verdict.VALID, at(DOCS_SECRET, 1674087231).verify("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", "1674087231",
                "v1,RWwG5P7qdc2bHYVFvO1JdkCHpgQdPiDJ7cB4QWqzWmw=", V2_BODY.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Verdict.VALID, at(DOCS_SECRET, 1760954403).verify("msg_2tts9W4oZp0q3k1mVb8sRtYx7Ae", "1760954403",
                "v1,V9ed9pBzilv6nqIv8CACdD90Dk8xKXCSm8X7dtrfGc4=", V3_BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void secretWithoutPrefixAndWithoutPaddingIsAccepted() {
        String bare = V1_SECRET.substring("whsec_".length());
        assertEquals(Verdict.VALID, at(bare, 1614265330).verify(V1_ID, V1_TS, V1_SIG, V1_BODY));
        byte[] padded = WebhookVerifier.key("whsec_" + "A".repeat(34) + "==");
        byte[] unpadded = WebhookVerifier.key("whsec_" + "A".repeat(34));
        assertEquals(25, padded.length);
        assertEquals(padded.length, unpadded.length);
    }

    @Test
    void multiSignatureHeaderVerifiesWhenOneV1EntryMatches() {
        String header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
                + V1_SIG + " v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
        assertEquals(Verdict.VALID, at(V1_SECRET, 1614265330).verify(V1_ID, V1_TS, header, V1_BODY));
        assertEquals(Verdict.VALID, at(V1_SECRET, 1614265330).verify(V1_ID, V1_TS, "  garbage  " + V1_SIG + "  ", V1_BODY));
    }

    @Test
    void tamperedBodyIdOrTimestampIsRejected() {
        WebhookVerifier v = at(V1_SECRET, 1614265330);
        byte[] noSpace = "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8);
        assertEquals(Verdict.BAD_SIGNATURE, v.verify(V1_ID, V1_TS, V1_SIG, noSpace));
        assertEquals("v1,Vif40peJBP7Iyl0XGmu61n4MwdrcHov5CFREBpE0svs=",
                WebhookVerifier.sign(WebhookVerifier.key(V1_SECRET), V1_ID, V1_TS, noSpace));
        assertEquals(Verdict.BAD_SIGNATURE, v.verify(V1_ID, "1614265331", V1_SIG, V1_BODY));
        assertEquals("v1,l6C9/1+N/lSU6+gfh+YEGqTK2aQ+k8nMEWDvvCgHh7U=",
                WebhookVerifier.sign(WebhookVerifier.key(V1_SECRET), V1_ID, "1614265331", V1_BODY));
        assertEquals(Verdict.BAD_SIGNATURE, v.verify("msg_p5jXN8AQM9LWM0D4loKWxJeK", V1_TS, V1_SIG, V1_BODY));
        byte[] oneByte = V1_BODY.clone();
        oneByte[oneByte.length - 2] ^= 1;
        assertEquals(Verdict.BAD_SIGNATURE, v.verify(V1_ID, V1_TS, V1_SIG, oneByte));
    }

    @Test
    void wrongSecretIsRejected() {
        assertEquals(Verdict.BAD_SIGNATURE, at(DOCS_SECRET, 1614265330).verify(V1_ID, V1_TS, V1_SIG, V1_BODY));
    }

    @Test
    void onlyUnknownVersionsOrTokensWithoutCommaAreRejected() {
        WebhookVerifier v = at(V1_SECRET, 1614265330);
        String sig = V1_SIG.substring(3);
        assertEquals(Verdict.BAD_SIGNATURE, v.verify(V1_ID, V1_TS, "v2," + sig, V1_BODY));
        assertEquals(Verdict.BAD_SIGNATURE, v.verify(V1_ID, V1_TS, "v1a," + sig, V1_BODY));
        assertEquals(Verdict.BAD_SIGNATURE, v.verify(V1_ID, V1_TS, "v2," + sig + " v1a," + sig, V1_BODY));
        assertEquals(Verdict.BAD_SIGNATURE, v.verify(V1_ID, V1_TS, sig, V1_BODY));
        assertEquals(Verdict.BAD_SIGNATURE, v.verify(V1_ID, V1_TS, "v1,not*base64", V1_BODY));
    }

    @ParameterizedTest
    @ValueSource(longs = {-299, 299, 0, 300, -300})
    void timestampsWithinToleranceAreAccepted(long offset) {
        assertEquals(Verdict.VALID, at(V1_SECRET, 1614265330 - offset).verify(V1_ID, V1_TS, V1_SIG, V1_BODY));
    }

    @ParameterizedTest
    @ValueSource(longs = {-301, 301, 86_400, -86_400})
    void staleAndFutureTimestampsAreRejected(long offset) {
        assertEquals(Verdict.STALE, at(V1_SECRET, 1614265330 - offset).verify(V1_ID, V1_TS, V1_SIG, V1_BODY));
    }

    @Test
    void missingHeadersAndBadTimestampsAreRejected() {
        WebhookVerifier v = at(V1_SECRET, 1614265330);
        assertEquals(Verdict.MISSING_HEADER, v.verify("", V1_TS, V1_SIG, V1_BODY));
        assertEquals(Verdict.MISSING_HEADER, v.verify(V1_ID, " ", V1_SIG, V1_BODY));
        assertEquals(Verdict.MISSING_HEADER, v.verify(V1_ID, V1_TS, "", V1_BODY));
        assertEquals(Verdict.MISSING_HEADER, v.verify(V1_ID, V1_TS, " ", V1_BODY));
        assertEquals(Verdict.BAD_TIMESTAMP, v.verify(V1_ID, "16142653x0", V1_SIG, V1_BODY));
        assertEquals(Verdict.BAD_TIMESTAMP, v.verify(V1_ID, "-1614265330", V1_SIG, V1_BODY));
        assertEquals(Verdict.BAD_TIMESTAMP, v.verify(V1_ID, "99999999999999999999999", V1_SIG, V1_BODY));
    }

    @Test
    void secretsOutsideTwentyFourToSixtyFourBytesAreRefused() {
        String b64 = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[]{1});
        IllegalArgumentException oneByte = assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.key(b64));
        assertTrue(oneByte.getMessage().contains("24..64 bytes, was 1"), oneByte.getMessage());
        for (int n : new int[]{23, 65, 128}) {
            String s = java.util.Base64.getEncoder().encodeToString(new byte[n]);
            assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.key(s), n + " bytes");
        }
        assertEquals(24, WebhookVerifier.key(java.util.Base64.getEncoder().encodeToString(new byte[24])).length);
        assertEquals(64, WebhookVerifier.key(java.util.Base64.getEncoder().encodeToString(new byte[64])).length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "whsec_", "   ", "whsec_!!!!"})
    void unusableSecretsAreRefusedWithoutEchoingThem(String secret) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.key(secret));
        if (secret.length() > 6) assertEquals(-1, e.getMessage().indexOf("!!!!"));
    }
}
