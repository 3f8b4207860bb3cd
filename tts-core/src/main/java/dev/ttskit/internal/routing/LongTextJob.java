package dev.ttskit.internal.routing;

import dev.ttskit.CancelledException;
import dev.ttskit.LongSpeechResult;
import dev.ttskit.LongTextPolicy;
import dev.ttskit.ProgressListener;
import dev.ttskit.ProviderUnavailableException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsException;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioConcat;
import dev.ttskit.audio.AudioConverter;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.internal.AudioAccess;
import dev.ttskit.spi.CancellationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * One {@code synthesizeLong} call: splits the text within the strictest candidate limit,
 * synthesizes the chunks with bounded parallelism (each chunk a full routed request with its own
 * deadline, retries and failover), and joins them in order.
 */
final class LongTextJob {
    private static final Logger log = LoggerFactory.getLogger(LongTextJob.class);
    /** Speech runs at roughly 15 characters a second; used to size the silence of a failed chunk. */
    private static final long NANOS_PER_CHAR_ESTIMATE = 66_000_000L;

    private final LongTextPolicy policy;
    private final ExecutorService executor;
    private final BiFunction<SpeechRequest, CancellationToken, SpeechResult> synthesizer;

    LongTextJob(LongTextPolicy policy, ExecutorService executor, BiFunction<SpeechRequest, CancellationToken, SpeechResult> synthesizer) {
        this.policy = policy;
        this.executor = executor;
        this.synthesizer = synthesizer;
    }

