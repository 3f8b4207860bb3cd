package dev.ttskit.cli;

import java.math.BigDecimal;

/**
 * One {@code --option key=value} as the provider option it stands for. The command line has only
 * text, while providers read typed values ({@code stability} is a number, {@code use_speaker_boost} a
 * boolean), so the value's shape decides its type: {@code true}/{@code false}, a whole number, a
 * decimal number, else text; a value in single quotes stays text ({@code voice='007'}).
 */
record ProviderOption(String key, Object value) {
    static ProviderOption parse(String arg) throws UsageException {
        int eq = arg.indexOf('=');
        if (eq <= 0) throw new UsageException("--option must be key=value (e.g. elevenlabs.stability=0.4), was '" + arg + "'");
        String key = arg.substring(0, eq).trim();
        if (key.isEmpty()) throw new UsageException("--option must be key=value (e.g. elevenlabs.stability=0.4), was '" + arg + "'");
        return new ProviderOption(key, value(arg.substring(eq + 1)));
    }

    private static Object value(String raw) {
        String v = raw.trim();
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) return v.substring(1, v.length() - 1);
        if (v.equals("true") || v.equals("false")) return Boolean.valueOf(v);
        if (v.matches("[+-]?\\d{1,18}")) {
            long n = Long.parseLong(v);
            return n == (int) n ? (Object) (int) n : (Object) n;
        }
        if (v.matches("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?")) {
            double d = Double.parseDouble(v);
            // a decimal that a double cannot hold exactly enough (many digits) keeps its digits
            return Double.isFinite(d) && new BigDecimal(v).compareTo(new BigDecimal(Double.toString(d))) == 0 ? (Object) d : new BigDecimal(v);
        }
        return raw;
    }
}
