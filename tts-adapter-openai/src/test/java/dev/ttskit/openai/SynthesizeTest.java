package dev.ttskit.openai;

import dev.ttskit.AudioFormatException;
import dev.ttskit.SpeechResult;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole answers: byte-exact audio per format (spec X1, X2), the request id, and bad bodies. */
class SynthesizeTest extends OpenAiTestSupport {

    @Test
    void x1Mp3ArrivesByteExactWithTheRequestId() {
        byte[] mp3 = bytes(50_000, 3);
        mp3[0] = (byte) 0xFF;
        mp3[1] = (byte) 0xF3;
        server.enqueue(audio(mp3));

        SpeechResult r = provider.synthesize(request(TEXT, OpenAiProvider.OPENAI_MP3), ctx());

        assertArrayEquals(mp3, r.audioBytes());
        assertEquals(OpenAiProvider.OPENAI_MP3, r.format());
        assertEquals("openai", r.provider());
        assertEquals("req_5d1f0c3b9e2a4c7d8e9f00112233aabb", r.providerRequestId().orElseThrow());
    }

    @Test
    void x2PcmArrivesByteExact() {
        byte[] pcm = bytes(48_000, 4); // one second at 24 kHz
        server.enqueue(audio(pcm));

        SpeechResult r = provider.synthesize(request("Hello.", AudioFormat.PCM16_24K), ctx());

        assertArrayEquals(pcm, r.audioBytes());
        assertEquals(AudioFormat.PCM16_24K, r.format());
    }

    @Test
    void wavIsThePcmBehindAnExactHeader() {
        byte[] pcm = bytes(9_600, 5);
        server.enqueue(audio(pcm));

        SpeechResult r = provider.synthesize(request(TEXT, AudioFormat.WAV_PCM16_24K), ctx());

        WavInfo info = WavCodec.readInfo(r.audioBytes());
        assertEquals(24_000, info.sampleRate());
        assertEquals(1, info.channels());
        assertEquals(pcm.length, info.dataLength());
        assertArrayEquals(pcm, Arrays.copyOfRange(r.audioBytes(), r.size() - pcm.length, r.size()));
    }

    /** 1.5 s of a tone encoded by ffmpeg: AAC in ADTS and FLAC, both 24 kHz mono as OpenAI sends them. */
    static byte[] fixture(String name) {
        try (java.io.InputStream in = SynthesizeTest.class.getResourceAsStream("/audio/" + name)) {
            return java.util.Objects.requireNonNull(in, name).readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aacAndFlacAreOfferedAskedForByNameAndArriveByteExact() throws Exception {
        assertTrue(provider.capabilities().formats().contains(AudioFormat.AAC_24K));
        assertTrue(provider.capabilities().formats().contains(AudioFormat.FLAC_24K));
        String[][] cases = {{"speech_24k.aac", "aac"}, {"speech_24k.flac", "flac"}};
        for (String[] c : cases) {
            byte[] file = fixture(c[0]);
            server.enqueue(audio(file));
            AudioFormat format = AudioFormat.parse(c[1] + "_24000");
            SpeechResult r = provider.synthesize(request(TEXT, format), ctx());
            assertArrayEquals(file, r.audioBytes(), c[0]);
            assertEquals(format, r.format());
            assertEquals(c[1], bodyOf(take()).get("response_format").asText());
        }
    }

    @Test
    void aacAndFlacThroughTheRouterAreCheckedByTheirHeaders() throws Exception {
        try (dev.ttskit.TtsClient tts = dev.ttskit.TtsClient.builder().provider(builder().build()).retry(dev.ttskit.RetryPolicy.NONE).build()) {
            byte[] flac = fixture("speech_24k.flac");
            server.enqueue(audio(flac));
            SpeechResult r = tts.synthesize(dev.ttskit.SpeechRequest.builder().text("Hello there.").format(AudioFormat.FLAC_24K).build());
            assertArrayEquals(flac, r.audioBytes());
            assertEquals(java.time.Duration.ofMillis(1500), r.duration(), "STREAMINFO's 36,000 samples at 24 kHz");
            // 1.5 s is too short for a paragraph: the router refuses it as BAD_AUDIO
            server.enqueue(audio(fixture("speech_24k.aac")));
            String paragraph = (TEXT + " ").repeat(15).strip();   // 540 letters: at least 2.16 s at 4 ms a letter
            AudioFormatException e = assertThrows(AudioFormatException.class, () -> tts.synthesize(
                    dev.ttskit.SpeechRequest.builder().text(paragraph).format(AudioFormat.AAC_24K).build()));
            assertTrue(e.getMessage().contains("ms of aac_24000"), e.getMessage());
        }
    }

    @Test
    void opusWhenDeclared() {
        OpenAiProvider p = builder().formats(AudioFormat.OPUS_48K_64).build();
        byte[] ogg = bytes(3000, 6);
        server.enqueue(audio(ogg));
        assertArrayEquals(ogg, p.synthesize(request(TEXT, AudioFormat.OPUS_48K_64), ctx()).audioBytes());
    }

    @Test
    void emptyBodyIsBadAudio() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-request-id", "req_empty").build());
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> provider.synthesize(request(TEXT, AudioFormat.PCM16_24K), ctx()));
        assertEquals("req_empty", e.requestId().orElseThrow());
        assertTrue(e.retryable());
    }

    @Test
    void oddPcmIsBadAudio() {
        server.enqueue(audio(bytes(4801, 1)));
        assertThrows(AudioFormatException.class, () -> provider.synthesize(request(TEXT, AudioFormat.PCM16_24K), ctx()));
    }

    @Test
    void bodyCutMidwayIsBadAudio() {
        server.enqueue(new MockResponse.Builder().code(200).body(new okio.Buffer().write(bytes(100_000, 2)))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> provider.synthesize(request(TEXT, AudioFormat.PCM16_24K), ctx()));
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
    }

    @Test
    void compatibleServerThatAnswersWavForPcmDoesNotOfferPcm() {
        server.enqueue(new MockResponse.Builder().code(200).headers(Headers.of("Content-Type", "audio/wav"))
                .body(new okio.Buffer().write(bytes(1000, 1))).build());
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(request(TEXT, AudioFormat.PCM16_24K), ctx()));
    }

    @Test
    void pcmAtAnotherRateThanConfiguredIsUnsupported() {
        server.enqueue(new MockResponse.Builder().code(200).headers(Headers.of("Content-Type", "audio/pcm;rate=22050"))
                .body(new okio.Buffer().write(bytes(1000, 1))).build());
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> provider.synthesize(request(TEXT, AudioFormat.PCM16_24K), ctx()));
        assertTrue(e.getMessage().contains("22050"), e.getMessage());

        OpenAiProvider openedai = builder().pcmSampleRate(22_050).build();
        byte[] pcm = bytes(2000, 1);
        server.enqueue(new MockResponse.Builder().code(200).headers(Headers.of("Content-Type", "audio/pcm;rate=22050"))
                .body(new okio.Buffer().write(pcm)).build());
        assertArrayEquals(pcm, openedai.synthesize(request(TEXT, AudioFormat.PCM16_22K), ctx()).audioBytes());
    }
}
