package dev.ttskit.polly;

import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioFormat;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Y4: DescribeVoices follows NextToken to the end; what it learns about engines refuses impossible requests before I/O. */
class VoicesTest extends PollyTestSupport {

    @Test
    void y4PaginationFollowsNextTokenToTheEnd() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"Voices\":[{\"Gender\":\"Female\",\"Id\":\"Joanna\",\"LanguageCode\":\"en-US\",\"LanguageName\":\"US English\","
                        + "\"Name\":\"Joanna\",\"SupportedEngines\":[\"neural\",\"standard\"]}],\"NextToken\":\"eyJ2IjoxfQ==\"}").build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"Voices\":[{\"Gender\":\"Male\",\"Id\":\"Matthew\",\"LanguageCode\":\"en-US\",\"LanguageName\":\"US English\","
                        + "\"Name\":\"Matthew\",\"SupportedEngines\":[\"generative\",\"neural\",\"standard\"]}]}").build());

        List<Voice> voices = provider.voices(ctx());

        assertEquals(List.of("Joanna", "Matthew"), voices.stream().map(v -> v.id().value()).toList());
        assertEquals("Female", voices.get(0).labels().get("gender"));
        assertEquals(List.of("en-US"), voices.get(0).languages());
        RecordedRequest first = take();
        assertEquals("GET", first.getMethod());
        assertEquals("/v1/voices", first.getUrl().encodedPath());
        assertEquals("neural", first.getUrl().queryParameter("Engine"));
        assertTrue(first.getHeaders().get("Authorization").startsWith("AWS4-HMAC-SHA256"));
        RecordedRequest second = take();
        assertEquals("eyJ2IjoxfQ==", second.getUrl().queryParameter("NextToken"));
    }

    @Test
    void aVoiceKnownNotToSpeakTheEngineIsRefusedWithoutACall() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"Voices\":[{\"Id\":\"Ivy\",\"Name\":\"Ivy\",\"LanguageCode\":\"en-US\",\"SupportedEngines\":[\"standard\"]}]}")
                .build());
        provider.voices(ctx());
        int before = server.getRequestCount();
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(request(
                dev.ttskit.SpeechRequest.builder().text("Hi.").format(AudioFormat.PCM16_16K).build(), "Ivy"), ctx()));
        assertEquals(before, server.getRequestCount());
    }
}
