package dev.ttskit.cli;

import dev.ttskit.AudioStream;
import dev.ttskit.ProgressListener;
import dev.ttskit.Settings;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.TimedSpan;
import dev.ttskit.Timestamps;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.elevenlabs.ElevenLabsProvider;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.VoiceTarget;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ttskit speak}: text in, one audio file out, through the configured failover chain. */
@Command(name = "speak", sortOptions = false,
        description = {"Turn text into an audio file through the failover chain configured in the environment.",
            "With nothing configured, the embedded MaryTTS voice speaks (English, offline)."},
        footer = {"", "Long text (WAV and PCM) is spoken chunk by chunk; on a terminal a progress bar shows chunks done,",
            "percent and time left. The file is written whole or not at all; its path is checked before any",
            "provider is asked."})
final class SpeakCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--text", paramLabel = "TEXT", description = "The text to speak.")
    @Nullable String text;

    @Option(names = "--file", paramLabel = "PATH", description = "Read the text from a UTF-8 file.")
    @Nullable String file;

    @Parameters(arity = "0..1", paramLabel = "-", description = "Read the text from standard input.")
    @Nullable String dash;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Where to write the audio.")
    @Nullable String out;

    @Option(names = "--provider", paramLabel = "a,b", description = {"Providers to try, in this order (default: TTSKIT_PROVIDERS, else every",
        "configured provider with the embedded marytts voice last)."})
    @Nullable String provider;

    @Mixin
    AudioOptions audio;

    @Option(names = "--speaker-wav", paramLabel = "PATH", description = "Reference recording for voice cloning (local-xtts, replicate).")
    @Nullable String speakerWav;

    @Option(names = "--seed", paramLabel = "N", description = "Sampling seed, for providers that take one.")
    @Nullable String seed;

    @Option(names = "--timeout", paramLabel = "D", description = "The request's deadline, e.g. 30s or 2m (default TTSKIT_TIMEOUT, else 60s).")
    @Nullable String timeout;

    @Option(names = "--attempt-timeout", paramLabel = "D", description = {"The most one provider attempt may take before the next is tried",
        "(default TTSKIT_ATTEMPT_TIMEOUT, else 30s)."})
    @Nullable String attemptTimeout;

    @Option(names = "--stream", description = "Write the audio as the provider sends it (failover only before the first byte).")
    boolean stream;

    @Option(names = "--timestamps", paramLabel = "PATH", description = {"Also write the character and word timings as JSON (elevenlabs only;",
        "the audio is streamed from the first provider of the chain, without failover)."})
    @Nullable String timestamps;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Mixin
    DebugOption debug;

    SpeakCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        // Everything the command line can get wrong is found before anything is read, written or asked.
        if (dash != null && !dash.equals("-")) {
            throw new UsageException("unexpected argument '" + dash + "' (values go after their option, e.g. --text TEXT; - reads standard input)");
        }
        int sources = (text != null ? 1 : 0) + (file != null ? 1 : 0) + (dash != null ? 1 : 0);
        if (sources != 1) throw new UsageException("give exactly one of --text TEXT, --file PATH or - (standard input)");
        AudioFormat format = audio.audioFormat(out);
        Optional<Long> seedValue = seed();
        Map<String, String> overrides = durations();
        List<String> providers = providers();
        Optional<Path> reference = speakerWav == null ? Optional.empty() : Optional.of(path("--speaker-wav", speakerWav));
        Optional<Path> textFile = file == null ? Optional.empty() : Optional.of(path("--file", file));
        Path outPath = path("--out", out);
        Optional<Path> timingsPath = timestamps == null ? Optional.empty() : Optional.of(path("--timestamps", timestamps));
        if (timingsPath.isPresent() && timingsPath.get().toAbsolutePath().equals(outPath.toAbsolutePath())) {
            throw new UsageException("--timestamps and --out name the same file: " + outPath);
        }

        try (OutputFile output = OutputFile.claim("--out", outPath);
             OutputFile timings = timingsPath.isPresent() ? OutputFile.claim("--timestamps", timingsPath.get()) : null) {
            String input = readText(textFile);
            if (input.isBlank()) throw new InputException("the text is empty", null);
            if (reference.isPresent() && !Files.isReadable(reference.get())) {
                throw new InputException("--speaker-wav " + reference.get() + " is not a readable file", null);
            }
            SpeechRequest request = request(input, format, seedValue, reference);
            try (TtsClient client = Clients.build(ctx, providers, !quiet, reference, overrides)) {
                if (timings != null) return speakWithTimings(client, request, output, outPath, timings);
                return speak(client, request, output, outPath);
            }
        }
    }

    private int speak(TtsClient client, SpeechRequest request, OutputFile output, Path outPath) throws IOException {
        if (stream) {
            try (AudioStream s = client.stream(request)) {
                long bytes = output.write(s);
                summary(outPath, s.format(), s.provider(), bytes, Optional.empty());
                return ExitCode.OK;
            }
        }
        SpeechResult result;
        if (request.format().isLinearPcm()) {
            ProgressBar bar = ctx.terminal() && !quiet ? new ProgressBar(ctx.stderr(), ctx.clock(), ctx.columns()) : null;
            try {
                result = client.synthesizeLong(request, bar == null ? ProgressListener.NONE : bar).result();
            } finally {
                if (bar != null) bar.finish();
            }
        } else {
            result = client.synthesize(request);   // compressed audio is not reassembled from chunks
        }
        long bytes = output.write(result.audioStream());
        summary(outPath, result.format(), result.provider(), bytes, Optional.of(result.duration()));
        return ExitCode.OK;
    }

    /**
     * Streams from ElevenLabs' timestamp endpoint through {@link TtsClient#call}: the timings arrive
     * with the audio, so there is no failover (another provider could not give them).
     */
    private int speakWithTimings(TtsClient client, SpeechRequest request, OutputFile output, Path outPath, OutputFile timings)
            throws IOException, UsageException {
        String first = client.providerIds().get(0);
        if (!first.equals(ElevenLabsProvider.ID)) {
            throw new UsageException("--timestamps needs a provider that reports timings (elevenlabs); the chain starts with "
                    + first + (client.providerIds().contains(ElevenLabsProvider.ID) ? " (use --provider elevenlabs)" : ""));
        }
        ProviderRequest forElevenLabs = ProviderRequest.of(ElevenLabsProvider.ID, request,
                audio.voice().map(VoiceTarget::id), request.format());
        List<TimedSpan> characters = new ArrayList<>();
        long bytes;
        AudioFormat format;
        try (AudioStream s = client.call(ElevenLabsProvider.ID, ElevenLabsProvider.class,
                (elevenLabs, call) -> elevenLabs.streamWithTimestamps(forElevenLabs, call, characters::addAll))) {
            bytes = output.write(s);
            format = s.format();
        }
        Timestamps timed = Timestamps.fromCharacters(characters);
        TimestampsFile.write(timings, timed);
        summary(outPath, format, ElevenLabsProvider.ID, bytes, Optional.empty());
        if (!quiet) {
            ctx.stdout().println("wrote " + timestamps + ": " + timed.characters().size() + " characters, "
                    + timed.words().size() + " words");
        }
        return ExitCode.OK;
    }

    private SpeechRequest request(String input, AudioFormat format, Optional<Long> seedValue, Optional<Path> reference) throws UsageException {
        try {
            SpeechRequest.Builder b = SpeechRequest.builder().text(input).format(format);
            audio.voice().ifPresent(b::voice);
            audio.language().ifPresent(b::language);
            seedValue.ifPresent(b::seed);
            reference.ifPresent(b::speakerReference);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private String readText(Optional<Path> textFile) throws InputException {
        if (text != null) return text;
        String source = textFile.map(p -> "--file " + p).orElse("standard input");
        try {
            byte[] bytes = textFile.isPresent() ? Files.readAllBytes(textFile.get()) : ctx.stdin().readAllBytes();
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(source + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new InputException("cannot read " + source + ": " + Words.why(e), e);
        }
    }

    private void summary(Path outPath, AudioFormat format, String speaker, long bytes, Optional<Duration> duration) {
        if (quiet) return;
        String length = duration.map(d -> String.format("%.1f s, ", d.toMillis() / 1000.0)).orElse("");
        ctx.stdout().println("wrote " + outPath + ": " + length + format + ", " + bytes + " bytes, spoken by " + speaker);
    }

    private List<String> providers() throws UsageException {
        if (provider == null) return List.of();
        List<String> ids = Clients.ids(provider);
        if (ids.isEmpty()) throw new UsageException("--provider needs at least one provider id");
        return ids;
    }

    private Optional<Long> seed() throws UsageException {
        try {
            return seed == null ? Optional.empty() : Optional.of(Long.parseLong(seed.trim()));
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be a whole number, was '" + seed + "'");
        }
    }

    /** --timeout and --attempt-timeout as the settings they override, checked here so a typo is a usage error. */
    private Map<String, String> durations() throws UsageException {
        Map<String, String> settings = new LinkedHashMap<>();
        duration("--timeout", timeout, "TTSKIT_TIMEOUT", settings);
        duration("--attempt-timeout", attemptTimeout, "TTSKIT_ATTEMPT_TIMEOUT", settings);
        return Map.copyOf(settings);
    }

    private static void duration(String option, @Nullable String value, String setting, Map<String, String> into) throws UsageException {
        if (value == null) return;
        try {
            Settings.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
        into.put(setting, value);
    }

    static Path path(String option, @Nullable String value) throws UsageException {
        // picocli enforces required options; a caller that reaches here without one still gets words.
        if (value == null) throw new UsageException(option + " is required");
        try {
            if (value.isBlank()) throw new UsageException(option + " needs a path, was empty");
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(option + " " + value + " is not a usable path: " + e.getReason());
        }
    }
}
