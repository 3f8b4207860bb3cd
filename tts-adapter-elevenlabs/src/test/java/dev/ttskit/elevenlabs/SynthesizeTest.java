package dev.ttskit.elevenlabs;

import dev.ttskit.AudioFormatException;
import dev.ttskit.SpeechResult;
import dev.ttskit.audio.AudioFormat;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SynthesizeTest extends ElevenLabsTestSupport {

    @Test
    void convertReturnsTheBytesWithRequestIdAndCharacterCost() throws Exception {
        byte[] mp3 = bytes(5000, 7);
        server.enqueue(audio(mp3));

        SpeechResult result = provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx());

        assertArrayEquals(mp3, result.audioBytes());
        assertEquals(AudioFormat.MP3_44K_128, result.format());
        assertEquals("elevenlabs", result.provider());
        assertEquals("3tPgBrD1UdW3snUkGw1K", result.providerRequestId().orElseThrow());
        assertEquals(49L, result.characterCost().orElseThrow());
        RecordedRequest r = take();
        assertEquals("POST", r.getMethod());
        assertEquals("/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb", r.getUrl().encodedPath());
        assertEquals("mp3_44100_128", r.getUrl().queryParameter("output_format"));
        assertEquals(KEY, r.getHeaders().get("xi-api-key"));
        assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"));
        assertTrue(r.getHeaders().get("User-Agent").startsWith("ttskit/"));
    }

    @Test
    void wavRequestAsksForPcmAndWrapsItInA44ByteHeader() throws Exception {
        byte[] pcm = bytes(48_000, 3);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/mpeg")
                .body(new okio.Buffer().write(pcm)).build());

        SpeechResult result = provider.synthesize(request(TEXT, AudioFormat.WAV_PCM16_24K), ctx());

        assertEquals("pcm_24000", take().getUrl().queryParameter("output_format"));
        byte[] wav = result.audioBytes();
        assertEquals(44 + pcm.length, wav.length);
        assertArrayEquals(pcm, Arrays.copyOfRange(wav, 44, wav.length));
        ByteBuffer h = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(36 + pcm.length, h.getInt(4));
        assertEquals("WAVEfmt ", new String(wav, 8, 8, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, h.getShort(20));
        assertEquals(1, h.getShort(22));
        assertEquals(24_000, h.getInt(24));
        assertEquals(48_000, h.getInt(28));
        assertEquals(16, h.getShort(34));
        assertEquals("data", new String(wav, 36, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(pcm.length, h.getInt(40));
        assertEquals(AudioFormat.WAV_PCM16_24K, result.format());
        assertEquals(1.0, result.duration().toMillis() / 1000.0, 0.001);
    }

    @Test
    void rawPcmIsNotWrappedAndFormatComesFromTheRequestNotTheContentType() throws Exception {
        byte[] pcm = bytes(3200, 1);
        server.enqueue(audio(pcm));

        SpeechResult result = provider.synthesize(request(TEXT, AudioFormat.PCM16_16K), ctx());

        assertArrayEquals(pcm, result.audioBytes());
        assertEquals(AudioFormat.PCM16_16K, result.format());
        assertEquals("pcm_16000", take().getUrl().queryParameter("output_format"));
    }

    @Test
    void mulawAndOpusAreAskedForNatively() throws Exception {
        server.enqueue(audio(bytes(800, 2)));
        server.enqueue(audio(bytes(900, 2)));
        AudioFormat opus = AudioFormat.parse("opus_48000_64");

        assertEquals(AudioFormat.MULAW_8K, provider.synthesize(request(TEXT, AudioFormat.MULAW_8K), ctx()).format());
        assertEquals(opus, provider.synthesize(request(TEXT, opus), ctx()).format());

        assertEquals("ulaw_8000", take().getUrl().queryParameter("output_format"));
        assertEquals("opus_48000_64", take().getUrl().queryParameter("output_format"));
    }

    @Test
    void emptyBodyIsBadAudio() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("request-id", "r1").body("").build());

        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx()));
        assertEquals("r1", e.requestId().orElseThrow());
        assertEquals("elevenlabs", e.provider().orElseThrow());
    }

    @Test
    void pcmOfOddLengthIsTruncatedAudio() {
        server.enqueue(audio(bytes(4801, 2)));

        assertThrows(AudioFormatException.class, () -> provider.synthesize(request(TEXT, AudioFormat.WAV_PCM16_24K), ctx()));
    }

    @Test
    void bodyCutShortByADisconnectIsBadAudio() {
        server.enqueue(new MockResponse.Builder(audio(bytes(64 * 1024, 5)))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> provider.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx()));
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
        assertFalse(e.getMessage().contains(TEXT));
    }
}
