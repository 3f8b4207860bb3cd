package dev.ttskit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ttskit.SpeechRequest;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderRequest;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What goes on the wire (spec sections 1, 3 and 13.1), and what is refused before any I/O. */
class RequestShapeTest extends OpenAiTestSupport {

    @Test
    void x1HeadersAndBodyAsTheSpecShows() throws Exception {
        OpenAiProvider p = builder().compatibleServer(false).model("gpt-4o-mini-tts")
                .instructions("Speak in a cheerful and positive tone.").build();
        server.enqueue(audio(bytes(2000, 1)));

        p.synthesize(request(TEXT, OpenAiProvider.OPENAI_MP3), ctx());

        RecordedRequest r = take();
        assertEquals("POST", r.getMethod());
        assertEquals("/v1/audio/speech", r.getUrl().encodedPath());
        assertEquals("Bearer " + KEY, r.getHeaders().get("Authorization"));
        assertEquals("application/octet-stream", r.getHeaders().get("Accept"));
        assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"));
        JsonNode body = bodyOf(r);
        assertEquals("gpt-4o-mini-tts", body.get("model").asText());
        assertEquals(TEXT, body.get("input").asText());
        assertEquals("coral", body.get("voice").asText());
        assertEquals("Speak in a cheerful and positive tone.", body.get("instructions").asText());
        assertEquals("mp3", body.get("response_format").asText());
        assertEquals(List.of("model", "input", "voice", "instructions", "response_format"), fields(body), "no other member, no null");
    }

    @Test
    void x2PcmForTts1WithSpeed() throws Exception {
        OpenAiProvider p = builder().compatibleServer(false).model("tts-1").build();
        server.enqueue(audio(bytes(4800, 1)));

        p.synthesize(request(SpeechRequest.builder().text("Hello.").speed(1.25).format(AudioFormat.PCM16_24K).build(), "alloy"), ctx());

        JsonNode body = bodyOf(take());
        assertEquals("{\"model\":\"tts-1\",\"input\":\"Hello.\",\"voice\":\"alloy\",\"response_format\":\"pcm\",\"speed\":1.25}",
                body.toString());
    }

    @Test
    void wavIsAskedForAsPcm() throws Exception {
        server.enqueue(audio(bytes(4800, 1)));
        provider.synthesize(request(TEXT, AudioFormat.WAV_PCM16_24K), ctx());
        assertEquals("pcm", bodyOf(take()).get("response_format").asText());
    }

    @Test
    void customVoiceIdIsSentAsAnObject() throws Exception {
        server.enqueue(audio(bytes(100, 1)));
        provider.synthesize(request(SpeechRequest.builder().text(TEXT).format(AudioFormat.PCM16_24K).build(), "voice_1234"), ctx());
        assertEquals("{\"id\":\"voice_1234\"}", bodyOf(take()).get("voice").toString());
    }

    @Test
    void perRequestModelAndInstructionsOptions() throws Exception {
        server.enqueue(audio(bytes(100, 1)));
        SpeechRequest r = SpeechRequest.builder().text(TEXT).format(AudioFormat.PCM16_24K)
                .option("openai.model", "gpt-4o-mini-tts-2025-12-15").option("openai.instructions", "Whisper.").build();
        provider.synthesize(request(r, "marin"), ctx());
        JsonNode body = bodyOf(take());
        assertEquals("gpt-4o-mini-tts-2025-12-15", body.get("model").asText());
        assertEquals("Whisper.", body.get("instructions").asText());
    }

    @Test
    void compatibleServerWithoutKeyGetsNoAuthorizationAndAnyVoice() throws Exception {
        OpenAiProvider kokoro = OpenAiProvider.builder().baseUrl(server.url("/").toString()).model("kokoro").voice("af_bella+af_sky")
                .build();
        assertTrue(kokoro.compatibleServer());
        server.enqueue(audio(bytes(100, 1)));

        kokoro.synthesize(ProviderRequest.of("openai", SpeechRequest.builder().text(TEXT).format(AudioFormat.PCM16_24K).build(),
                java.util.Optional.empty(), AudioFormat.PCM16_24K), ctx());

        RecordedRequest r = take();
        assertNull(r.getHeaders().get("Authorization"));
        assertEquals("af_bella+af_sky", bodyOf(r).get("voice").asText());
        assertEquals("kokoro", bodyOf(r).get("model").asText());
    }

