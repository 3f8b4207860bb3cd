package dev.ttskit.examples;

import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.testkit.MockOutcome;
import dev.ttskit.testkit.MockTtsProvider;
import dev.ttskit.testkit.RecordedCall;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How an application tests its own code that speaks: the testkit's MockTtsProvider stands in for
 * every provider, scripted call by call, and records what it was asked.
 */
class AnnouncementServiceTest {
    @Test
    void asksForTheAnnouncementInThePaSystemsFormat() {
        MockTtsProvider mock = MockTtsProvider.builder().then(MockOutcome.audio(Duration.ofMillis(800))).build();
        try (TtsClient tts = TtsClient.builder().provider(mock).build()) {
            Optional<SpeechResult> audio = new AnnouncementService(tts).platformChange("08:15 to Leeds", 4, 9);

            assertTrue(audio.isPresent());
            assertEquals(AudioFormat.WAV_PCM16_16K, audio.get().format());
            RecordedCall call = mock.calls().get(0);
            assertEquals("The 08:15 to Leeds will now depart from platform 9 instead of platform 4.", call.request().text());
            assertEquals(Optional.of("en"), call.request().language());
        }
    }

    @Test
    void staysSilentInsteadOfFailingWhenNoProviderCanSpeak() {
        MockTtsProvider down = MockTtsProvider.builder()
                .otherwise(MockOutcome.error(ProviderUnavailableException.builder("HTTP 503").provider("mock").build())).build();
        try (TtsClient tts = TtsClient.builder().provider(down).build()) {
            assertEquals(Optional.empty(), new AnnouncementService(tts).platformChange("08:15 to Leeds", 4, 9));
            assertTrue(down.callCount() >= 1);
        }
    }

    @Test
    void rejectsAChangeThatIsNoChange() {
        MockTtsProvider mock = MockTtsProvider.alwaysAudio("mock");
        try (TtsClient tts = TtsClient.builder().provider(mock).build()) {
            assertThrows(IllegalArgumentException.class, () -> new AnnouncementService(tts).platformChange("x", 2, 2));
            assertEquals(0, mock.callCount());
        }
    }
}
