package dev.ttskit.benchmarks.openai;

import dev.ttskit.HttpSettings;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.openai.OpenAiProvider;

import java.time.Duration;

/** What every OpenAI contender shares, so the comparison differs only in the code between caller and socket. */
final class OpenAiLoad {
    static final int CONCURRENCY = 256;
    /** OpenAI's MP3: handed on as sent, no WAV wrapping on either side. */
    static final AudioFormat FORMAT = OpenAiProvider.OPENAI_MP3;
    static final String MODEL = "gpt-4o-mini-tts";
    static final String VOICE = "coral";
    static final String API_KEY = "sk-loopback-benchmark";
    static final String TEXT = "The quick brown fox jumps over the lazy dog, and then it naps in the warm afternoon sun.";
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    /** The dispatcher admits all 256 in flight and the pool keeps every connection for reuse. */
    static final HttpSettings HTTP = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60),
            CONCURRENCY, CONCURRENCY, CONCURRENCY, Duration.ofMinutes(5));

    private OpenAiLoad() {
    }

    static OpenAiProvider.Builder provider(String baseUrl) {
        // The loopback stands in for OpenAI itself, so requests are checked as they would be there.
        return OpenAiProvider.builder().apiKey(dev.ttskit.ApiKey.of(API_KEY)).baseUrl(baseUrl).compatibleServer(false)
                .model(MODEL).voice(VOICE);
    }
}
