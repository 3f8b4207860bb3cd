package dev.ttskit.elevenlabs;

import dev.ttskit.AuthenticationException;
import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RateLimitException;
import dev.ttskit.TtsException;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Opening an input-streaming session ends in a typed outcome, whatever the timing of the rejection. */
class WebSocketOpeningTest extends ElevenLabsTestSupport {

    @Test
    void aRejectedHandshakeIsTheMappedTypedErrorEveryTime() {
        List<Object[]> answers = List.of(
                new Object[] {401, "{\"detail\":{\"status\":\"invalid_api_key\",\"message\":\"Invalid API key\"}}", AuthenticationException.class},
                new Object[] {429, "{\"detail\":{\"status\":\"system_busy\",\"message\":\"Busy.\"}}", RateLimitException.class},
                new Object[] {503, "", ProviderUnavailableException.class});
        for (int round = 0; round < 40; round++) {
            Object[] a = answers.get(round % answers.size());
            server.enqueue(json((Integer) a[0], (String) a[1]));
            @SuppressWarnings("unchecked")
            Class<? extends TtsException> expected = (Class<? extends TtsException>) a[2];
            TtsException e = assertThrows(TtsException.class,
                    () -> provider.openInputStream(request("Hi ", AudioFormat.MP3_44K_128), ctx(), s -> { }).close(), "round " + round);
            assertInstanceOf(expected, e, "round " + round + ": " + e);
        }
    }

    @Test
    void cancellingWhileTheHandshakeIsPendingEndsTheOpenAsCancelled() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).headersDelay(30, TimeUnit.SECONDS).body("").build());
        CancellationToken token = new CancellationToken();
        CallContext c = CallContext.of(Duration.ofSeconds(60), Clock.systemUTC(), token, resources);
        CompletableFuture<Void> open = CompletableFuture.runAsync(
                () -> provider.openInputStream(request("Hi ", AudioFormat.MP3_44K_128), c, s -> { }).close());
        assertNotNull(server.takeRequest(10, TimeUnit.SECONDS), "the upgrade was never sent");
        token.cancel();
        Throwable failure = assertThrows(Exception.class, () -> open.get(10, TimeUnit.SECONDS)).getCause();
        assertInstanceOf(CancelledException.class, failure, String.valueOf(failure));
    }

    @Test
    void aHandshakeSlowerThanTheDeadlineIsATimeout() {
        server.enqueue(new MockResponse.Builder().code(401).headersDelay(30, TimeUnit.SECONDS).body("").build());
        assertThrows(TtsTimeoutException.class,
                () -> provider.openInputStream(request("Hi ", AudioFormat.MP3_44K_128), ctx(Duration.ofMillis(200)), s -> { }).close());
    }
}
