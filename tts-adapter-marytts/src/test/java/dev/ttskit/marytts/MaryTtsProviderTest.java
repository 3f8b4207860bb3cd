package dev.ttskit.marytts;

import dev.ttskit.AudioFormatException;
import dev.ttskit.SpeechRequest;
import dev.ttskit.SpeechResult;
import dev.ttskit.TtsClient;
import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.Voice;
import dev.ttskit.audio.AudioAnalysis;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.audio.PcmAudio;
import dev.ttskit.audio.WavCodec;
import dev.ttskit.audio.WavInfo;
import dev.ttskit.spi.CallContext;
import dev.ttskit.spi.CancellationToken;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.ResourceManager;
import dev.ttskit.spi.VoiceTarget;
import dev.ttskit.testkit.NoLeaks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real English synthesis with the trimmed MaryTTS dependency set. */
@ExtendWith(NoLeaks.class)
class MaryTtsProviderTest {
    private static final AudioFormat WAV_48K = AudioFormat.wav(48_000);
    private static ResourceManager resources;
    private static MaryTtsProvider provider;

    @BeforeAll
    static void start() {
        resources = ResourceManager.create();
        provider = MaryTtsProvider.create();
    }

    @AfterAll
    static void stop() {
        provider.close();
        resources.close();
    }

    private static CallContext context() {
        // generous: the first call starts MaryTTS, which takes seconds on a busy machine
        return CallContext.of(Duration.ofSeconds(60), Clock.systemUTC(), new CancellationToken(), resources);
    }

    private static ProviderRequest request(String text, AudioFormat format) {
        return ProviderRequest.of(MaryTtsProvider.ID, SpeechRequest.builder().text(text).format(format).build(), Optional.empty(), format);
    }

    private static PcmAudio speak(String text) {
        SpeechResult r = provider.synthesize(request(text, WAV_48K), context());
        assertEquals(WAV_48K, r.format());
        assertEquals("marytts", r.provider());
        return WavCodec.decode(r.audioBytes());
    }

    @Test
    void speaksEnglishAsAWavAtTheVoicesNativeRate() {
        SpeechResult r = provider.synthesize(request("Hello world. This is the embedded voice.", WAV_48K), context());
        byte[] wav = r.audioBytes();
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
        WavInfo info = WavCodec.readInfo(wav);
        assertEquals(48_000, info.sampleRate());
        assertEquals(1, info.channels());
        assertEquals(16, info.bitsPerSample());
        // about two and a half seconds of speech for seven words; allow for a slow or fast voice
        assertTrue(info.duration().compareTo(Duration.ofMillis(1200)) > 0, "duration " + info.duration());
        assertTrue(info.duration().compareTo(Duration.ofSeconds(6)) < 0, "duration " + info.duration());
        PcmAudio pcm = WavCodec.decode(wav);
        assertTrue(AudioAnalysis.rms(pcm) > 0.02, "speech is not silent, rms " + AudioAnalysis.rms(pcm));
        assertFalse(AudioAnalysis.isSilent(pcm));
        assertEquals(r.duration().toMillis(), info.duration().toMillis(), 1);
    }

    @Test
    void durationGrowsWithTheText() {
        Duration shortOne = speak("Good morning.").duration();
        Duration longOne = speak("Good morning. The weather today is bright and clear, with a light wind from the west "
                + "and temperatures rising slowly through the afternoon.").duration();
        assertTrue(longOne.toMillis() > 4 * shortOne.toMillis(), shortOne + " vs " + longOne);
    }

    @Test
    void rawPcmIsTheSameSamplesWithoutAHeader() {
        String text = "Testing raw samples.";
        byte[] pcm = provider.synthesize(request(text, AudioFormat.pcm(48_000)), context()).audioBytes();
        byte[] wav = provider.synthesize(request(text, WAV_48K), context()).audioBytes();
        assertEquals(wav.length - WavCodec.HEADER_SIZE, pcm.length);
        byte[] wavData = java.util.Arrays.copyOfRange(wav, WavCodec.HEADER_SIZE, wav.length);
        assertArrayEquals(wavData, pcm, "MaryTTS's HMM voice is deterministic");
    }

    @Test
    void speaksTextWithAnEmailAddressThatWouldOverflowMarysPreprocessor() {
        PcmAudio pcm = speak("Write to jane.doe@example.com today.");
        assertTrue(pcm.duration().compareTo(Duration.ofSeconds(1)) > 0);
        assertTrue(AudioAnalysis.rms(pcm) > 0.02);
    }

    @Test
    void numbersDatesAndSymbolsAreExpanded() {
        PcmAudio pcm = speak("On 3rd May 2021 at 5:30 pm it cost $3.50, about 20% more; see http://example.org.");
        assertTrue(pcm.duration().compareTo(Duration.ofSeconds(4)) > 0, "expanded to words: " + pcm.duration());
    }

