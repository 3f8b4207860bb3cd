package dev.ttskit.benchmarks.elevenlabs;

import java.io.IOException;
import java.io.InputStream;

/** One way of calling the loopback server: an adapter, or raw OkHttp as the baseline (the OpenAI driver's too). */
public interface Contender extends AutoCloseable {

    /** The name printed in the results. */
    String name();

    /** One {@code POST /v1/text-to-speech/{voice}}, whole body read; returns the audio length. */
    int synthesize() throws IOException;

    /** Opens {@code POST /v1/text-to-speech/{voice}/stream}; the caller reads and closes it. */
    InputStream stream(String voiceId) throws IOException;

    @Override
    void close();
}
