package dev.ttskit.validation;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ttskit.ValidationException;

import java.text.Normalizer;

/**
 * Coverage-guided fuzz targets for the SSML validator, the text cleaner and the voice-reference
 * validator. The normal test run replays the committed inputs under
 * src/test/resources/dev/ttskit/validation/ValidatorsCoverageFuzzTestInputs in the small heap.
 */
class ValidatorsCoverageFuzzTest {
    private static final SsmlValidator SSML = SsmlValidator.standard();
    private static final TextCleaner CLEANER = TextCleaner.standard().withUrlMasking(true).withEmailMasking(true);
    private static final VoiceReferenceValidator REFERENCES = VoiceReferenceValidator.from(ValidationPolicy.defaults());

    @FuzzTest(maxDuration = "")
    void ssml(byte[] data) {
        String document = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        try {
            String spoken = SSML.validate(document);
            if (spoken == null) throw new IllegalStateException("validated SSML without text");
        } catch (ValidationException expected) {
            // the one failure the validator may report
        }
    }

    @FuzzTest(maxDuration = "")
    void textCleaner(byte[] data) {
        String text;
        try {
            text = TextCleaner.validateUtf8(data);
        } catch (ValidationException expected) {
            return;
        }
        CleanedText cleaned;
        try {
            cleaned = CLEANER.clean(text);
        } catch (ValidationException expected) {
            return;   // empty after cleaning
        }
        String out = cleaned.text();
        if (out.isEmpty() || !Normalizer.isNormalized(out, Normalizer.Form.NFC)) {
            throw new IllegalStateException("cleaned text is empty or not NFC");
        }
        if (!CLEANER.clean(out).text().equals(out)) throw new IllegalStateException("cleaning is not idempotent");
    }

    @FuzzTest(maxDuration = "")
    void voiceReference(byte[] data) {
        try {
            ReferenceAudio audio = REFERENCES.inspect(data);
            if (audio.duration().isNegative() || audio.sampleRate() <= 0 || audio.channels() <= 0) {
                throw new IllegalStateException("accepted reference with impossible header " + audio);
            }
        } catch (ValidationException expected) {
            // the one failure the validator may report
        }
    }
}
