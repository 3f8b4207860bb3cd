package dev.ttskit.polly.internal;

import dev.ttskit.UnsupportedRequestException;
import dev.ttskit.ValidationException;
import dev.ttskit.audio.AudioFormat;
import dev.ttskit.spi.ProviderRequest;
import dev.ttskit.spi.VoiceTarget;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechRequest;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Turns a {@link ProviderRequest} into a {@code SynthesizeSpeech} request, checking before any I/O
 * what Polly would reject (spec section 3): blank text, text over the per-request limits, malformed
 * SSML, more than five lexicons, a format or rate Polly does not produce, a voice known not to speak
 * the engine. A speed is spoken through SSML {@code <prosody rate>}.
 *
 * <p>Per-request options ({@code polly.<name>}): {@code engine}, {@code text_type} ({@code text} or
 * {@code ssml}; SSML is recognised by its {@code <speak>} root otherwise), {@code language_code},
 * {@code lexicons} (comma-separated), {@code timestamps} ({@code true} adds word timings).
 */
public final class RequestMapper {
    /** Billed characters one request may carry (text outside SSML tags). */
    public static final int MAX_BILLED_CHARS = 3_000;
    /** Characters one request may carry, SSML tags included. */
    public static final int MAX_TOTAL_CHARS = 6_000;
    /** Speed range, as SSML prosody rates of 20 % to 200 %. */
    public static final double MIN_SPEED = 0.2;
    public static final double MAX_SPEED = 2.0;

    private static final Pattern LEXICON = Pattern.compile("[0-9A-Za-z]{1,20}");
    private static final Pattern LANGUAGE = Pattern.compile("([a-z]{2,3})(?:-([a-z]{2,3}))?", Pattern.CASE_INSENSITIVE);

    private final String provider;
    private final String defaultVoice;
    private final String defaultEngine;
    private final BiFunction<String, String, Boolean> voiceSpeaksEngine;

    /**
     * @param voiceSpeaksEngine false only when the voice is known (from DescribeVoices) not to speak the engine
     */
    public RequestMapper(String provider, String defaultVoice, String defaultEngine, BiFunction<String, String, Boolean> voiceSpeaksEngine) {
        this.provider = provider;
        this.defaultVoice = defaultVoice;
        this.defaultEngine = defaultEngine;
        this.voiceSpeaksEngine = voiceSpeaksEngine;
    }

