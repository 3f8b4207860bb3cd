package dev.ttskit.xtts;

import dev.ttskit.AudioStream;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.testkit.NoLeaks;
import dev.ttskit.xtts.internal.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provider behind the real client: routing, format conversion, streams and the resource stats. */
@ExtendWith(NoLeaks.class)
class XttsClientTest {
    private static SpeechRequest.Builder request() {
        return SpeechRequest.builder().text("Hello there. How are you?").language("en").seed(3)
                .option("local-xtts.do_sample", false).option("local-xtts.max_codes", 30);
    }

    @Test
    void clientSynthesizesStreamsAndConvertsThroughTheProvider() throws IOException {
        TtsClient client = TtsClient.builder()
                .provider(XttsProvider.builder().modelDir(TinyModel.dir()).intraOpThreads(1).build())
                .build();
        try {
            SpeechResult r = client.synthesize(request().format(AudioFormat.WAV_PCM16_24K).build());
            assertEquals("local-xtts", r.provider());
            PcmAudio audio = WavCodec.decode(r.audioBytes());
            assertEquals(24000, audio.sampleRate());
            assertTrue(audio.frames() > 0);
            assertEquals(1, client.resources().loadedModels());

            // 16 kHz is not produced natively: the client resamples the provider's 24 kHz PCM.
            SpeechResult low = client.synthesize(request().format(AudioFormat.WAV_PCM16_16K).build());
            assertEquals(16000, WavCodec.decode(low.audioBytes()).sampleRate());

            byte[] streamed;
            try (AudioStream s = client.stream(request().format(AudioFormat.PCM16_24K).build())) {
                streamed = s.readAllBytes();
            }
            assertEquals(audio.frames() * 2, streamed.length, "the stream holds the same samples as the whole result");
            assertEquals(0, client.resources().openStreams());
        } finally {
            client.close();
        }
        assertEquals(0, client.resources().loadedModels());
    }
}
