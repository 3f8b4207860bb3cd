package dev.ttskit.openai;

import dev.ttskit.AudioFormatException;
import dev.ttskit.AudioStream;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.StreamInterruptedException;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.audio.AudioFormat;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** X3: audio as server-sent events, decoded to the same bytes a raw stream would carry (spec sections 5.2 and 13.2). */
class ServerSentEventsTest extends OpenAiTestSupport {
    static final String X3 = "data: {\"type\":\"speech.audio.delta\",\"audio\":\"//uQxAAAAAAA\"}\n\n"
            + "data: {\"type\":\"speech.audio.delta\",\"audio\":\"//uQxBQAAAAA\"}\n\n"
            + "data: {\"type\":\"speech.audio.done\",\"usage\":{\"input_tokens\":14,\"output_tokens\":101,\"total_tokens\":115}}\n\n";

    private OpenAiProvider sse() {
        return builder().compatibleServer(false).serverSentEvents(true).build();
    }

    private static MockResponse events(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .addHeader("x-request-id", "req_sse").chunkedBody(body, 16).build();
    }

    private static byte[] x3Audio() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Base64.getDecoder().decode("//uQxAAAAAAA"));
        out.writeBytes(Base64.getDecoder().decode("//uQxBQAAAAA"));
        return out.toByteArray();
    }

    @Test
    void x3DeltasReassembleByteExactlyAndTheRequestAsksForEvents() throws Exception {
        server.enqueue(events(X3));
        byte[] audio = sse().synthesize(request(TEXT, OpenAiProvider.OPENAI_MP3), ctx()).audioBytes();
        assertArrayEquals(x3Audio(), audio);
        assertEquals("sse", bodyOf(take()).get("stream_format").asText());
    }

    @Test
    void commentsEventLinesUnknownTypesAndDoneSentinelAreIgnored() throws Exception {
        String noisy = ": keep-alive\n\nevent: speech\nid: 1\ndata: {\"type\":\"speech.audio.delta\",\n"
                + "data: \"audio\":\"//uQxAAAAAAA\"}\n\n"
                + "data: {\"type\":\"speech.something.new\",\"x\":1}\n\n"
                + "data: {\"type\":\"speech.audio.delta\",\"audio\":\"//uQxBQAAAAA\"}\n\n"
                + "data: {\"type\":\"speech.audio.done\"}\n\ndata: [DONE]\n\n";
        server.enqueue(events(noisy));
        try (AudioStream s = sse().stream(request(TEXT, OpenAiProvider.OPENAI_MP3), ctx())) {
            assertArrayEquals(x3Audio(), s.readAllBytes());
        }
    }

    @Test
    void theFirstEventReachesTheCallerWhileTheServerHoldsTheRest() throws Exception {
        byte[] first = ("data: {\"type\":\"speech.audio.delta\",\"audio\":\"//uQxAAAAAAA\"}\n\n").getBytes(StandardCharsets.UTF_8);
        byte[] rest = ("data: {\"type\":\"speech.audio.delta\",\"audio\":\"//uQxBQAAAAA\"}\n\n"
                + "data: {\"type\":\"speech.audio.done\"}\n\n").getBytes(StandardCharsets.UTF_8);
        LatchedBody body = new LatchedBody(first, rest);
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body(body).build());
        try (AudioStream s = sse().stream(request(TEXT, OpenAiProvider.OPENAI_MP3), ctx())) {
            assertTrue(body.awaitFirstSent());
            assertArrayEquals(Base64.getDecoder().decode("//uQxAAAAAAA"), s.readNBytes(9));
            body.release();
            assertArrayEquals(Base64.getDecoder().decode("//uQxBQAAAAA"), s.readAllBytes());
        } finally {
            body.release();
        }
    }

    @Test
    void aMissingDoneAfterAudioIsAStreamInterruption() throws Exception {
        server.enqueue(events("data: {\"type\":\"speech.audio.delta\",\"audio\":\"//uQxAAAAAAA\"}\n\n"));
        try (AudioStream s = sse().stream(request(TEXT, OpenAiProvider.OPENAI_MP3), ctx())) {
            IOException e = assertThrows(IOException.class, s::readAllBytes);
            assertInstanceOf(StreamInterruptedException.class, e.getCause());
        }
    }

    @Test
    void aMissingDoneBeforeAnyAudioIsUnavailable() throws Exception {
        server.enqueue(events(": nothing yet\n\n"));
        try (AudioStream s = sse().stream(request(TEXT, OpenAiProvider.OPENAI_MP3), ctx())) {
            IOException e = assertThrows(IOException.class, s::read);
            assertInstanceOf(ProviderUnavailableException.class, e.getCause());
        }
    }

    @Test
    void undecodableDeltaIsBadAudio() {
        server.enqueue(events("data: {\"type\":\"speech.audio.delta\",\"audio\":\"not base64!\"}\n\n"));
        TtsException e = assertThrows(TtsException.class, () -> sse().synthesize(request(TEXT, OpenAiProvider.OPENAI_MP3), ctx()));
        assertInstanceOf(AudioFormatException.class, e);
    }

    @Test
    void eventsAreRefusedForTts1BeforeAnyIo() {
        OpenAiProvider tts1 = builder().compatibleServer(false).model("tts-1").build();
        assertThrows(UnsupportedRequestException.class, () -> tts1.synthesize(request(SpeechRequest.builder().text(TEXT)
                .format(AudioFormat.PCM16_24K).option("openai.stream_format", "sse").build(), "alloy"), ctx()));
        assertThrows(IllegalStateException.class, () -> builder().compatibleServer(false).model("tts-1").serverSentEvents(true).build());
        assertEquals(0, server.getRequestCount());
    }
}
