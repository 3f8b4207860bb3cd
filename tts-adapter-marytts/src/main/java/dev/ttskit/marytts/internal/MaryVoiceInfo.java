package dev.ttskit.marytts.internal;

import marytts.config.MaryConfig;
import marytts.config.VoiceConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a MaryTTS voice on the classpath declares, read from its configuration file without starting
 * MaryTTS (start-up takes seconds; the configuration is read in milliseconds).
 *
 * @param name       the voice's name, e.g. {@code cmu-slt-hsmm}
 * @param locale     the voice's locale, e.g. {@code en_US}
 * @param sampleRate the rate the voice synthesizes at, in Hz
 * @param gender     as the voice declares it, or {@code unknown}
 */
public record MaryVoiceInfo(String name, Locale locale, int sampleRate, String gender) {
    public MaryVoiceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(gender, "gender");
    }

    /** The voice's configuration, or empty when no voice of that name is on the classpath. */
    public static Optional<MaryVoiceInfo> find(String name) {
        VoiceConfig config = MaryConfig.getVoiceConfig(name);
        if (config == null) return Optional.empty();
        String prefix = "voice." + config.getName() + ".";
        String rate = config.getProperties().getProperty(prefix + "samplingRate", "16000").trim();
        String gender = config.getProperties().getProperty(prefix + "gender", "unknown").trim();
        return Optional.of(new MaryVoiceInfo(config.getName(), config.getLocale(), Integer.parseInt(rate), gender));
    }

    /** Names of the voices on the classpath. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        for (VoiceConfig config : MaryConfig.getVoiceConfigs()) names.add(config.getName());
        return names;
    }
}
