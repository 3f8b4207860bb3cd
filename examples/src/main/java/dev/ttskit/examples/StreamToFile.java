package dev.ttskit.examples;

import dev.ttskit.AudioStream;
import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams audio to a file as the provider sends it. With a streaming provider the first bytes arrive
 * before synthesis finishes; failover happens only before the first byte.
 */
public final class StreamToFile {
    private StreamToFile() {
    }

    public static void main(String[] args) throws IOException {
        // From the environment: the configured providers, the embedded voice last.
        try (TtsClient tts = TtsClient.fromEnv()) {
            long bytes = stream(tts, Path.of(args.length > 0 ? args[0] : "stream.pcm"));
            System.out.println("streamed " + bytes + " bytes");
        }
    }

    /** Streams a sentence as raw 16 kHz PCM into {@code out}; returns the bytes written. */
    public static long stream(TtsClient tts, Path out) throws IOException {
        SpeechRequest request = SpeechRequest.builder()
                .text("Streaming writes audio while it is being made.")
                .format(AudioFormat.PCM16_16K)
                .build();
        // Both the stream and the file are closed however this ends; closing early cancels the call.
        try (AudioStream audio = tts.stream(request); OutputStream file = Files.newOutputStream(out)) {
            return audio.transferTo(file);
        }
    }
}
