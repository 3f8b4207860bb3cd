/**
 * ttskit validation: text cleaning, parameter and language checks, voice-reference audio, SSML and
 * file names. Providing core's {@link dev.ttskit.spi.Validator} here is what turns it on: a client
 * with this module present validates every request with {@link dev.ttskit.validation.StandardValidator}.
 */
module dev.ttskit.validation {
    requires transitive dev.ttskit.core;
    requires java.xml;
    requires org.slf4j;

    exports dev.ttskit.validation;

    provides dev.ttskit.spi.Validator with dev.ttskit.validation.StandardValidator;
}
