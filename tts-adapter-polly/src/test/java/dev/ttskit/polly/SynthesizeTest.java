package dev.ttskit.polly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ttskit.AudioFormatException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TimedSpan;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec's example exchanges Y1 to Y3 through the real, signing SDK client; speech marks; refusals before I/O. */
class SynthesizeTest extends PollyTestSupport {
    static final AudioFormat MP3_24K = AudioFormat.mp3(24_000, 48);

    @Test
    void y1NeuralMp3SignedRequestAndByteExactAudio() throws Exception {
        byte[] mp3 = bytes(40_000, 1);
        mp3[0] = (byte) 0xFF;
        mp3[1] = (byte) 0xF3;
        server.enqueue(audio(mp3, "audio/mpeg", 17));

        SpeechResult r = provider.synthesize(request("Hello from Polly.", MP3_24K), ctx());

        assertArrayEquals(mp3, r.audioBytes());
        assertEquals(MP3_24K, r.format());
        assertEquals(REQUEST_ID, r.providerRequestId().orElseThrow());
        assertEquals(17L, r.characterCost().orElseThrow());
        RecordedRequest sent = take();
        assertEquals("POST", sent.getMethod());
        assertEquals("/v1/speech", sent.getUrl().encodedPath());
        String auth = sent.getHeaders().get("Authorization");
        assertTrue(auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), auth);
        assertTrue(auth.contains("/us-east-1/polly/aws4_request"), auth);
        assertTrue(auth.contains("Signature="), auth);
        assertTrue(sent.getHeaders().get("X-Amz-Date").matches("\\d{8}T\\d{6}Z"));
        JsonNode body = bodyOf(sent);
        assertEquals("neural", body.get("Engine").asText());
        assertEquals("mp3", body.get("OutputFormat").asText());
        assertTrue(body.get("SampleRate").isTextual(), "SampleRate is a string");
        assertEquals("24000", body.get("SampleRate").asText());
        assertEquals("Hello from Polly.", body.get("Text").asText());
        assertEquals("text", body.get("TextType").asText());
        assertEquals("Joanna", body.get("VoiceId").asText());
        assertFalse(body.has("SpeechMarkTypes"), "no marks on the audio path");
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void y2Pcm16kArrivesByteExactAndWavIsThatPcmBehindAHeader() throws Exception {
        byte[] pcm = bytes(32_000, 2);
        server.enqueue(audio(pcm, "audio/pcm", 3));
        server.enqueue(audio(pcm, "audio/pcm", 3));
        PollyProvider standard = builder().engine("standard").voice("Matthew").build();

        SpeechResult raw = standard.synthesize(request(SpeechRequest.builder().text("Hi.").format(AudioFormat.PCM16_16K).build(),
                "Matthew"), ctx());
        SpeechResult wav = standard.synthesize(request(SpeechRequest.builder().text("Hi.").format(AudioFormat.WAV_PCM16_16K).build(),
                "Matthew"), ctx());

        assertArrayEquals(pcm, raw.audioBytes());
        WavInfo info = WavCodec.readInfo(wav.audioBytes());
        assertEquals(16_000, info.sampleRate());
        assertEquals(pcm.length, info.dataLength());
        assertArrayEquals(pcm, Arrays.copyOfRange(wav.audioBytes(), wav.size() - pcm.length, wav.size()));
        JsonNode body = bodyOf(take());
        assertEquals("{\"Engine\":\"standard\",\"OutputFormat\":\"pcm\",\"SampleRate\":\"16000\",\"Text\":\"Hi.\",\"TextType\":\"text\","
                + "\"VoiceId\":\"Matthew\"}", body.toString());
        assertEquals("pcm", bodyOf(take()).get("OutputFormat").asText());
    }

