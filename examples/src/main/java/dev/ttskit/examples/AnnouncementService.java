package dev.ttskit.examples;

import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;

import java.util.Objects;
import java.util.Optional;

/**
 * Application code that uses ttskit: turns a platform change into a station announcement. Its unit
 * test ({@code AnnouncementServiceTest}) runs it against the testkit's {@code MockTtsProvider}, with
 * no provider, key or network.
 */
public final class AnnouncementService {
    private final TtsClient tts;

    /** @param tts the client to speak with; the service does not own or close it */
    public AnnouncementService(TtsClient tts) {
        this.tts = Objects.requireNonNull(tts, "tts");
    }

    /**
     * The announcement as 16 kHz WAV for the public-address system, or empty when no provider could
     * speak it (the display still shows the change; silence is better than a crash).
     */
    public Optional<SpeechResult> platformChange(String train, int fromPlatform, int toPlatform) {
        if (fromPlatform == toPlatform) throw new IllegalArgumentException("platform did not change: " + fromPlatform);
        String text = "The " + train + " will now depart from platform " + toPlatform
                + " instead of platform " + fromPlatform + ".";
        try {
            return Optional.of(tts.synthesize(SpeechRequest.builder().text(text).language("en")
                    .format(AudioFormat.WAV_PCM16_16K).build()));
        } catch (TtsException e) {
            return Optional.empty();
        }
    }
}
