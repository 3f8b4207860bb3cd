package dev.ttskit;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Configuration looked up by its environment-variable name (DESIGN table: {@code ELEVENLABS_API_KEY},
 * {@code TTSKIT_TIMEOUT}, ...), with precedence: explicit values &gt; system property &gt; environment.
 *
 * <p>The system property for a name is {@code ttskit.} followed by the name in lower case with
 * underscores as dots, the {@code TTSKIT_} prefix dropped: {@code ELEVENLABS_API_KEY} is
 * {@code ttskit.elevenlabs.api.key} and {@code TTSKIT_TIMEOUT} is {@code ttskit.timeout}.
 * Blank values count as unset.
 */
public final class Settings {
    private final Map<String, String> explicit;
    private final Function<String, @Nullable String> systemProperties;
    private final Function<String, @Nullable String> environment;

    private Settings(Map<String, String> explicit, Function<String, @Nullable String> systemProperties,
                     Function<String, @Nullable String> environment) {
        this.explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** {@return settings read from the process's system properties and environment} */
    public static Settings fromEnv() {
        return new Settings(Map.of(), System::getProperty, System::getenv);
    }

    /**
     * Explicit values only (tests, or applications that read their own configuration).
     *
     * @param values settings by environment name, e.g. {@code TTSKIT_TIMEOUT}
     * @return the settings
     */
    public static Settings of(Map<String, String> values) {
        return new Settings(values, name -> null, name -> null);
    }

    /**
     * For tests: explicit values, then the given properties, then the given environment.
     *
     * @param explicit values that win over everything, by environment name
     * @param systemProperties stands in for the system properties, by property name
     *     ({@code ttskit.timeout})
     * @param environment stands in for the environment, by environment name
     * @return the settings
     */
    public static Settings layered(Map<String, String> explicit, Map<String, String> systemProperties,
                                   Map<String, String> environment) {
        return new Settings(explicit, Map.copyOf(systemProperties)::get, Map.copyOf(environment)::get);
    }

    /**
     * The same settings with explicit values on top (the builder's layer).
     *
     * @param overrides values by environment name that win over the current ones
     * @return new settings; this instance is unchanged
     */
    public Settings withOverrides(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(explicit);
        merged.putAll(overrides);
        return new Settings(merged, systemProperties, environment);
    }

    /**
     * The system property name for an environment name.
     *
     * @param envName e.g. {@code TTSKIT_HTTP_MAX_IDLE}
     * @return e.g. {@code ttskit.http.max.idle}: lowercase, without the {@code TTSKIT_} prefix,
     *     underscores as dots
     */
    public static String propertyName(String envName) {
        String lower = envName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ttskit_")) lower = lower.substring("ttskit_".length());
        return "ttskit." + lower.replace('_', '.');
    }

    /**
     * The value of a setting, by environment name.
     *
     * @param envName the setting's environment name, e.g. {@code TTSKIT_TIMEOUT}
     * @return the trimmed value from the first layer that has a non-blank one; empty when none has
     */
    public Optional<String> get(String envName) {
        Objects.requireNonNull(envName, "envName");
        String value = explicit.get(envName);
        if (isBlank(value)) value = systemProperties.apply(propertyName(envName));
        if (isBlank(value)) value = environment.apply(envName);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * A duration setting ({@code 500ms}, {@code 30s}, {@code 2m}, plain seconds, ISO-8601).
     *
     * @param envName the setting's environment name
     * @return the duration; empty when unset
     * @throws IllegalArgumentException naming the setting when the value is not a positive duration
     */
    public Optional<Duration> duration(String envName) {
        return get(envName).map(v -> {
            try {
                return parseDuration(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(envName + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * A whole-number setting.
     *
     * @param envName the setting's environment name
     * @return the number; empty when unset
     * @throws IllegalArgumentException naming the setting when the value is not a whole number
     */
    public Optional<Long> number(String envName) {
        return get(envName).map(v -> {
            try {
                return Long.parseLong(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(envName + " must be a whole number, was '" + v + "'", e);
            }
        });
    }

    /**
     * A decimal setting ({@code 0.5}, {@code -50}); not NaN or infinite.
     *
     * @param envName the setting's environment name
     * @return the number; empty when unset
     * @throws IllegalArgumentException naming the setting when the value is not a finite number
     */
    public Optional<Double> decimal(String envName) {
        return get(envName).map(v -> {
            try {
                double d = Double.parseDouble(v.replace("_", ""));
                if (Double.isFinite(d)) return d;
            } catch (NumberFormatException e) {
                // reported below, with the setting's name
            }
            throw new IllegalArgumentException(envName + " must be a number, was '" + v + "'");
        });
    }

    /**
     * A yes/no setting: {@code true}, {@code yes}, {@code on} or {@code 1}; {@code false}, {@code no},
     * {@code off} or {@code 0} (any case). Anything else is refused rather than read as no.
     *
     * @param envName the setting's environment name
     * @return the flag; empty when unset
     * @throws IllegalArgumentException naming the setting when the value is none of those words
     */
    public Optional<Boolean> flag(String envName) {
        return get(envName).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(envName + " must be true or false, was '" + v + "'");
        });
    }

    /**
     * A comma-separated setting, each item trimmed, empty items dropped; empty when unset.
     *
     * @param envName the setting's environment name
     * @return the items in order; unmodifiable
     */
    public List<String> list(String envName) {
        return get(envName).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
    }

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, plain seconds ({@code 30}, {@code 1.5})
     * and ISO-8601 ({@code PT30S}). The result must be positive.
     *
     * @param text the text to read
     * @return the duration, positive
     * @throws IllegalArgumentException when the text is none of these forms or not positive
     */
    public static Duration parseDuration(String text) {
        Objects.requireNonNull(text, "duration");
        String s = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                d = Duration.parse(s.toUpperCase(Locale.ROOT));
            } else if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            } else if (s.endsWith("s")) {
                d = seconds(s.substring(0, s.length() - 1));
            } else if (s.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).trim()));
            } else if (s.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1).trim()));
            } else {
                d = seconds(s);
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 500ms, 30s, 2m, 30 or PT30S)", e);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was '" + text + "'");
        }
        return d;
    }

    private static Duration seconds(String number) {
        double value = Double.parseDouble(number.trim());
        if (!Double.isFinite(value)) throw new NumberFormatException("not finite");
        return Duration.ofNanos(Math.round(value * 1_000_000_000d));
    }

    private static boolean isBlank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    /** Lists only the explicit keys; values may be secrets and are never printed. */
    @Override
    public String toString() {
        return "Settings[explicit=" + explicit.keySet() + "]";
    }
}