    @Test
    void textWithNothingSpeakableIsBadAudioNotSilence() {
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> provider.synthesize(request("!!! ...", WAV_48K), context()));
        assertEquals(Optional.of("marytts"), e.provider());
        assertFalse(e.getMessage().contains("!!!"));
    }

    @Test
    void refusesWhatItCannotServe() {
        assertThrows(UnsupportedRequestException.class,
                () -> provider.synthesize(request("Hello.", AudioFormat.MP3_44K_128), context()));
        assertThrows(UnsupportedRequestException.class,
                () -> provider.synthesize(request("Hello.", AudioFormat.WAV_PCM16_24K), context()));
        ProviderRequest german = ProviderRequest.builder().provider("marytts").text("Hallo.").language("de").format(WAV_48K).build();
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(german, context()));
        ProviderRequest cloning = ProviderRequest.of("marytts", SpeechRequest.of("Hello."),
                Optional.of(VoiceTarget.reference(Path.of("me.wav"))), WAV_48K);
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(cloning, context()));
        ProviderRequest otherVoice = ProviderRequest.of("marytts", SpeechRequest.of("Hello."),
                Optional.of(VoiceTarget.id("cmu-bdl-hsmm")), WAV_48K);
        assertThrows(UnsupportedRequestException.class, () -> provider.synthesize(otherVoice, context()));
    }

    @Test
    void declaresWhatItIs() {
        var caps = provider.capabilities();
        assertEquals(java.util.Set.of(WAV_48K, AudioFormat.pcm(48_000)), caps.formats());
        assertTrue(caps.local());
        assertFalse(caps.paid());
        assertTrue(caps.supportsLanguage("en-GB"));
        assertFalse(caps.supportsLanguage("fr"));
        List<Voice> voices = provider.voices(context());
        assertEquals(1, voices.size());
        assertEquals("cmu-slt-hsmm", voices.get(0).id().value());
        assertTrue(voices.get(0).languages().contains("en"));
    }

    @Test
    void unknownVoiceFailsFastNamingWhatExists() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaryTtsProvider.builder().voice("no-such-voice").build());
        assertTrue(e.getMessage().contains("no-such-voice") && e.getMessage().contains("cmu-slt-hsmm"), e.getMessage());
    }

    @Test
    void theClientConvertsToTheCallersFormat() {
        try (TtsClient client = TtsClient.builder().provider(MaryTtsProvider.create()).build()) {
            SpeechResult r = client.synthesize(SpeechRequest.builder().text("Converted by the client.")
                    .format(AudioFormat.WAV_PCM16_16K).build());
            assertEquals(AudioFormat.WAV_PCM16_16K, r.format());
            assertEquals(16_000, WavCodec.readInfo(r.audioBytes()).sampleRate());
            assertTrue(AudioAnalysis.rms(WavCodec.decode(r.audioBytes())) > 0.02);
        }
    }

    @Test
    void concurrentCallsAreSerialisedAndEachGetsItsOwnSpeech() throws Exception {
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<SpeechResult>> calls = new java.util.ArrayList<>();
            String[] texts = {"One.", "Two, three, four, five, six.", "Seven, eight, nine, ten, eleven, twelve, thirteen."};
            for (String t : texts) calls.add(callers.submit(() -> provider.synthesize(request(t, WAV_48K), context())));
            long[] millis = new long[texts.length];
            for (int i = 0; i < texts.length; i++) {
                PcmAudio pcm = WavCodec.decode(calls.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS).audioBytes());
                assertTrue(AudioAnalysis.rms(pcm) > 0.02);
                millis[i] = pcm.duration().toMillis();
            }
            // each caller got the audio of its own text, not a neighbour's
            assertTrue(millis[0] < millis[1] && millis[1] < millis[2], java.util.Arrays.toString(millis));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void workAbandonedBeforeItBeganIsSkipped() {
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> dev.ttskit.marytts.internal.MaryEngine.instance().synthesize("cmu-slt-hsmm", "Never spoken.", () -> true));
    }

    @Test
    void aClosedClientsResourcesCancelTheCall() {
        ResourceManager closed = ResourceManager.create();
        closed.close();
        CallContext ctx = CallContext.of(Duration.ofSeconds(5), Clock.systemUTC(), new CancellationToken(), closed);
        assertThrows(dev.ttskit.CancelledException.class, () -> provider.synthesize(request("Hello.", WAV_48K), ctx));
    }

    @Test
    void noLoggingBackendIsForcedAndMaryWritesNoLogFile() {
        speak("Logging check.");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.logging.log4j.core.LogEvent"));
        assertFalse(Files.exists(Path.of("log", "server.log")), "MaryTTS's own log configuration stays off");
    }
}
