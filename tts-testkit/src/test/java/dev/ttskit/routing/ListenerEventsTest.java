package dev.ttskit.routing;

import dev.ttskit.testkit.ManualSleeper;
import dev.ttskit.testkit.ManualClock;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Attempts, retries and failovers are reported in the order they happen. */
@ExtendWith(NoLeaks.class)
class ListenerEventsTest {
    private static final MockOutcome UNAVAILABLE = MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("a").requestId("ra").build());

    @Test
    void attemptsRetriesAndFailoversArriveInOrder() {
        ManualClock clock = new ManualClock();
        Events events = new Events();
        MockTtsProvider a = MockTtsProvider.builder("a").then(UNAVAILABLE).then(UNAVAILABLE).then(UNAVAILABLE).build();
        MockTtsProvider b = MockTtsProvider.alwaysAudio("b");
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).clock(clock).sleeper(new ManualSleeper(clock))
                .listener(events).build()) {
            tts.synthesize(SpeechRequest.of("Hi."));
        }
        assertEquals(List.of("attempt a 1", "retry a UNAVAILABLE", "attempt a 2", "retry a UNAVAILABLE", "attempt a 3",
                "failover a->b UNAVAILABLE", "attempt b 4"), events.all());
    }

    @Test
    void aTextTooLongForEveryProviderNamesEachRefusal() {
        MockTtsProvider a = MockTtsProvider.builder("a")
                .capabilities(MockTtsProvider.defaultCapabilities().toBuilder().maxChars(5).build()).build();
        MockTtsProvider b = MockTtsProvider.builder("b")
                .capabilities(MockTtsProvider.defaultCapabilities().toBuilder().maxChars(8).build()).build();
        try (TtsClient tts = TtsClient.builder().provider(a).provider(b).build()) {
            AllProvidersFailedException e = assertThrows(AllProvidersFailedException.class,
                    () -> tts.synthesize(SpeechRequest.of("A sentence that is too long.")));
            assertEquals(2, e.attempts().size());
            e.attempts().forEach(x -> assertInstanceOf(UnsupportedRequestException.class, x));
            assertEquals(0, a.callCount() + b.callCount());
        }
    }
}