    @Test
    void oggVorbisIsOfferedAskedForAndArrivesByteExact() throws Exception {
        byte[] ogg;
        try (java.io.InputStream in = SynthesizeTest.class.getResourceAsStream("/audio/speech_22k.ogg")) {
            ogg = java.util.Objects.requireNonNull(in, "fixture").readAllBytes();   // 1.5 s of Vorbis by ffmpeg
        }
        assertTrue(provider.capabilities().formats().contains(AudioFormat.OGG_VORBIS_22K));
        assertTrue(provider.capabilities().formats().contains(AudioFormat.OGG_VORBIS_24K));
        server.enqueue(audio(ogg, "audio/ogg", 9));

        SpeechResult r = provider.synthesize(request("Hello from Polly.", AudioFormat.OGG_VORBIS_22K), ctx());

        assertArrayEquals(ogg, r.audioBytes());
        assertEquals(AudioFormat.OGG_VORBIS_22K, r.format());
        assertEquals(java.time.Duration.ofMillis(1500), r.duration(), "the last page's granule at 22.05 kHz");
        JsonNode body = bodyOf(take());
        assertEquals("ogg_vorbis", body.get("OutputFormat").asText());
        assertEquals("22050", body.get("SampleRate").asText());
        assertThrows(UnsupportedRequestException.class,
                () -> provider.synthesize(request("Hi.", AudioFormat.vorbis(44_100)), ctx()), "no 44.1 kHz Vorbis from Polly");
    }

    @Test
    void y3SsmlIsSentAsSsml() throws Exception {
        server.enqueue(audio(bytes(1000, 3), "audio/mpeg", 11));
        String ssml = "<speak>Hello <break time=\"300ms\"/> world.</speak>";
        provider.synthesize(request(SpeechRequest.builder().text(ssml).format(MP3_24K).build(), "Ruth"), ctx());
        JsonNode body = bodyOf(take());
        assertEquals("ssml", body.get("TextType").asText());
        assertEquals(ssml, body.get("Text").asText());
        assertEquals("Ruth", body.get("VoiceId").asText());
    }

    @Test
    void speedIsSpokenThroughProsodyWithTheTextEscaped() throws Exception {
        server.enqueue(audio(bytes(1000, 3), "audio/pcm", 5));
        provider.synthesize(request(SpeechRequest.builder().text("Tom & <Jerry>").speed(1.5).format(AudioFormat.PCM16_16K).build(),
                "Joanna"), ctx());
        JsonNode body = bodyOf(take());
        assertEquals("ssml", body.get("TextType").asText());
        assertEquals("<speak><prosody rate=\"150%\">Tom &amp; &lt;Jerry&gt;</prosody></speak>", body.get("Text").asText());
    }

    @Test
    void optionsReachTheRequest() throws Exception {
        server.enqueue(audio(bytes(1000, 3), "audio/pcm", 5));
        provider.synthesize(request(SpeechRequest.builder().text("Namaste.").language("hi-in").format(AudioFormat.pcm(8_000))
                .option("polly.engine", "standard").option("polly.lexicons", "tech, names").build(), "Aditi"), ctx());
        JsonNode body = bodyOf(take());
        assertEquals("standard", body.get("Engine").asText());
        assertEquals("hi-IN", body.get("LanguageCode").asText());
        assertEquals("[\"tech\",\"names\"]", body.get("LexiconNames").toString());
        assertEquals("8000", body.get("SampleRate").asText());
    }

    @Test
    void wordTimestampsFromSpeechMarks() throws Exception {
        byte[] pcm = bytes(32_000, 4); // one second at 16 kHz
        String text = "Mary had a lamb";
        server.enqueue(audio(pcm, "audio/pcm", 15));
        server.enqueue(audio(("{\"time\":6,\"type\":\"word\",\"start\":0,\"end\":4,\"value\":\"Mary\"}\n"
                + "{\"time\":373,\"type\":\"word\",\"start\":5,\"end\":8,\"value\":\"had\"}\n"
                + "{\"time\":373,\"type\":\"viseme\",\"value\":\"k\"}\n"
                + "{\"time\":604,\"type\":\"word\",\"start\":9,\"end\":10,\"value\":\"a\"}\n"
                + "not json\n"
                + "{\"time\":643,\"type\":\"word\",\"start\":11,\"end\":15,\"value\":\"lamb\"}\n").getBytes(StandardCharsets.UTF_8),
                "application/x-json-stream", 15));

        SpeechResult r = provider.synthesize(request(SpeechRequest.builder().text(text).format(AudioFormat.PCM16_16K)
                .option("polly.timestamps", true).build(), "Joanna"), ctx());

        List<TimedSpan> words = r.timestamps().orElseThrow().words();
        assertEquals(List.of("Mary", "had", "a", "lamb"), words.stream().map(TimedSpan::text).toList());
        assertEquals(Duration.ofMillis(6), words.get(0).start());
        assertEquals(Duration.ofMillis(373), words.get(0).end());
        assertEquals(11, words.get(3).offset());
        assertEquals(Duration.ofSeconds(1), words.get(3).end(), "the last word ends with the audio");
        take();
        JsonNode marks = bodyOf(take());
        assertEquals("json", marks.get("OutputFormat").asText());
        assertEquals("[\"word\"]", marks.get("SpeechMarkTypes").toString());
        assertFalse(marks.has("SampleRate"));
    }