    @Test
    void organizationAndProjectHeadersOnlyWhenSet() throws Exception {
        OpenAiProvider p = builder().organization("org-1").project("proj_2").build();
        server.enqueue(audio(bytes(100, 1)));
        server.enqueue(audio(bytes(100, 1)));
        p.synthesize(request(TEXT, AudioFormat.PCM16_24K), ctx());
        provider.synthesize(request(TEXT, AudioFormat.PCM16_24K), ctx());
        RecordedRequest with = take();
        RecordedRequest without = take();
        assertEquals("org-1", with.getHeaders().get("OpenAI-Organization"));
        assertEquals("proj_2", with.getHeaders().get("OpenAI-Project"));
        assertNull(without.getHeaders().get("OpenAI-Organization"));
        assertNull(without.getHeaders().get("OpenAI-Project"));
    }

    @Test
    void refusedBeforeAnyIo() {
        OpenAiProvider openAi = builder().compatibleServer(false).model("tts-1").build();
        // ballad is not a tts-1 voice; instructions are not for tts-1; speed and text out of range; a format not offered.
        assertThrows(UnsupportedRequestException.class, () -> openAi.synthesize(request(
                SpeechRequest.builder().text(TEXT).format(AudioFormat.PCM16_24K).build(), "ballad"), ctx()));
        assertThrows(UnsupportedRequestException.class, () -> openAi.synthesize(request(SpeechRequest.builder().text(TEXT)
                .format(AudioFormat.PCM16_24K).option("openai.instructions", "Calm.").build(), "alloy"), ctx()));
        assertThrows(ValidationException.class, () -> openAi.synthesize(request(SpeechRequest.builder().text(TEXT)
                .format(AudioFormat.PCM16_24K).speed(4.5).build(), "alloy"), ctx()));
        assertThrows(UnsupportedRequestException.class, () -> openAi.synthesize(request(TEXT, AudioFormat.MP3_44K_128), ctx()));
        assertThrows(UnsupportedRequestException.class, () -> openAi.synthesize(request(TEXT, AudioFormat.PCM16_16K), ctx()));
        String tooLong = "a".repeat(4097);
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> openAi.synthesize(request(tooLong, AudioFormat.PCM16_24K), ctx()));
        assertEquals(java.util.Optional.of("openai"), e.provider());
        assertEquals(0, server.getRequestCount(), "nothing was sent");
    }

    @Test
    void builderFailsFastOnContradictions() {
        assertThrows(IllegalStateException.class, () -> OpenAiProvider.builder().build(), "OpenAI needs a key");
        assertThrows(IllegalStateException.class, () -> builder().compatibleServer(false).model("tts-1-hd").voice("marin").build());
        assertThrows(IllegalStateException.class, () -> builder().compatibleServer(false).model("tts-1").instructions("Calm.").build());
        assertThrows(IllegalArgumentException.class, () -> builder().pcmSampleRate(96_000));
        assertThrows(IllegalArgumentException.class, () -> builder().formats(AudioFormat.ALAW_8K));
        assertThrows(IllegalStateException.class, () -> builder().formats(AudioFormat.PCM16_16K).build(), "PCM rate disagrees");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> builder().baseUrl("not a url"));
        assertTrue(bad.getMessage().contains("base URL"), bad.getMessage());
        assertFalse(bad.getMessage().contains("not a url"), "a bad base URL is not echoed: it may hold credentials");
        assertFalse(builder().build().toString().contains(KEY), "toString never shows the key");
    }

    @Test
    void declaredFormatsForACompatibleServer() {
        OpenAiProvider openedai = OpenAiProvider.builder().baseUrl(server.url("/").toString()).pcmSampleRate(22_050)
                .formats(AudioFormat.PCM16_22K, AudioFormat.WAV_PCM16_22K).voices("alloy", "halo").streaming(false).build();
        assertEquals(java.util.Set.of(AudioFormat.PCM16_22K, AudioFormat.WAV_PCM16_22K), openedai.capabilities().formats());
        assertFalse(openedai.capabilities().streaming());
        assertEquals(List.of("alloy", "halo"), openedai.voices(ctx()).stream().map(v -> v.id().value()).toList());
        assertFalse(openedai.capabilities().paid());
    }

    @Test
    void openAiVoicesFollowTheModel() {
        OpenAiProvider tts1 = builder().compatibleServer(false).model("tts-1").build();
        OpenAiProvider mini = builder().compatibleServer(false).build();
        assertEquals(9, tts1.voices(ctx()).size());
        assertEquals(13, mini.voices(ctx()).size());
        assertTrue(mini.capabilities().paid());
        assertEquals(Map.of("model", "tts-1"), tts1.voices(ctx()).get(0).labels());
    }

    private static List<String> fields(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }
}
