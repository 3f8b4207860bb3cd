package dev.ttskit.elevenlabs;

import dev.ttskit.AudioFormatException;
import dev.ttskit.ErrorCategory;
import dev.ttskit.TtsException;
import dev.ttskit.audio.AudioFormat;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raw PCM has no magic bytes: a 200 that declares JSON, text or HTML is not taken for samples. */
class AudioContentTypeTest extends ElevenLabsTestSupport {
    private static MockResponse ok(String contentType, String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", contentType).body(body).build();
    }

    @Test
    void aJsonBodyForAPcmRequestIsBadAudio() {
        server.enqueue(ok("application/json", "{\"unexpected\":\"garbage...\"}"));
        TtsException e = assertThrows(TtsException.class, () -> provider.synthesize(request(TEXT, AudioFormat.PCM16_24K), ctx()));
        assertInstanceOf(AudioFormatException.class, e, e.toString());
        assertEquals(ErrorCategory.BAD_AUDIO, e.category());
        assertTrue(e.getMessage().contains("application/json"), e.getMessage());
    }

    @Test
    void textHtmlAndProblemJsonAreRefusedForEveryFormatAndForStreams() {
        for (String type : new String[] {"text/html; charset=utf-8", "application/problem+json", "text/plain"}) {
            server.enqueue(ok(type, "<html>proxy says hi</html>"));
            assertThrows(AudioFormatException.class, () -> provider.synthesize(request(TEXT, AudioFormat.WAV_PCM16_24K), ctx()), type);
            server.enqueue(ok(type, "<html>proxy says hi</html>"));
            assertThrows(AudioFormatException.class, () -> provider.stream(request(TEXT, AudioFormat.MULAW_8K), ctx()).close(), type);
        }
    }

    @Test
    void audioAndOctetStreamAndNoTypeAreAccepted() {
        byte[] pcm = bytes(4_800, 3);
        for (String type : new String[] {"audio/pcm", "application/octet-stream", null}) {
            MockResponse.Builder b = new MockResponse.Builder().code(200).body(new okio.Buffer().write(pcm));
            if (type != null) b.setHeader("Content-Type", type);
            server.enqueue(b.build());
            assertArrayEquals(pcm, provider.synthesize(request(TEXT, AudioFormat.PCM16_24K), ctx()).audioBytes(), String.valueOf(type));
        }
    }
}
