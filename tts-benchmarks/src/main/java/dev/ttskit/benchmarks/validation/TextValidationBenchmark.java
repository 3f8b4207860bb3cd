package dev.ttskit.benchmarks.validation;

import dev.ttskit.SpeechRequest;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderCapabilities;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.validation.CleanedText;
import dev.ttskit.validation.StandardValidator;
import dev.ttskit.validation.TextCleaner;
import dev.ttskit.validation.ValidationPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.text.Normalizer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Cost of cleaning and validating a 5,000-character request, next to two baselines measured in the
 * same run (copying the text, and NFC normalisation alone), so the result reads as a ratio that does
 * not depend on the machine. Target: well under 1 % of a 100 ms provider call, i.e. under 1,000 µs.
 *
 * <p>{@code clean} text is ordinary prose that needs no change (the common case); {@code dirty} text
 * carries the things the cleaner removes (bidi controls, zero-width characters, decomposed accents,
 * whitespace runs, CRLF) spread through it.
 *
 * <p>Run: {@code java -jar tts-benchmarks/target/benchmarks.jar TextValidationBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TextValidationBenchmark {
    private static final int LENGTH = 5_000;
    private static final String PROSE = "The quick brown fox jumps over the lazy dog, caf\u00E9 owners say; "
            + "meanwhile \u201Cnaive\u201D readers pay \u20AC12.50 for a \uD83D\uDE00 sticker.\n"
            + "Long sentences with numbers like 3.14159 and dates like 2025-10-20 are common in articles. ";
    private static final String DIRTY = "The quick  brown\u200B fox jumps\u202E over the lazy dog,\r\n cafe\u0301 owners say; "
            + "meanwhile\u00A0\u00A0 \u201Cnaive\u201D readers\u2066 pay \u20AC12.50 for a \uD83D\uDE00\uFEFF sticker.\r\n"
            + "Long sentences\t\twith numbers like 3.14159 and\u0000 dates like 2025-10-20 are common in articles. ";

    @Param({"clean", "dirty"})
    public String kind;

    private String text;
    private SpeechRequest request;
    private TextCleaner cleaner;
    private StandardValidator validator;
    private ProviderCapabilities capabilities;

    @Setup
    public void setUp() {
        text = fiveThousandCharacters("clean".equals(kind) ? PROSE : DIRTY);
        request = SpeechRequest.builder().text(text).language("en-US").speed(1.0).option("stability", 0.5).build();
        cleaner = TextCleaner.standard();
        validator = new StandardValidator(ValidationPolicy.defaults());
        capabilities = ProviderCapabilities.builder().formats(AudioFormat.MP3_44K_128, AudioFormat.PCM16_24K)
                .maxChars(10_000).maxUtf8Bytes(40_000).parameter("speed", 0.7, 1.2).parameter("stability", 0, 1).build();
        if (validator.validate(request).text().isEmpty()) throw new IllegalStateException("benchmark text is empty");
    }

    /** Baseline: copying the text once. */
    @Benchmark
    public String baselineCopy() {
        return new String(text.toCharArray());
    }

    /** Baseline: NFC normalisation alone (the JDK's own cost, part of every cleaning). */
    @Benchmark
    public String baselineNormalizeNfc() {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** The text rules alone. */
    @Benchmark
    public CleanedText clean() {
        return cleaner.clean(text);
    }

    /** What the client runs before routing: cleaning, overall limits, language and parameters. */
    @Benchmark
    public SpeechRequest validate() {
        return validator.validate(request);
    }

    /** Before routing plus one provider's limits: the whole validation cost of a first attempt. */
    @Benchmark
    public ProviderRequest validateAndValidateFor() {
        SpeechRequest cleaned = validator.validate(request);
        ProviderRequest forProvider = ProviderRequest.of("elevenlabs", cleaned, Optional.empty(), AudioFormat.MP3_44K_128);
        return validator.validateFor(forProvider, "elevenlabs", capabilities);
    }

    private static String fiveThousandCharacters(String unit) {
        StringBuilder sb = new StringBuilder(LENGTH + unit.length());
        while (sb.length() < LENGTH) sb.append(unit);
        int end = LENGTH;
        if (Character.isHighSurrogate(sb.charAt(end - 1))) end--;
        return sb.substring(0, end);
    }
}
