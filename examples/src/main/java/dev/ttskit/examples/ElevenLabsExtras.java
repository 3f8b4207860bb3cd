package dev.ttskit.examples;

import dev.ttskit.ApiKey;
import dev.ttskit.AudioStream;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TimedSpan;
import dev.ttskit.Timestamps;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.elevenlabs.ElevenLabsModel;
import dev.ttskit.elevenlabs.ElevenLabsProvider;
import dev.ttskit.elevenlabs.Subscription;
import dev.ttskit.spi.ProviderRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ElevenLabs' own API — models, the account's quota, audio streamed with character timings — used
 * under the client with {@link TtsClient#call}: each call gets the client's deadline and HTTP client,
 * is refused while ElevenLabs' breaker is open, and ends when the client is closed.
 *
 * <pre>ELEVENLABS_API_KEY=... java -cp examples/target/ttskit-cli.jar dev.ttskit.examples.ElevenLabsExtras out.mp3</pre>
 */
public final class ElevenLabsExtras {
    private ElevenLabsExtras() {
    }

    /** What one run found and wrote. */
    public record Report(List<ElevenLabsModel> models, Subscription quota, long audioBytes, Timestamps timings) {
    }

    public static void main(String[] args) throws IOException {
        String key = System.getenv("ELEVENLABS_API_KEY");
        if (key == null || key.isBlank()) {
            System.err.println("set ELEVENLABS_API_KEY");
            System.exit(2);
        }
        Report r = run(ElevenLabsProvider.DEFAULT_BASE_URL, ApiKey.of(key), Path.of(args.length > 0 ? args[0] : "extras.mp3"));
        System.out.println(r.models().size() + " models; " + r.quota().remainingCharacters() + " characters left");
        System.out.println(r.audioBytes() + " bytes of audio, words: " + r.timings().words());
    }

    /** Lists the models, reads the quota, and streams one sentence with its timings into {@code out}. */
    public static Report run(String baseUrl, ApiKey key, Path out) throws IOException {
        ElevenLabsProvider elevenLabs = ElevenLabsProvider.builder().apiKey(key).baseUrl(baseUrl).build();
        try (TtsClient tts = TtsClient.builder().provider(elevenLabs).build()) {
            List<ElevenLabsModel> models = tts.call(ElevenLabsProvider.ID, ElevenLabsProvider.class, (p, ctx) -> p.models(ctx));
            Subscription quota = tts.call(ElevenLabsProvider.ID, ElevenLabsProvider.class, (p, ctx) -> p.subscription(ctx));

            SpeechRequest request = SpeechRequest.builder().text("Timings for every character.").format(AudioFormat.MP3_44K_128).build();
            ProviderRequest forElevenLabs = ProviderRequest.of(ElevenLabsProvider.ID, request, Optional.empty(), request.format());
            List<TimedSpan> characters = new ArrayList<>();
            long bytes;
            // The stream is the caller's to close; it stays under the client's deadline while it is read.
            try (AudioStream audio = tts.call(ElevenLabsProvider.ID, ElevenLabsProvider.class,
                    (p, ctx) -> p.streamWithTimestamps(forElevenLabs, ctx, characters::addAll));
                 OutputStream file = Files.newOutputStream(out)) {
                bytes = audio.transferTo(file);
            }
            return new Report(models, quota, bytes, Timestamps.fromCharacters(characters));
        }
    }
}
