package dev.ttskit.elevenlabs;

import dev.ttskit.ApiKey;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.testkit.NoLeaks;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account's concurrency limit, as ElevenLabs states it on every answer, drives how many calls the
 * client runs at once: a loopback server that allows {@value #ACCOUNT_LIMIT} and refuses more with a
 * concurrency 429, as the real one does.
 */
@ExtendWith(NoLeaks.class)
class AccountConcurrencyTest {
    private static final int ACCOUNT_LIMIT = 5;
    /** The client's limit before any answer: ElevenLabs' declared default for Turbo models. */
    private static final int FIRST_BURST = 10;
    private static final int CALLS = 40;
    private static final byte[] PCM = ElevenLabsTestSupport.bytes(48_000, 3);

    /** Counts calls in flight and refuses those above the limit; every answer states the limit. */
    private static final class AccountServer extends Dispatcher {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger served = new AtomicInteger();
        final AtomicInteger peakAfterFirstAnswer = new AtomicInteger();
        /** The client's whole first burst arrives before any answer leaves, so "after the first answer" is sharp. */
        final CountDownLatch firstBurst = new CountDownLatch(FIRST_BURST);
        volatile boolean answered;

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            int now = inFlight.incrementAndGet();
            if (answered) peakAfterFirstAnswer.accumulateAndGet(now, Math::max);
            firstBurst.countDown();
            firstBurst.await(10, TimeUnit.SECONDS);
            try {
                if (now > ACCOUNT_LIMIT) {
                    refused.incrementAndGet();
                    return new MockResponse.Builder().code(429)
                            .headers(Headers.of("Content-Type", "application/json",
                                    "maximum-concurrent-requests", Integer.toString(ACCOUNT_LIMIT),
                                    "current-concurrent-requests", Integer.toString(now)))
                            .body("{\"detail\":{\"status\":\"too_many_concurrent_requests\",\"message\":\"Too many concurrent requests.\"}}")
                            .build();
                }
                Thread.sleep(20);
                served.incrementAndGet();
                return new MockResponse.Builder().code(200)
                        .headers(Headers.of("Content-Type", "audio/mpeg",
                                "maximum-concurrent-requests", Integer.toString(ACCOUNT_LIMIT),
                                "current-concurrent-requests", Integer.toString(now)))
                        .body(new okio.Buffer().write(PCM))
                        .build();
            } finally {
                // Before the answer is written: the client cannot free its slot before the server counts the call done.
                inFlight.decrementAndGet();
                answered = true;
            }
        }
    }

    @Test
    void afterTheFirstAnswerTheClientNeverRunsMoreThanTheAccountAllowsAndEveryCallSucceeds() throws Exception {
        AccountServer account = new AccountServer();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(account);
            server.start(InetAddress.getLoopbackAddress(), 0);
            ElevenLabsProvider provider = ElevenLabsProvider.builder().apiKey(ApiKey.of("sk_account")).modelId("eleven_turbo_v2_5")
                    .baseUrl(server.url("/v1").toString()).build();
            assertEquals(FIRST_BURST, provider.capabilities().maxConcurrentCalls(), "the default the client starts from");
            try (TtsClient tts = TtsClient.builder().provider(provider).build()) {
                List<CompletableFuture<SpeechResult>> calls = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    // Distinct texts: identical requests would share one call.
                    calls.add(tts.synthesizeAsync(SpeechRequest.builder().text("This is call number " + i + " of the account test.")
                            .format(AudioFormat.WAV_PCM16_24K).timeout(Duration.ofSeconds(30)).build()));
                }
                for (CompletableFuture<SpeechResult> call : calls) assertEquals("elevenlabs", call.get(30, TimeUnit.SECONDS).provider());
            }
            assertEquals(CALLS, account.served.get(), "every call was answered with audio in the end");
            assertEquals(FIRST_BURST - ACCOUNT_LIMIT, account.refused.get(),
                    "only the first burst, sent before any answer stated the limit, was refused");
            assertTrue(account.peakAfterFirstAnswer.get() <= ACCOUNT_LIMIT,
                    "after the first answer the client kept to the account's limit, peak " + account.peakAfterFirstAnswer.get());
            assertTrue(account.peakAfterFirstAnswer.get() >= 2, "and it used the account: peak " + account.peakAfterFirstAnswer.get());
            assertEquals(ACCOUNT_LIMIT, provider.reportedConcurrencyLimit().orElseThrow());
        }
    }
}
