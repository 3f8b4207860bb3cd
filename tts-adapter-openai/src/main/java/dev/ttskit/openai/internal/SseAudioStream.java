package dev.ttskit.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ttskit.AudioFormatException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.TtsException;
import dev.ttskit.http.ChunkedAudio;
import org.jspecify.annotations.Nullable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The audio inside a {@code stream_format=sse} answer (spec section 5.2): {@code speech.audio.delta}
 * events carry base64 audio, {@code speech.audio.done} ends it. Each event's audio is handed on as
 * soon as its blank line arrives. {@code event:}, {@code id:} and comment lines, unknown event types
 * and a {@code [DONE]} sentinel are ignored. A stream that ends before {@code speech.audio.done} was
 * cut short; an undecodable delta is bad audio. Failures are {@link IOException}s whose cause is the
 * typed exception, as the audio body expects.
 */
final class SseAudioStream extends ChunkedAudio {
    private final BufferedReader lines;
    private final String provider;
    private final String requestId;
    private final StringBuilder data = new StringBuilder();
    private boolean done;

    SseAudioStream(InputStream body, String provider, String requestId) {
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        this.provider = provider;
        this.requestId = requestId;
    }

    @Override
    protected byte @Nullable [] nextChunk() throws IOException {
        if (done) return null;
        for (String line = lines.readLine(); ; line = lines.readLine()) {
            if (line == null) {
                if (data.length() > 0) dispatch();
                if (!done) {
                    throw failure(ProviderUnavailableException.builder("the event stream ended before speech.audio.done")
                            .provider(provider).requestId(requestId).build());
                }
                return null;
            }
            if (line.isEmpty()) {
                byte[] audio = data.length() > 0 ? dispatch() : null;
                if (audio != null && audio.length > 0) return audio;
                if (done) return null;
                continue;
            }
            if (line.startsWith(":")) continue;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            if (!field.equals("data")) continue;
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            if (data.length() > 0) data.append('\n');
            data.append(value);
        }
    }

    /** Handles one event's data; its audio, or null when it carried none. */
    private byte @Nullable [] dispatch() throws IOException {
        String payload = data.toString();
        data.setLength(0);
        if (payload.trim().equals("[DONE]")) {
            done = true;
            return null;
        }
        JsonNode event;
        try {
            event = Json.read(payload.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure(AudioFormatException.builder("an event of the stream is not JSON").provider(provider).requestId(requestId)
                    .build());
        }
        String type = Json.text(event, "type");
        if ("speech.audio.done".equals(type)) {
            done = true;
            return null;
        }
        if ("error".equals(type) || (event != null && event.has("error") && event.get("error").isObject())) {
            throw failure(ProviderUnavailableException.builder("the event stream reported an error").provider(provider)
                    .requestId(requestId).build());
        }
        if (!"speech.audio.delta".equals(type)) return null;
        String audio = Json.text(event, "audio");
        if (audio == null) return null;
        try {
            return Base64.getDecoder().decode(audio);
        } catch (IllegalArgumentException e) {
            throw failure(AudioFormatException.builder("a speech.audio.delta is not valid base64").provider(provider)
                    .requestId(requestId).build());
        }
    }

    private static IOException failure(TtsException e) {
        return new IOException(e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
