package dev.ttskit.xtts;

import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.VoiceTarget;
import dev.ttskit.testkit.NoLeaks;
import dev.ttskit.xtts.internal.TinyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A directory written by tools/export_xtts.py from a tiny checkpoint with the real XTTS-v2 key names
 * (tools/test_export_xtts.py) passes every load-time check and speaks, cloned and built-in.
 */
@ExtendWith(NoLeaks.class)
class ExportedModelTest {
    @TempDir
    Path tmp;

    @Test
    void exportedDirectoryLoadsClonesAndSpeaks() throws Exception {
        XttsProvider provider = XttsProvider.builder().modelDir(dir()).intraOpThreads(1).greedy(true).build();
        Path ref = tmp.resolve("ref.wav");
        Files.write(ref, WavCodec.encode(PcmAudio.of(TinyModel.f32("signal_44k.f32"), 44100, 1)));
        ResourceManager resources = ResourceManager.create();
        try {
            CallContext ctx = CallContext.of(Duration.ofMinutes(1), Clock.systemUTC(), new CancellationToken(), resources);
            assertEquals(List.of("Tiny Carol"), provider.voices(ctx).stream().map(v -> v.id().value()).toList());
            for (VoiceTarget voice : new VoiceTarget[] {VoiceTarget.id("Tiny Carol"), VoiceTarget.reference(ref)}) {
                SpeechRequest req = SpeechRequest.builder().text("Hello there.").language("en")
                        .format(AudioFormat.WAV_PCM16_24K).option("max_codes", 12).build();
                SpeechResult r = provider.synthesize(ProviderRequest.of(XttsProvider.ID, req, Optional.of(voice), req.format()), ctx);
                PcmAudio audio = WavCodec.decode(r.audioBytes());
                assertEquals(24000, audio.sampleRate());
                assertTrue(audio.frames() >= 256, "frames: " + audio.frames());
            }
        } finally {
            resources.close();
        }
    }

    private static Path dir() throws URISyntaxException {
        return Path.of(ExportedModelTest.class.getResource("/tiny-export/xtts.json").toURI()).getParent();
    }
}
