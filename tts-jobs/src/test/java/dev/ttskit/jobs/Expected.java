package dev.ttskit.jobs;

import dev.ttskit.SpeechRequest;
import dev.ttskit.TtsClient;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;

/** What a job's output must be, worked out independently of the job machinery. */
final class Expected {
    private Expected() {
    }

    static List<String> chunks(TtsClient client, String text) {
        return client.chunks(SpeechRequest.builder().text(text).format(LoggedProvider.FORMAT).build());
    }

    /** Each chunk's tone joined with {@code gapMillis} of silence; chunks in {@code silenced} as 66 ms a character of silence. */
    static byte[] output(List<String> chunks, int gapMillis, Set<Integer> silenced) {
        AudioFormat f = LoggedProvider.FORMAT;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.size(); i++) {
            if (i > 0) data.writeBytes(new byte[gapMillis * f.sampleRate() / 1000 * 2]);
            if (silenced.contains(i)) {
                data.writeBytes(new byte[(int) (66L * chunks.get(i).length() * f.sampleRate() / 1000 * 2)]);
                continue;
            }
            byte[] wav = LoggedProvider.audioFor(chunks.get(i), f);
            WavInfo info = WavCodec.readInfo(wav);
            data.write(wav, info.dataOffset(), info.dataLength());
        }
        return WavCodec.wrapPcm16(data.toByteArray(), f.sampleRate(), 1);
    }
}