    LongSpeechResult run(SpeechRequest request, List<Candidate> candidates, ProgressListener progress, CancellationToken cancellation) {
        AudioFormat format = request.format();
        boolean pcm = format.isPcmBased();
        if (!pcm && format.encoding() != AudioFormat.Encoding.MP3) {
            throw UnsupportedRequestException.builder("long text cannot be joined in " + format + "; ask for WAV, PCM or MP3").build();
        }
        List<String> chunks = split(request, candidates);
        if (chunks.isEmpty()) throw ValidationException.builder("text has nothing to speak").build();
        int total = chunks.size();
        SpeechResult[] results = new SpeechResult[total];
        TtsException[] errors = new TtsException[total];
        Progress reporter = new Progress(progress, total);
        reporter.start();

        CancellationToken job = new CancellationToken();
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(policy.parallelism(), total);
        CountDownLatch finished = new CountDownLatch(workers);
        RejectedExecutionException rejected = null;
        try (CancellationToken.Registration ignored = cancellation.onCancel(job::cancel)) {
            for (int w = 0; w < workers; w++) {
                try {
                    executor.execute(() -> {
                        try {
                            work(request, chunks, next, results, errors, job, reporter);
                        } finally {
                            finished.countDown();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    rejected = e;
                    job.cancel();
                    for (int left = w; left < workers; left++) finished.countDown();
                    break;
                }
            }
            finished.await();
        } catch (InterruptedException e) {
            job.cancel();
            Thread.currentThread().interrupt();
            throw CancelledException.builder("interrupted while synthesizing long text").cause(e).build();
        }
        if (cancellation.isCancelled()) throw CancelledException.builder("request was cancelled").build();
        if (rejected != null) throw CancelledException.builder("client is closed").cause(rejected).build();

        List<Integer> failed = new ArrayList<>();
        TtsException firstError = null;
        for (int i = 0; i < total; i++) {
            if (results[i] != null) continue;
            failed.add(i);
            TtsException e = errors[i];
            if (e != null && (firstError == null || firstError instanceof CancelledException)) firstError = e;
        }
        if (!failed.isEmpty() && (!policy.silenceFailedChunks() || failed.size() == total)) {
            throw firstError != null ? firstError : CancelledException.builder("long text synthesis stopped").build();
        }
        if (!failed.isEmpty()) log.warn("long text: {} of {} chunks failed and were replaced by silence", failed.size(), total);
        return new LongSpeechResult(join(results, chunks, format, pcm), total, failed);
    }

    /** Takes chunks in text order until none are left or the job stops. */
    private void work(SpeechRequest request, List<String> chunks, AtomicInteger next, SpeechResult[] results,
                      TtsException[] errors, CancellationToken job, Progress reporter) {
        int total = chunks.size();
        for (int i = next.getAndIncrement(); i < total && !job.isCancelled(); i = next.getAndIncrement()) {
            SpeechRequest part = request.toBuilder().text(chunks.get(i)).build();
            try {
                results[i] = synthesizer.apply(part, job);
            } catch (TtsException e) {
                errors[i] = e;
            } catch (RuntimeException e) {
                errors[i] = ProviderUnavailableException.builder("chunk " + i + " failed: " + e.getClass().getName()).cause(e).build();
            }
            if (errors[i] != null && !policy.silenceFailedChunks()) job.cancel();
            reporter.chunkDone();
        }
    }

    static List<String> split(SpeechRequest request, List<Candidate> candidates) {
        int maxChars = Integer.MAX_VALUE;
        int maxBytes = Integer.MAX_VALUE;
        for (Candidate c : candidates) {
            maxChars = Math.min(maxChars, c.provider().capabilities().maxCharsFor(request.language()));
            maxBytes = Math.min(maxBytes, c.provider().capabilities().maxUtf8Bytes());
        }
        Locale locale = request.language().map(Locale::forLanguageTag).orElse(Locale.ROOT);
        return new TextChunker(maxChars, maxBytes).split(request.text(), locale);
    }

    private SpeechResult join(SpeechResult[] results, List<String> chunks, AudioFormat format, boolean pcm) {
        Set<String> providers = new LinkedHashSet<>();
        int attempts = 0;
        for (SpeechResult r : results) {
            if (r == null) continue;
            providers.add(r.provider());
            attempts += r.attempts();
        }
        byte[] audio;
        if (pcm) {
            List<PcmAudio> parts = new ArrayList<>(results.length);
            for (int i = 0; i < results.length; i++) {
                parts.add(results[i] != null ? AudioConverter.decode(AudioAccess.audioOf(results[i]), format)
                        : silence(format, chunks.get(i).length()));
            }
            audio = AudioConverter.encode(AudioConcat.concat(parts, policy.gap(), policy.crossfade()), format);
        } else {
            // MP3 frames concatenate as they are; a failed chunk is left out (no silence can be made).
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (SpeechResult r : results) if (r != null) out.writeBytes(AudioAccess.audioOf(r));
            audio = out.toByteArray();
        }
        return SpeechResult.builder().audio(audio).format(format).provider(String.join(",", providers))
                .attempts(Math.max(1, attempts)).build();
    }

    private static PcmAudio silence(AudioFormat format, int chars) {
        Duration length = Duration.ofNanos(NANOS_PER_CHAR_ESTIMATE * Math.max(1, chars));
        int frames = (int) (length.toNanos() * format.sampleRate() / 1_000_000_000L);
        return PcmAudio.of(new float[frames * format.channels()], format.sampleRate(), format.channels());
    }

    /** Progress that only grows and ends at exactly 100 when the last chunk is done. */
    private static final class Progress {
        private final ProgressListener listener;
        private final int total;
        private int done;
        private int lastPercent;

        Progress(ProgressListener listener, int total) {
            this.listener = listener;
            this.total = total;
        }

        synchronized void start() {
            tell(0);
        }

        synchronized void chunkDone() {
            done++;
            int percent = done == total ? 100 : Math.min(99, done * 100 / total);
            lastPercent = Math.max(lastPercent, percent);
            tell(lastPercent);
        }

        private void tell(int percent) {
            try {
                listener.onProgress(percent, done, total);
            } catch (RuntimeException e) {
                log.warn("a ProgressListener threw; ignored", e);
            }
        }
    }
}
