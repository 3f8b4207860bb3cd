package dev.ttskit.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.VoiceTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import static dev.ttskit.replicate.Fixtures.audio;
import static dev.ttskit.replicate.Fixtures.json;
import static dev.ttskit.replicate.Fixtures.prediction;
import static dev.ttskit.replicate.Fixtures.quoted;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-model input mapping (spec section 9) and how outputs become results. */
class ModelMappingTest extends ReplicateTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XTTS = "lucataco/xtts-v2:684bc3855b37866c0c65add2ff39c78f3dea3f4ff103a436465326e0f438d55e";
    private static final String KOKORO = "jaaari/kokoro-82m:f559560eb822dc509045f3921a1921234918b91739db4bf3daab2169b71c7a13";
    private static final String CHATTERBOX = "resemble-ai/chatterbox:1b8422bc49635c20d0a84e387ed20879c0dd09254ecdb4e75dc4bec10ff94e97";
    private final byte[] wav = Fixtures.wav(24_000, 2_400);

    @TempDir
    Path dir;

    private JsonNode run(ReplicateProvider p, ProviderRequest request, String createPath) throws IOException {
        routes.on("POST", createPath, json(201, prediction("m1", "succeeded", quoted(fileUrl("out.wav")))));
        routes.on("GET", "/files/out.wav", audio(wav, "audio/wav"));
        p.synthesize(request, ctx(Duration.ofSeconds(30)));
        return JSON.readTree(routes.first("POST", createPath).getBody().utf8());
    }

    @Test
    void xttsSendsTheReferenceRecordingAsADataUriAndMapsTheLanguage() throws IOException {
        Path ref = dir.resolve("narrator.wav");
        byte[] recording = Fixtures.wav(22_050, 22_050 * 6);
        Files.write(ref, recording);
        SpeechRequest r = SpeechRequest.builder().text("Olá").language("pt-BR").option("replicate.cleanup_voice", true).build();
        JsonNode body = run(provider(XTTS).build(), request(r, VoiceTarget.reference(ref)), "/v1/predictions");

        assertEquals("684bc3855b37866c0c65add2ff39c78f3dea3f4ff103a436465326e0f438d55e", body.path("version").asText());
        assertFalse(body.has("model"), "no model field on /v1/predictions");
        JsonNode input = body.path("input");
        assertEquals("Olá", input.path("text").asText());
        assertEquals("pt", input.path("language").asText());
        assertTrue(input.path("cleanup_voice").asBoolean());
        String speaker = input.path("speaker").asText();
        assertTrue(speaker.startsWith("data:audio/wav;base64,"), speaker.substring(0, 30));
        assertArrayEquals(recording, Base64.getDecoder().decode(speaker.substring(speaker.indexOf(',') + 1)));
        assertFalse(speaker.contains(dir.toString()), "never a local path");
    }

    @Test
    void xttsTakesAnHttpsUrlOrTheRequestsSpeakerReference() throws IOException {
        JsonNode body = run(provider(XTTS).build(),
                request(SpeechRequest.of("Hi"), VoiceTarget.id("https://example.com/voices/narrator.wav")), "/v1/predictions");
        assertEquals("https://example.com/voices/narrator.wav", body.at("/input/speaker").asText());

        Path ref = dir.resolve("ref.wav");
        Files.write(ref, wav);
        routes = new Routes();
        server.setDispatcher(routes);
        body = run(provider(XTTS).build(), request(SpeechRequest.builder().text("Hi").speakerReference(ref).build(), null), "/v1/predictions");
        assertTrue(body.at("/input/speaker").asText().startsWith("data:audio/wav;base64,"));
    }

    @Test
    void xttsRefusesWhatItCannotDoBeforeAnyRequest() throws IOException {
        ReplicateProvider p = provider(XTTS).build();
        assertThrows(UnsupportedRequestException.class, () -> p.synthesize(request("Hi", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(5))));
        Path ref = dir.resolve("ref.wav");
        Files.write(ref, wav);
        SpeechRequest japanese = SpeechRequest.builder().text("こんにちは").language("ja").build();
        assertThrows(UnsupportedRequestException.class, () -> p.synthesize(request(japanese, VoiceTarget.reference(ref)), ctx(Duration.ofSeconds(5))));
        ReplicateProvider tiny = provider(XTTS).maxReferenceBytes(100).build();
        assertThrows(ValidationException.class, () -> tiny.synthesize(request(SpeechRequest.of("Hi"), VoiceTarget.reference(ref)), ctx(Duration.ofSeconds(5))));
        assertThrows(ValidationException.class, () -> p.synthesize(request(SpeechRequest.of("Hi"),
                VoiceTarget.reference(dir.resolve("missing.wav"))), ctx(Duration.ofSeconds(5))));
        assertEquals(0, routes.requests.size());
        assertTrue(p.capabilities().voiceCloning());
        assertTrue(p.capabilities().supportsLanguage("zh-CN"));
        assertFalse(p.capabilities().supportsLanguage("ja"));
    }

    @Test
    void kokoroTakesVoiceAndSpeed() throws IOException {
        SpeechRequest r = SpeechRequest.builder().text("Hello").speed(1.5).option("stability", 0.3).build();
        JsonNode input = run(provider(KOKORO).build(), request(r, VoiceTarget.id("af_bella")), "/v1/predictions").path("input");
        assertEquals("af_bella", input.path("voice").asText());
        assertEquals(1.5, input.path("speed").asDouble());
        assertFalse(input.has("stability"), "options of other providers are not sent");
        ReplicateProvider p = provider(KOKORO).build();
        assertThrows(UnsupportedRequestException.class, () -> p.synthesize(
                request(SpeechRequest.builder().text("x").speed(9).build(), null), ctx(Duration.ofSeconds(5))));
        assertTrue(p.voices(ctx(Duration.ofSeconds(1))).stream().anyMatch(v -> v.id().value().equals("am_michael")));
    }

    @Test
    void minimaxAsksForTheRequestedMp3AndDeclaresIt() throws IOException {
        byte[] mp3 = Fixtures.mp3();
        routes.on("POST", "/v1/models/minimax/speech-02-turbo/predictions", json(201, prediction("mm1", "succeeded", quoted(fileUrl("out.mp3")))));
        routes.on("GET", "/files/out.mp3", audio(mp3, "audio/wav"));   // a wrong Content-Type is not believed
        ReplicateProvider p = provider("minimax/speech-02-turbo").build();
        assertTrue(p.capabilities().formats().contains(AudioFormat.MP3_44K_128));
        SpeechRequest r = SpeechRequest.builder().text("Hello").format(AudioFormat.MP3_44K_128).option("replicate.emotion", "happy").build();

        SpeechResult result = p.synthesize(request(r, VoiceTarget.id("Wise_Woman")), ctx(Duration.ofSeconds(30)));

        assertEquals(AudioFormat.MP3_44K_128, result.format());
        assertArrayEquals(mp3, result.audioBytes());
        JsonNode input = JSON.readTree(routes.first("POST", "/v1/models/minimax/speech-02-turbo/predictions").getBody().utf8()).path("input");
        assertEquals("mp3", input.path("audio_format").asText());
        assertEquals(128_000, input.path("bitrate").asInt());
        assertEquals(44_100, input.path("sample_rate").asInt());
        assertEquals("Wise_Woman", input.path("voice_id").asText());
        assertEquals("happy", input.path("emotion").asText());
        assertThrows(UnsupportedRequestException.class, () -> p.synthesize(request("x", AudioFormat.wav(48_000)), ctx(Duration.ofSeconds(5))));
    }

    @Test
    void minimaxServesTelephonyFormatsFromItsWavOutput() throws IOException {
        routes.on("POST", "/v1/models/minimax/speech-02-turbo/predictions", json(201, prediction("mm2", "succeeded", quoted(fileUrl("t.wav")))));
        routes.on("GET", "/files/t.wav", audio(Fixtures.wav(8_000, 800), "audio/wav"));
        SpeechResult r = provider("minimax/speech-02-turbo").build().synthesize(request("Hello", AudioFormat.MULAW_8K), ctx(Duration.ofSeconds(30)));
        assertEquals(AudioFormat.MULAW_8K, r.format());
        assertEquals(800, r.size());
        JsonNode input = JSON.readTree(routes.first("POST", "/v1/models/minimax/speech-02-turbo/predictions").getBody().utf8()).path("input");
        assertEquals("wav", input.path("audio_format").asText());
        assertEquals(8_000, input.path("sample_rate").asInt());
    }

    @Test
    void chatterboxUsesPromptAndAudioPrompt() throws IOException {
        Path ref = dir.resolve("ref.wav");
        Files.write(ref, wav);
        SpeechRequest r = SpeechRequest.builder().text("Hello").seed(42).option("replicate.exaggeration", 0.7).build();
        JsonNode input = run(provider(CHATTERBOX).build(), request(r, VoiceTarget.reference(ref)), "/v1/predictions").path("input");
        assertEquals("Hello", input.path("prompt").asText());
        assertFalse(input.has("text"));
        assertTrue(input.path("audio_prompt").asText().startsWith("data:audio/wav;base64,"));
        assertEquals(42, input.path("seed").asLong());
        assertEquals(0.7, input.path("exaggeration").asDouble());
    }

    @Test
    void typedModelOptionsGivenAsStringsAreSentInTheModelsTypes() throws IOException {
        routes.on("POST", "/v1/models/minimax/speech-02-turbo/predictions", json(201, prediction("mm3", "succeeded", quoted(fileUrl("t.wav")))));
        routes.on("GET", "/files/t.wav", audio(Fixtures.wav(24_000, 2_400), "audio/wav"));
        SpeechRequest r = SpeechRequest.builder().text("Hello").format(AudioFormat.WAV_PCM16_24K).option("replicate.pitch", "2")
                .option("replicate.volume", "1.5").option("replicate.subtitle_enable", "false").build();
        provider("minimax/speech-02-turbo").build().synthesize(request(r, null), ctx(Duration.ofSeconds(30)));
        JsonNode input = JSON.readTree(routes.first("POST", "/v1/models/minimax/speech-02-turbo/predictions").getBody().utf8()).path("input");
        assertTrue(input.path("pitch").isIntegralNumber(), input.toString());
        assertEquals(2, input.path("pitch").asInt());
        assertEquals(1.5, input.path("volume").asDouble());
        assertTrue(input.path("subtitle_enable").isBoolean(), input.toString());
    }

    @Test
    void aModelOptionOfTheWrongTypeFailsBeforeAnyRequestNamingKeyAndValue() {
        ReplicateProvider p = provider("minimax/speech-02-turbo").build();
        SpeechRequest r = SpeechRequest.builder().text("Hello").format(AudioFormat.WAV_PCM16_24K).option("replicate.pitch", "2.5").build();
        ValidationException e = assertThrows(ValidationException.class, () -> p.synthesize(request(r, null), ctx(Duration.ofSeconds(5))));
        assertTrue(e.getMessage().contains("pitch") && e.getMessage().contains("'2.5'") && e.getMessage().contains("replicate"),
                e.getMessage());
        assertEquals(0, routes.count("POST", "/v1/models/minimax/speech-02-turbo/predictions"));
    }

    @Test
    void otherModelsGetRawInputWithOnlyTheirOwnOptions() throws IOException {
        ReplicateProvider p = provider("someone/fancy-tts").rawTextField("prompt").build();
        SpeechRequest r = SpeechRequest.builder().text("Hello").option("replicate.voice", "x1").option("replicate.steps", 4)
                .option("elevenlabs.stability", 0.5).option("shared", true).build();
        JsonNode input = run(p, request(r, null), "/v1/models/someone/fancy-tts/predictions").path("input");
        assertEquals("Hello", input.path("prompt").asText());
        assertEquals("x1", input.path("voice").asText());
        assertEquals(4, input.path("steps").asInt());
        assertEquals(3, input.size(), input.toString());
    }

    @Test
    void floatWavBecomesPcm16AndRawPcmIsServedAtTheSameRate() {
        byte[] floatWav = Fixtures.floatWav(24_000, 240);
        routes.on("POST", "/v1/predictions", json(201, prediction("f1", "succeeded", quoted(fileUrl("f.wav")))));
        routes.on("GET", "/files/f.wav", audio(floatWav, "audio/wav"));
        ReplicateProvider p = provider(KOKORO).build();

        SpeechResult asWav = p.synthesize(request("Hi", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30)));
        assertEquals(AudioFormat.WAV_PCM16_24K, asWav.format());
        assertEquals(44 + 480, asWav.size());
        SpeechResult asPcm = p.synthesize(request("Hi", AudioFormat.PCM16_24K), ctx(Duration.ofSeconds(30)));
        assertEquals(AudioFormat.PCM16_24K, asPcm.format());
        assertArrayEquals(Arrays.copyOfRange(asWav.audioBytes(), 44, asWav.size()), asPcm.audioBytes());
        short second = (short) ((asPcm.audioBytes()[3] << 8) | (asPcm.audioBytes()[2] & 0xff));
        assertEquals(Math.round(Math.sin(2 * Math.PI * 440 / 24_000) * 0.5 * 32767), second, 1);
    }

    @Test
    void wavAtAnotherRateIsResampledToTheRequestedFormat() {
        byte[] wav22 = Fixtures.wav(22_050, 2_205);
        routes.on("POST", "/v1/predictions", json(201, prediction("r1", "succeeded", quoted(fileUrl("r.wav")))));
        routes.on("GET", "/files/r.wav", audio(wav22, "audio/wav"));
        ReplicateProvider p = provider(KOKORO).build();

        SpeechResult wav = p.synthesize(request("Hi", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30)));
        assertEquals(AudioFormat.WAV_PCM16_24K, wav.format());
        int frames = (wav.size() - 44) / 2;
        assertTrue(Math.abs(frames - 2_400) <= 2, "0.1 s at 24 kHz, was " + frames + " frames");

        SpeechResult ulaw = p.synthesize(request("Hi", AudioFormat.MULAW_8K), ctx(Duration.ofSeconds(30)));
        assertEquals(AudioFormat.MULAW_8K, ulaw.format());
        assertTrue(Math.abs(ulaw.size() - 800) <= 2, "0.1 s of 8 kHz u-law, was " + ulaw.size());
    }

    @Test
    void silentOutputIsBadAudio() {
        byte[] silent = Fixtures.wavOf(new byte[4_800], 24_000, 1, 16, 1);
        routes.on("POST", "/v1/predictions", json(201, prediction("s0", "succeeded", quoted(fileUrl("s.wav")))));
        routes.on("GET", "/files/s.wav", audio(silent, "audio/wav"));
        dev.ttskit.AudioFormatException e = assertThrows(dev.ttskit.AudioFormatException.class,
                () -> provider(KOKORO).build().synthesize(request("Hi", AudioFormat.WAV_PCM16_24K), ctx(Duration.ofSeconds(30))));
        assertEquals("s0", e.requestId().orElseThrow());
    }
}
