package dev.ttskit.routing;

import dev.ttskit.AudioStream;
import dev.ttskit.CachePolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsTimeoutException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockAudio;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Identical requests in flight share one provider call, cache on or off; each caller keeps its own
 * deadline and cancellation; the call ends early only when its last waiter leaves.
 */
@ExtendWith(NoLeaks.class)
class SingleFlightTest {
    private static final SpeechRequest HI = SpeechRequest.of("Hello there.");

    private final ManualClock clock = new ManualClock();
    private final Events events = new Events();

    private TtsClient.Builder client(MockTtsProvider... providers) {
        TtsClient.Builder b = TtsClient.builder().clock(clock).sleeper(new ManualSleeper(clock)).listener(events);
        for (MockTtsProvider p : providers) b.provider(p);
        return b;
    }

    private static MockTtsProvider gated(String id, CountDownLatch gate) {
        return MockTtsProvider.builder(id).otherwise(MockOutcome.gated(gate, MockOutcome.audio(Duration.ofMillis(300)))).build();
    }

    private static SpeechResult get(CompletableFuture<SpeechResult> f) throws Exception {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw e;
        }
    }

    @Test
    void identicalRequestsInFlightShareOneCallWithTheCacheOff() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider a = gated("a", gate);
        try (TtsClient tts = client(a).noCache().build()) {
            List<CompletableFuture<SpeechResult>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) calls.add(tts.synthesizeAsync(HI));
            Waits.until(() -> events.starting("shared a").size() == 2, "two requests joined the first one's call");
            gate.countDown();
            byte[] first = get(calls.get(0)).audioBytes();
            for (CompletableFuture<SpeechResult> c : calls) assertArrayEquals(first, get(c).audioBytes());
            assertEquals(1, a.callCount(), "one provider call for three requests");
            assertEquals("a", tts.synthesize(HI).provider());
            assertEquals(2, a.callCount(), "a finished call is not shared: without a cache the next request calls again");
        }
    }

    @Test
    void identicalRequestsShareOneCallWithTheCacheOn() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider a = gated("a", gate);
        try (TtsClient tts = client(a).cache(CachePolicy.maxBytes(10_000_000)).build()) {
            CompletableFuture<SpeechResult> one = tts.synthesizeAsync(HI);
            CompletableFuture<SpeechResult> two = tts.synthesizeAsync(HI);
            Waits.until(() -> events.starting("shared a").size() == 1, "the second joined the first");
            gate.countDown();
            assertEquals("a", get(one).provider());
            assertEquals("a", get(two).provider());
            assertEquals(1, a.callCount());
        }
    }

    @Test
    void differentRequestsAreNotShared() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider a = gated("a", gate);
        try (TtsClient tts = client(a).build()) {
            CompletableFuture<SpeechResult> one = tts.synthesizeAsync(HI);
            CompletableFuture<SpeechResult> two = tts.synthesizeAsync(SpeechRequest.builder().text("Hello there.").speed(1.2).build());
            Waits.until(() -> a.callCount() == 2, "both called the provider");
            gate.countDown();
            get(one);
            get(two);
            assertEquals(List.of(), events.starting("shared"));
        }
    }

    @Test
    void eachCallerKeepsItsOwnDeadline() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider a = gated("a", gate);
        try (TtsClient tts = client(a).build()) {
            CompletableFuture<SpeechResult> patient = tts.synthesizeAsync(HI);
            Waits.until(() -> a.inFlight() == 1, "the first call is in flight");
            CompletableFuture<SpeechResult> hurried = tts.synthesizeAsync(SpeechRequest.builder().text("Hello there.")
                    .timeout(Duration.ofSeconds(1)).build());
            Waits.until(() -> events.starting("shared a").size() == 1, "the hurried request joined");
            clock.advance(Duration.ofSeconds(1));
            TtsTimeoutException e = assertThrows(TtsTimeoutException.class, () -> get(hurried));
            assertEquals("a", e.provider().orElseThrow());
            assertEquals(1, a.inFlight(), "the shared call goes on for the patient caller");
            gate.countDown();
            assertEquals("a", get(patient).provider());
            assertEquals(1, a.callCount());
            assertEquals(0, tts.health().get(0).failedCalls(), "a caller leaving early is not the provider's failure");
        }
    }

    @Test
    void theSharedCallIsCancelledOnlyWhenItsLastWaiterLeaves() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider a = gated("a", gate);
        try (TtsClient tts = client(a).build()) {
            CompletableFuture<SpeechResult> one = tts.synthesizeAsync(HI);
            Waits.until(() -> a.inFlight() == 1, "the call is in flight");
            CompletableFuture<SpeechResult> two = tts.synthesizeAsync(HI);
            Waits.until(() -> events.starting("shared a").size() == 1, "the second request joined");
            one.cancel(true);
            assertThrows(CancellationException.class, () -> get(one));
            assertEquals(1, a.inFlight(), "the other waiter still needs the call");
            two.cancel(true);
            Waits.until(() -> a.inFlight() == 0, "the last waiter left: the call was cancelled");
            assertEquals(1, a.callCount());
            assertEquals(0, tts.health().get(0).failedCalls());
        }
    }

    @Test
    void streamsAreNotShared() throws Exception {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.chunked(3, Duration.ofMillis(100), Duration.ZERO)).build();
        SpeechRequest pcm = SpeechRequest.builder().text("Hello there.").format(AudioFormat.PCM16_24K).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TtsClient tts = client(a).build()) {
            List<CompletableFuture<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                reads.add(CompletableFuture.supplyAsync(() -> {
                    try (AudioStream s = tts.stream(pcm)) {
                        return s.readAllBytes();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            for (CompletableFuture<byte[]> r : reads) assertTrue(r.get(10, TimeUnit.SECONDS).length > 0);
            assertEquals(2, a.callCount());
            assertEquals(List.of(), events.starting("shared"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReRecordedSpeakerReferenceIsANewKey(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("voice.wav");
        Files.write(reference, MockAudio.tone(AudioFormat.WAV_PCM16_24K, Duration.ofSeconds(1)));
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        SpeechRequest cloned = SpeechRequest.builder().text("Hello there.").speakerReference(reference).build();
        try (TtsClient tts = client(a).cache(CachePolicy.maxBytes(10_000_000)).build()) {
            tts.synthesize(cloned);
            tts.synthesize(cloned);
            assertEquals(1, a.callCount(), "the same recording hits the cache");
            FileTime before = Files.getLastModifiedTime(reference);
            Files.write(reference, MockAudio.tone(AudioFormat.WAV_PCM16_24K, Duration.ofMillis(1500)));
            Files.setLastModifiedTime(reference, FileTime.fromMillis(before.toMillis() + 10_000));
            tts.synthesize(cloned);
            assertEquals(2, a.callCount(), "a re-recorded reference is another voice");
        }
    }

    @Test
    void aLogicalVoiceMappedToAReferenceFileFollowsItsContent(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("narrator.wav");
        byte[] take1 = MockAudio.tone(AudioFormat.WAV_PCM16_24K, Duration.ofSeconds(1));
        Files.write(reference, take1);
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        SpeechRequest narrated = SpeechRequest.builder().text("Hello there.").voice("narrator").build();
        try (TtsClient tts = client(a).cache(CachePolicy.maxBytes(10_000_000)).voice("narrator", v -> v.on("a", reference)).build()) {
            tts.synthesize(narrated);
            // Same size, new content (one sample changed), new modification time: the digest is taken again.
            byte[] take2 = take1.clone();
            take2[take2.length - 1] ^= 0x7F;
            Files.write(reference, take2);
            Files.setLastModifiedTime(reference, FileTime.fromMillis(Files.getLastModifiedTime(reference).toMillis() + 10_000));
            tts.synthesize(narrated);
            assertEquals(2, a.callCount(), "the cache key follows the file's content, not its path");
            tts.synthesize(narrated);
            assertEquals(2, a.callCount());
        }
    }

    @Test
    void aCallAbandonedByItsLastWaiterIsNotJoinedAgain() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.gated(gate, MockOutcome.audio(Duration.ofMillis(300))))
                .otherwise(MockOutcome.audio(Duration.ofMillis(300))).build();
        try (TtsClient tts = client(a).build()) {
            CompletableFuture<SpeechResult> one = tts.synthesizeAsync(HI);
            Waits.until(() -> a.inFlight() == 1, "the call is in flight");
            one.cancel(true);
            Waits.until(() -> a.inFlight() == 0, "the abandoned call ended");
            assertEquals("a", tts.synthesize(HI).provider(), "a new request makes a new call");
            assertEquals(2, a.callCount());
        }
    }
}