    @Test
    void speechMarkOffsetsAreUtf8BytesTurnedIntoChars() {
        String text = "Zoë naïve";
        dev.ttskit.Timestamps t = dev.ttskit.polly.internal.SpeechMarks.words((
                "{\"time\":0,\"type\":\"word\",\"start\":0,\"end\":4,\"value\":\"Zoë\"}\n"
                + "{\"time\":300,\"type\":\"word\",\"start\":5,\"end\":11,\"value\":\"naïve\"}").getBytes(StandardCharsets.UTF_8), text, null);
        assertEquals(List.of("Zoë", "naïve"), t.words().stream().map(TimedSpan::text).toList());
        assertEquals(4, t.words().get(1).offset());
    }

    @Test
    void emptyAudioIsBadAudioAndACutBodyToo() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("x-amzn-RequestId", REQUEST_ID).addHeader("Content-Type", "audio/pcm")
                .build());
        AudioFormatException empty = assertThrows(AudioFormatException.class,
                () -> provider.synthesize(request("Hi.", AudioFormat.PCM16_16K), ctx()));
        assertEquals(REQUEST_ID, empty.requestId().orElseThrow());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm")
                .body(new okio.Buffer().write(bytes(100_000, 1))).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        assertThrows(AudioFormatException.class, () -> provider.synthesize(request("Hi.", AudioFormat.PCM16_16K), ctx()));
    }

    @Test
    void refusedBeforeAnyIo() {
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(request("Hi.", AudioFormat.PCM16_24K), ctx()),
                "PCM only at 8 or 16 kHz");
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(request("Hi.", AudioFormat.MP3_44K_128), ctx()));
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(request("a".repeat(3001), AudioFormat.PCM16_16K), ctx()),
                "longer than one request: the router splits it");
        assertThrows(ValidationException.class, () -> provider.synthesize(request("<speak>Hello <break></speak>", AudioFormat.PCM16_16K),
                ctx()), "malformed SSML");
        assertThrows(ValidationException.class, () -> provider.synthesize(request(SpeechRequest.builder().text("Hi.")
                .format(AudioFormat.PCM16_16K).option("polly.lexicons", "a,b,c,d,e,f").build(), "Joanna"), ctx()));
        assertThrows(ValidationException.class, () -> provider.synthesize(request(SpeechRequest.builder().text("Hi.")
                .format(AudioFormat.PCM16_16K).speed(3.0).build(), "Joanna"), ctx()));
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(request(SpeechRequest.builder()
                .text("<speak>Hi.</speak>").format(AudioFormat.PCM16_16K).speed(1.5).build(), "Joanna"), ctx()));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void ssmlLimitCountsTextOutsideTags() {
        server.enqueue(audio(bytes(1000, 3), "audio/pcm", 3000));
        String ssml = "<speak>" + "<break time=\"1ms\"/>".repeat(100) + "a".repeat(2900) + "</speak>";
        assertEquals(AudioFormat.PCM16_16K, provider.synthesize(request(ssml, AudioFormat.PCM16_16K), ctx()).format(),
                "4,900 characters, 2,900 of them billed: one request");
    }
}
