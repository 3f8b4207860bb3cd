package dev.ttskit.benchmarks.elevenlabs;

import dev.ttskit.HttpSettings;
import dev.ttskit.audio.AudioFormat;

import java.time.Duration;

/** What both contenders share, so the comparison differs only in the code between caller and socket. */
final class LoadSettings {
    /** Requests in flight at once in the throughput run. */
    static final int CONCURRENCY = 256;
    /** MP3 needs no WAV wrapping, so both sides hand on the bytes exactly as sent. */
    static final AudioFormat FORMAT = AudioFormat.MP3_44K_128;
    static final String OUTPUT_FORMAT = "mp3_44100_128";
    static final String MODEL_ID = "eleven_multilingual_v2";
    static final String VOICE_ID = "21m00Tcm4TlvDq8ikWAM";
    static final String API_KEY = "loopback-benchmark-key";
    static final String TEXT = "The quick brown fox jumps over the lazy dog, and then it naps in the warm afternoon sun.";
    /** Long enough for a 1 GB stream on a slow shared machine; the loopback answers in microseconds otherwise. */
    static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);

    /** The dispatcher admits all 256 in flight and the pool keeps every connection for reuse. */
    static final HttpSettings HTTP = new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60),
            CONCURRENCY, CONCURRENCY, CONCURRENCY, Duration.ofMinutes(5));

    private LoadSettings() {
    }
}
