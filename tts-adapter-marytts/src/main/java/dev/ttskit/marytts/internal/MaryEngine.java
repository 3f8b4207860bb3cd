package dev.ttskit.marytts.internal;

import dev.ttskit.audio.PcmAudio;
import marytts.LocalMaryInterface;
import marytts.server.Mary;
import org.jspecify.annotations.Nullable;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The process's one MaryTTS. MaryTTS keeps its modules in static state, so there is exactly one per
 * JVM whoever asks for it: started on first use (seconds), never stopped by ttskit (MaryTTS cannot be
 * restarted reliably; its own JVM shutdown hook stops it). {@link LocalMaryInterface} is not
 * thread-safe, so synthesis is serialised behind a fair lock.
 */
public final class MaryEngine implements PcmSynthesizer {
    private static final MaryEngine INSTANCE = new MaryEngine();

    private final ReentrantLock lock = new ReentrantLock(true);
    private @Nullable LocalMaryInterface mary;

    private MaryEngine() {
    }

    public static MaryEngine instance() {
        return INSTANCE;
    }

    /** Whether MaryTTS has started in this JVM. */
    public synchronized boolean started() {
        return mary != null;
    }

    @Override
    public PcmAudio synthesize(String voice, String text, BooleanSupplier abandoned) throws Exception {
        LocalMaryInterface engine = start();
        lock.lockInterruptibly();
        try {
            if (abandoned.getAsBoolean()) throw new CancellationException("caller stopped waiting");
            engine.setVoice(voice);
            try (AudioInputStream audio = engine.generateAudio(text)) {
                return toPcm16Mono(audio);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts MaryTTS once. A start that failed is tried again only if MaryTTS went back to "off";
     * otherwise its state is unknown and the failure repeats.
     */
    private synchronized LocalMaryInterface start() throws Exception {
        if (mary != null) return mary;
        int state = Mary.currentState();
        if (state != Mary.STATE_OFF && state != Mary.STATE_RUNNING) {
            throw new IllegalStateException("MaryTTS is in state " + state + " after a failed start");
        }
        mary = new LocalMaryInterface();   // starts MaryTTS if it is off
        return mary;
    }

    /** Reads MaryTTS's audio as mono samples at the stream's own rate. */
    static PcmAudio toPcm16Mono(AudioInputStream audio) throws IOException {
        AudioFormat source = audio.getFormat();
        AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, source.getSampleRate(), 16, 1, 2,
                source.getSampleRate(), false);
        AudioInputStream pcm = source.matches(target) ? audio : AudioSystem.getAudioInputStream(target, audio);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16_384];
        int idleReads = 0;
        // A fixed buffer and an explicit loop: MaryTTS's streams end early under InputStream.readAllBytes,
        // which asks for zero bytes at buffer boundaries.
        for (int n; (n = pcm.read(buf, 0, buf.length)) != -1; ) {
            if (n == 0 && ++idleReads > 1_000) throw new IOException("MaryTTS audio stream made no progress");
            out.write(buf, 0, n);
        }
        return PcmAudio.fromPcm16(out.toByteArray(), Math.round(source.getSampleRate()), 1);
    }
}
