package dev.ttskit.replicate;

import dev.ttskit.AllProvidersFailedException;
import dev.ttskit.AudioFormatException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static dev.ttskit.replicate.Fixtures.dataUri;
import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;
import static dev.ttskit.replicate.Fixtures.quoted;
import static dev.ttskit.replicate.Fixtures.wavOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outputs whose WAV header is valid but names a rate or channel count no {@code AudioFormat} can
 * describe: a typed BAD_AUDIO that is not retried, never an IllegalArgumentException that the router
 * would take for an outage and retry with a new billed prediction.
 */
class OddOutputTest extends ReplicateTestBase {
    private static final String KOKORO = "jaaari/kokoro-82m:f559560eb822dc509045f3921a1921234918b91739db4bf3daab2169b71c7a13";

    private static byte[] tone(int rate, int channels) {
        byte[] data = new byte[2 * channels * 2_000];
        for (int i = 0; i < data.length / 2; i++) {
            short v = (short) (Math.sin(i * 0.05) * 12_000);
            data[2 * i] = (byte) v;
            data[2 * i + 1] = (byte) (v >> 8);
        }
        return wavOf(data, rate, channels, 16, 1);
    }

    @ParameterizedTest
    @CsvSource({"384000, 1, 384000 Hz", "2000, 1, 2000 Hz", "24000, 12, channel count 12", "1000, 1, 1000 Hz"})
    void aWavOutsideTheDescribableRangesIsBadAudioNotRetried(int rate, int channels, String named) {
        routes.on("POST", "/v1/predictions", json(201, prediction("odd", "succeeded", quoted(dataUri(tone(rate, channels))))));
        ReplicateProvider p = provider(KOKORO).build();
        for (AudioFormat wanted : new AudioFormat[] {AudioFormat.WAV_PCM16_24K, AudioFormat.MP3_44K_128}) {
            TtsException e = assertThrows(TtsException.class,
                    () -> p.synthesize(request("Hello", wanted), ctx(Duration.ofSeconds(30))));
            assertInstanceOf(AudioFormatException.class, e, e.toString());
            assertEquals(ErrorCategory.BAD_AUDIO, e.category());
            assertFalse(e.retryable(), "the same model would bill a new prediction for the same file");
            assertTrue(e.getMessage().contains(named), e.getMessage());
            assertEquals("replicate", e.provider().orElseThrow());
        }
    }

    @ParameterizedTest
    @CsvSource({"384000, 1", "24000, 12"})
    void throughTheClientTheOddOutputCostsOnePrediction(int rate, int channels) {
        routes.on("POST", "/v1/predictions", json(201, prediction("odd", "succeeded", quoted(dataUri(tone(rate, channels))))));
        try (TtsClient tts = TtsClient.builder().provider(provider(KOKORO).build()).build()) {
            TtsException e = assertThrows(TtsException.class, () -> tts.synthesize(SpeechRequest.builder().text("Hello there.")
                    .format(AudioFormat.WAV_PCM16_24K).build()));
            TtsException cause = e instanceof AllProvidersFailedException && e.getSuppressed().length > 0
                    ? (TtsException) e.getSuppressed()[0] : e;
            assertEquals(ErrorCategory.BAD_AUDIO, cause.category(), e.toString());
        }
        assertEquals(1, routes.count("POST", "/v1/predictions"), "one billed prediction, not one per retry");
    }

    @ParameterizedTest
    @CsvSource({"192000, 8", "4000, 1"})
    void theEdgesOfTheRangesAreDelivered(int rate, int channels) {
        routes.on("POST", "/v1/predictions", json(201, prediction("edge", "succeeded", quoted(dataUri(tone(rate, channels))))));
        ReplicateProvider p = provider(KOKORO).build();
        assertEquals(24_000, p.synthesize(request("Hello", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30))).format().sampleRate());
    }
}
