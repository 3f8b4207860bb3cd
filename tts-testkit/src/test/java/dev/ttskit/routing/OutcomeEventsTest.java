package dev.ttskit.routing;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.AttemptOutcome;
import dev.ttskit.AudioStream;
import dev.ttskit.CachePolicy;
import dev.ttskit.ErrorCategory;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.RequestOutcome;
import dev.ttskit.RetryPolicy;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsListener;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One outcome event per finished request and per finished provider call. */
@ExtendWith(NoLeaks.class)
class OutcomeEventsTest {
    private static final SpeechRequest HI = SpeechRequest.of("Hello there.");
    private static final MockOutcome UNAVAILABLE = MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("a").build());

    private final ManualClock clock = new ManualClock();
    private final List<RequestOutcome> requests = new CopyOnWriteArrayList<>();
    private final List<AttemptOutcome> attempts = new CopyOnWriteArrayList<>();
    private final TtsListener recorder = new TtsListener() {
        @Override
        public void onRequestFinished(RequestOutcome outcome) {
            requests.add(outcome);
        }

        @Override
        public void onAttemptFinished(AttemptOutcome outcome) {
            attempts.add(outcome);
        }
    };

    private TtsClient.Builder client(MockTtsProvider... providers) {
        TtsClient.Builder b = TtsClient.builder().clock(clock).sleeper(new ManualSleeper(clock)).retry(RetryPolicy.NONE).listener(recorder);
        for (MockTtsProvider p : providers) b.provider(p);
        return b;
    }

    @Test
    void aSuccessfulRequestReportsProviderAttemptsCharactersAndBytes() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        try (TtsClient tts = client(a).build()) {
            SpeechResult r = tts.synthesize(HI);
            assertEquals(1, requests.size());
            RequestOutcome o = requests.get(0);
            assertEquals(RequestOutcome.Kind.SYNTHESIZE, o.kind());
            assertEquals(Optional.of("a"), o.provider());
            assertEquals(1, o.attempts());
            assertEquals(HI.text().length(), o.characters());
            assertEquals(r.size(), o.bytes());
            assertTrue(o.succeeded());
            assertEquals(Optional.empty(), o.timeToFirstByte());
            assertEquals(List.of("a#1 ok"), describe(attempts));
        }
    }

    @Test
    void failoverReportsEveryAttemptAndTheProviderThatAnswered() {
        MockTtsProvider a = MockTtsProvider.builder("a").then(UNAVAILABLE).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = client(a, b).build()) {
            tts.synthesize(HI);
            assertEquals(Optional.of("b"), requests.get(0).provider());
            assertEquals(2, requests.get(0).attempts());
            assertEquals(List.of("a#1 UNAVAILABLE", "b#2 ok"), describe(attempts));
        }
    }

    @Test
    void aFailedRequestReportsItsCategoryAndTheLastProvider() {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(UNAVAILABLE).build();
        MockTtsProvider b = MockTtsProvider.builder("b").otherwise(MockOutcome.silence(Duration.ofMillis(500))).build();
        try (TtsClient tts = client(a, b).build()) {
            assertThrows(AllProvidersFailedException.class, () -> tts.synthesize(HI));
            RequestOutcome o = requests.get(0);
            assertEquals(Optional.of(ErrorCategory.EXHAUSTED), o.failure());
            assertEquals(Optional.of("b"), o.provider());
            assertEquals(2, o.attempts());
            assertEquals(0, o.bytes());
            assertEquals(List.of("a#1 UNAVAILABLE", "b#2 BAD_AUDIO"), describe(attempts));
        }
    }

    @Test
    void aCacheHitIsReportedWithoutAnAttempt() {
        MockTtsProvider a = MockTtsProvider.alwaysAudio("a");
        try (TtsClient tts = client(a).cache(CachePolicy.maxBytes(10_000_000)).build()) {
            tts.synthesize(HI);
            tts.synthesize(HI);
            assertEquals(2, requests.size());
            assertTrue(requests.get(1).cacheHit());
            assertEquals(0, requests.get(1).attempts());
            assertEquals(1, attempts.size());
        }
    }

    @Test
    void aStreamReportsOnceWhenItEndsWithTimeToFirstByteAndBytesRead() throws IOException {
        MockTtsProvider a = MockTtsProvider.builder("a").otherwise(MockOutcome.chunked(4, Duration.ofMillis(100), Duration.ZERO)).build();
        try (TtsClient tts = client(a).build()) {
            long read;
            try (AudioStream s = tts.stream(SpeechRequest.builder().text("Hello there.").format(AudioFormat.PCM16_24K).build())) {
                assertEquals(List.of(), requests, "nothing is reported while the stream is open");
                read = s.readAllBytes().length;
            }
            assertEquals(1, requests.size());
            RequestOutcome o = requests.get(0);
            assertEquals(RequestOutcome.Kind.STREAM, o.kind());
            assertEquals(read, o.bytes());
            assertTrue(o.timeToFirstByte().isPresent());
            assertTrue(o.succeeded());
        }
    }

    @Test
    void aStreamFailingMidwayReportsStream() {
        MockTtsProvider a = MockTtsProvider.builder("a").then(MockOutcome.failMidStream(2, Duration.ofMillis(100),
                ProviderUnavailableException.builder("reset").provider("a").build())).build();
        try (TtsClient tts = client(a).build();
             AudioStream s = tts.stream(SpeechRequest.builder().text("Hello there.").format(AudioFormat.PCM16_24K).build())) {
            assertThrows(IOException.class, s::readAllBytes);
            assertEquals(Optional.of(ErrorCategory.STREAM), requests.get(0).failure());
            assertTrue(requests.get(0).bytes() > 0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(1, requests.size(), "closing after the failure reports nothing more");
    }

    private static List<String> describe(List<AttemptOutcome> outcomes) {
        return outcomes.stream().map(o -> o.provider() + "#" + o.attempt() + " " + o.failure().map(Enum::name).orElse("ok")).toList();
    }
}
