package dev.ttskit.jobs;

import dev.ttskit.AudioStream;
import dev.ttskit.CancelledException;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechResult;
import dev.ttskit.Voice;
import dev.ttskit.VoiceId;
import dev.ttskit.audio.AudioConverter;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.TtsProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A deterministic provider whose call log is a file, so that a test can count calls across JVMs
 * (one line per call, written when the call starts). Each text gets its own tone, 20 ms per
 * character, so a job's output is the same bytes however often it is interrupted.
 */
final class LoggedProvider implements TtsProvider {
    static final AudioFormat FORMAT = AudioFormat.WAV_PCM16_16K;

    private final Path log;
    private final long delayMillis;
    private final int maxChars;
    private final Predicate<String> failing;
    private final AtomicInteger calls = new AtomicInteger();

    LoggedProvider(Path log, long delayMillis, int maxChars, Predicate<String> failing) {
        this.log = log;
        this.delayMillis = delayMillis;
        this.maxChars = maxChars;
        this.failing = failing;
    }

    LoggedProvider(Path log, long delayMillis) {
        this(log, delayMillis, 60, t -> false);
    }

    @Override
    public String id() {
        return "logged";
    }

    @Override
    public ProviderCapabilities capabilities() {
        return ProviderCapabilities.builder().formats(FORMAT, AudioFormat.PCM16_16K).local(true)
                .maxChars(maxChars).maxUtf8Bytes(maxChars * 4).maxConcurrentCalls(64).build();
    }

    @Override
    public SpeechResult synthesize(ProviderRequest request, CallContext ctx) {
        calls.incrementAndGet();
        String text = request.text();
        try {
            Files.writeString(log, text.replace('\n', ' ') + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (long waited = 0; waited < delayMillis; waited += 5) {
            if (ctx.cancellation().isCancelled()) throw CancelledException.builder("cancelled").provider(id()).build();
            try {
                Thread.sleep(Math.min(5, delayMillis - waited));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CancelledException.builder("interrupted").provider(id()).cause(e).build();
            }
        }
        if (failing.test(text)) throw ProviderUnavailableException.builder("scripted outage").provider(id()).providerStatus(503).build();
        return SpeechResult.builder().audio(audioFor(text, request.format())).format(request.format()).provider(id()).attempts(ctx.attempt()).build();
    }

    /** The audio this provider gives for a text: a tone whose pitch depends on the text. */
    static byte[] audioFor(String text, AudioFormat format) {
        int rate = format.sampleRate();
        int frames = rate / 50 * Math.max(1, text.length());
        double hz = 200 + Math.floorMod(text.hashCode(), 600);
        float[] samples = new float[frames];
        for (int i = 0; i < frames; i++) samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / rate));
        return AudioConverter.encode(PcmAudio.of(samples, rate, 1), format);
    }

    int calls() {
        return calls.get();
    }

    /** How often each text was spoken, by reading the log. */
    static Map<String, Integer> counts(Path log) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        if (!Files.exists(log)) return out;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (!line.isEmpty()) out.merge(line, 1, Integer::sum);
        }
        return out;
    }

    @Override
    public AudioStream stream(ProviderRequest request, CallContext ctx) {
        return TtsProvider.streamOf(synthesize(request, ctx));
    }

    @Override
    public List<Voice> voices(CallContext ctx) {
        return new ArrayList<>(List.of(new Voice(id(), VoiceId.of("narrator"), "Narrator", List.of("en"), Map.of())));
    }

    @Override
    public void close() {
    }

    /** Sentences numbered 0..n-1, one to a chunk at the default 60-character limit. */
    static String text(int sentences) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sentences; i++) sb.append("This is sentence ").append(i).append(" of the test. ");
        return sb.toString();
    }
}
