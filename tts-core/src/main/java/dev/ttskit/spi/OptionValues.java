package dev.ttskit.spi;

import dev.ttskit.ValidationException;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * ttskit's one reader of option values. Options arrive as {@code String}, {@code Number} or
 * {@code Boolean} (from code, a properties file or JSON), so a number may be the string
 * {@code "0.5"} and a flag the string {@code "true"}; every reader accepts both forms and rejects
 * anything else with a {@link ValidationException} that names the provider, the key and the value.
 *
 * <p>Adapters normally use {@link ProviderRequest#decimal(String)} and its siblings, which call these
 * with the request's provider; validators that check a caller's request before any provider is
 * chosen call them directly with no provider.
 */
public final class OptionValues {
    /** Longer values are cut in messages: an option may hold a long string, never worth echoing whole. */
    private static final int MAX_SHOWN = 60;

    private OptionValues() {
    }

    /**
     * A finite number.
     *
     * @param provider the provider the option is meant for, or null when none is chosen yet
     * @param key      the option's name, for the message
     * @param value    the value as given; null means absent
     * @return the number; empty when the value is null
     * @throws ValidationException when the value is not a number, or is NaN or infinite
     */
    public static Optional<Double> decimal(@Nullable String provider, String key, @Nullable Object value) {
        if (value == null) return Optional.empty();
        double d;
        if (value instanceof Number n) {
            d = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw invalid(provider, key, value, "must be a number", e);
            }
        } else {
            throw invalid(provider, key, value, "must be a number", null);
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) throw invalid(provider, key, value, "must be a finite number", null);
        return Optional.of(d);
    }

    /**
     * A whole number in the range of {@code long}. {@code 3}, {@code 3.0} and {@code "3"} are all 3;
     * {@code 2.5} is rejected rather than rounded.
     *
     * @param provider the provider the option is meant for, or null when none is chosen yet
     * @param key      the option's name, for the message
     * @param value    the value as given; null means absent
     * @return the number; empty when the value is null
     * @throws ValidationException when the value is not a whole number or does not fit a {@code long}
     */
    public static Optional<Long> integer(@Nullable String provider, String key, @Nullable Object value) {
        if (value == null) return Optional.empty();
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        BigDecimal exact;
        try {
            if (value instanceof BigInteger b) exact = new BigDecimal(b);
            else if (value instanceof BigDecimal b) exact = b;
            else if (value instanceof Number n) exact = new BigDecimal(decimal(provider, key, n).orElseThrow());
            else if (value instanceof String s) exact = new BigDecimal(s.trim());
            else throw invalid(provider, key, value, "must be a whole number", null);
        } catch (NumberFormatException e) {
            throw invalid(provider, key, value, "must be a whole number", e);
        }
        if (exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0) {
            throw invalid(provider, key, value, "must be a whole number", null);
        }
        try {
            return Optional.of(exact.longValueExact());
        } catch (ArithmeticException e) {
            throw invalid(provider, key, value, "must be a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE, e);
        }
    }

    /**
     * A flag: {@code Boolean}, or the string {@code true} or {@code false} in any case.
     *
     * @param provider the provider the option is meant for, or null when none is chosen yet
     * @param key      the option's name, for the message
     * @param value    the value as given; null means absent
     * @return the flag; empty when the value is null
     * @throws ValidationException for anything else ({@code "yes"}, {@code 1}...)
     */
    public static Optional<Boolean> flag(@Nullable String provider, String key, @Nullable Object value) {
        if (value == null) return Optional.empty();
        if (value instanceof Boolean b) return Optional.of(b);
        if (value instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true")) return Optional.of(Boolean.TRUE);
            if (t.equals("false")) return Optional.of(Boolean.FALSE);
        }
        throw invalid(provider, key, value, "must be true or false", null);
    }

    /**
     * A string. A blank string counts as absent, as an empty value in a properties file means "not set".
     *
     * @param provider the provider the option is meant for, or null when none is chosen yet
     * @param key      the option's name, for the message
     * @param value    the value as given; null means absent
     * @return the string; empty when the value is null or blank
     * @throws ValidationException when the value is a number or a flag
     */
    public static Optional<String> text(@Nullable String provider, String key, @Nullable Object value) {
        if (value == null) return Optional.empty();
        if (value instanceof String s) return s.isBlank() ? Optional.empty() : Optional.of(s);
        throw invalid(provider, key, value, "must be a string", null);
    }

    private static ValidationException invalid(@Nullable String provider, String key, Object value, String rule,
                                                @Nullable Throwable cause) {
        String shown = String.valueOf(value).replaceAll("\\p{Cntrl}", " ");
        if (shown.length() > MAX_SHOWN) shown = shown.substring(0, MAX_SHOWN) + "...";
        String kind = value instanceof String ? "'" + shown + "'" : shown + " (" + value.getClass().getSimpleName() + ")";
        String message = "option " + key + (provider == null ? "" : " for provider " + provider) + " " + rule + ", was " + kind;
        return ValidationException.builder(message).provider(provider).cause(cause).build();
    }
}