    public PreparedSpeech prepare(ProviderRequest request) {
        AudioFormat format = request.format();
        PollyFormats.Wire wire = PollyFormats.wireFor(format)
                .orElseThrow(() -> unsupported("Polly cannot produce " + format));
        AudioFormat source = format.container() == AudioFormat.Container.WAV ? format.withContainer(AudioFormat.Container.RAW) : format;
        Map<String, Object> options = request.options();
        String voice = voice(request);
        String engine = option(options, "engine", defaultEngine).toLowerCase(Locale.ROOT);
        if (!voiceSpeaksEngine.apply(voice, engine)) throw unsupported("voice " + voice + " does not speak the " + engine + " engine");

        String text = request.text();
        if (text.isBlank()) throw invalid("text must not be blank");
        String textType = option(options, "text_type", text.stripLeading().startsWith("<speak") ? "ssml" : "text")
                .toLowerCase(Locale.ROOT);
        if (!textType.equals("text") && !textType.equals("ssml")) throw invalid("text_type must be text or ssml, was '" + textType + "'");
        String sent = text;
        Double speed = request.speed().orElse(null);
        if (speed != null && !(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw invalid("speed must be " + MIN_SPEED + ".." + MAX_SPEED + ", was " + speed);
        }
        int billed;
        if (textType.equals("ssml")) {
            if (speed != null && speed != 1.0) throw unsupported("a speed with SSML input: put <prosody rate> in the SSML");
            billed = ssmlTextLength(text);
        } else {
            billed = text.codePointCount(0, text.length());
            if (speed != null && speed != 1.0) {
                sent = "<speak><prosody rate=\"" + Math.round(speed * 100) + "%\">" + escape(text) + "</prosody></speak>";
                textType = "ssml";
            }
        }
        if (billed > MAX_BILLED_CHARS || sent.codePointCount(0, sent.length()) > MAX_TOTAL_CHARS) {
            throw unsupported("text has " + billed + " billed characters (" + sent.length() + " in all), more than the "
                    + MAX_BILLED_CHARS + " (" + MAX_TOTAL_CHARS + ") one Polly request accepts");
        }

        SynthesizeSpeechRequest.Builder b = SynthesizeSpeechRequest.builder()
                .engine(engine)
                .outputFormat(wire.outputFormat())
                .sampleRate(wire.sampleRate())
                .text(sent)
                .textType(textType)
                .voiceId(voice);
        String language = languageCode(request, options);
        if (language != null) b.languageCode(language);
        List<String> lexicons = lexicons(options);
        if (!lexicons.isEmpty()) b.lexiconNames(lexicons);
        boolean timestamps = Boolean.parseBoolean(String.valueOf(options.get("timestamps")));
        return new PreparedSpeech(b.build(), format, source, sent, timestamps);
    }

    /** The speech-mark request that goes with an audio request: the same text, voice and engine, word marks as JSON lines. */
    public static SynthesizeSpeechRequest marksFor(SynthesizeSpeechRequest audio) {
        return audio.toBuilder().outputFormat("json").sampleRate(null).speechMarkTypesWithStrings("word").build();
    }

    private String voice(ProviderRequest request) {
        if (request.voice().isEmpty()) return defaultVoice;
        VoiceTarget target = request.voice().get();
        if (target instanceof VoiceTarget.Id id) return id.id().value();
        throw unsupported("Polly voices are ids; cloning from a reference recording is not offered");
    }

    /** A language code only when it names a region ({@code en-GB}): Polly wants its own full codes, and only for bilingual voices. */
    private @Nullable String languageCode(ProviderRequest request, Map<String, Object> options) {
        Object explicit = options.get("language_code");
        if (explicit != null) return explicit.toString().trim();
        if (request.language().isEmpty()) return null;
        var m = LANGUAGE.matcher(request.language().get());
        if (!m.matches() || m.group(2) == null) return null;
        return m.group(1).toLowerCase(Locale.ROOT) + "-" + m.group(2).toUpperCase(Locale.ROOT);
    }

    private List<String> lexicons(Map<String, Object> options) {
        Object v = options.get("lexicons");
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        for (String name : v.toString().split(",")) {
            String n = name.trim();
            if (n.isEmpty()) continue;
            if (!LEXICON.matcher(n).matches()) throw invalid("lexicon names are 1..20 letters or digits, was '" + n + "'");
            out.add(n);
        }
        if (out.size() > 5) throw invalid("at most 5 lexicons per request, was " + out.size());
        return out;
    }

    /** Parses the SSML (no DTDs, no external entities) and counts the characters outside its tags. */
    private int ssmlTextLength(String ssml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder parser = f.newDocumentBuilder();
            // Reported through the exception only: the default handler would print to stderr.
            parser.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            Document doc = parser.parse(new InputSource(new StringReader(ssml)));
            if (!"speak".equals(doc.getDocumentElement().getTagName())) throw invalid("SSML must have a <speak> root element");
            String text = doc.getDocumentElement().getTextContent();
            return text.codePointCount(0, text.length());
        } catch (SAXException e) {
            throw invalid("SSML is not well-formed XML");
        } catch (ParserConfigurationException | IOException e) {
            throw invalid("SSML could not be read");
        }
    }

    private static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private String option(Map<String, Object> options, String name, String fallback) {
        Object v = options.get(name);
        if (v == null) return fallback;
        String s = v.toString().trim();
        if (s.isEmpty()) throw invalid("option " + name + " must not be blank");
        return s;
    }

    private ValidationException invalid(String message) {
        return ValidationException.builder(message).provider(provider).build();
    }

    private UnsupportedRequestException unsupported(String message) {
        return UnsupportedRequestException.builder(message).provider(provider).build();
    }
}
