package dev.ttskit.xtts.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English cleaning in the spirit of Coqui's multilingual cleaners: quotes removed, lowercase,
 * numbers spelled out (thousands separators, currencies, decimals, ordinals) the way num2words
 * does, abbreviations and symbols expanded, whitespace collapsed.
 */
final class EnglishNormalizer implements TextNormalizer {
    private static final Pattern COMMA_NUMBER = Pattern.compile("(\\d[\\d,]*,\\d{3})");
    private static final Pattern CURRENCY = Pattern.compile("([$£€])(\\d+(?:\\.\\d+)?)");
    private static final Pattern DECIMAL = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern ORDINAL = Pattern.compile("(\\d+)(st|nd|rd|th)\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Map<Pattern, String> ABBREVIATIONS = new LinkedHashMap<>();
    private static final Map<String, String> SYMBOLS = new LinkedHashMap<>();

    static {
        String[][] abbreviations = {
            {"mrs", "misess"}, {"mr", "mister"}, {"dr", "doctor"}, {"st", "saint"}, {"co", "company"},
            {"jr", "junior"}, {"maj", "major"}, {"gen", "general"}, {"drs", "doctors"}, {"rev", "reverend"},
            {"lt", "lieutenant"}, {"hon", "honorable"}, {"sgt", "sergeant"}, {"capt", "captain"},
            {"esq", "esquire"}, {"ltd", "limited"}, {"col", "colonel"}, {"ft", "fort"},
        };
        for (String[] a : abbreviations) ABBREVIATIONS.put(Pattern.compile("\\b" + a[0] + "\\."), a[1]);
        SYMBOLS.put("&", " and ");
        SYMBOLS.put("@", " at ");
        SYMBOLS.put("%", " percent ");
        SYMBOLS.put("#", " hash ");
        SYMBOLS.put("$", " dollar ");
        SYMBOLS.put("£", " pound ");
        SYMBOLS.put("°", " degree ");
    }

    @Override
    public String normalize(String text) {
        String s = text.replace("\"", "").toLowerCase(Locale.ROOT);
        s = expandNumbers(s);
        for (Map.Entry<Pattern, String> e : ABBREVIATIONS.entrySet()) s = e.getKey().matcher(s).replaceAll(e.getValue());
        for (Map.Entry<String, String> e : SYMBOLS.entrySet()) s = s.replace(e.getKey(), e.getValue());
        return TextNormalizers.collapse(s);
    }

    static String expandNumbers(String s) {
        s = replace(COMMA_NUMBER, s, m -> m.group(1).replace(",", ""));
        s = replace(CURRENCY, s, m -> currency(m.group(1), m.group(2)));
        s = replace(DECIMAL, s, m -> cardinal(m.group(1)) + " point " + digits(m.group(2)));
        s = replace(ORDINAL, s, m -> ordinal(m.group(1)));
        return replace(NUMBER, s, m -> cardinal(m.group()));
    }

    private interface Expander {
        String expand(Matcher m);
    }

    private static String replace(Pattern p, String s, Expander f) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(f.expand(m)));
        m.appendTail(sb);
        return sb.toString();
    }

    private static String currency(String symbol, String amount) {
        String[] names = switch (symbol) {
            case "$" -> new String[] {"dollar", "dollars", "cent", "cents"};
            case "£" -> new String[] {"pound", "pounds", "penny", "pence"};
            default -> new String[] {"euro", "euros", "cent", "cents"};
        };
        BigDecimal value = new BigDecimal(amount).setScale(2, java.math.RoundingMode.HALF_EVEN);
        String whole = value.toBigInteger().toString();
        int cents = value.remainder(BigDecimal.ONE).movePointRight(2).intValue();
        String out = cardinal(whole) + " " + (whole.equals("1") ? names[0] : names[1]);
        if (cents > 0) out += ", " + cardinal(Integer.toString(cents)) + " " + (cents == 1 ? names[2] : names[3]);
        return out;
    }

    private static String digits(String ds) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ds.length(); i++) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(ONES[ds.charAt(i) - '0']);
        }
        return sb.toString();
    }

    private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    private static final String[] SCALES = {"", "thousand", "million", "billion", "trillion", "quadrillion"};

    /** num2words' English cardinal: "one thousand, two hundred and thirty-four". Digits beyond 10^18 are read one by one. */
    static String cardinal(String number) {
        String n = number.replaceFirst("^0+(?=\\d)", "");
        if (n.length() > 18) return digits(n);
        long v = Long.parseLong(n);
        if (v == 0) return "zero";
        StringBuilder out = new StringBuilder();
        int scale = 0;
        java.util.List<String> groups = new java.util.ArrayList<>();
        while (v > 0) {
            int g = (int) (v % 1000);
            if (g != 0) groups.add(0, belowThousand(g, scale == 0 && v >= 1000) + (SCALES[scale].isEmpty() ? "" : " " + SCALES[scale]));
            v /= 1000;
            scale++;
        }
        for (int i = 0; i < groups.size(); i++) {
            if (i > 0) out.append(groups.get(i).startsWith("and ") ? " " : ", ");
            out.append(groups.get(i));
        }
        return out.toString();
    }

    private static String belowThousand(int g, boolean trailing) {
        StringBuilder sb = new StringBuilder();
        int h = g / 100;
        int r = g % 100;
        if (h > 0) sb.append(ONES[h]).append(" hundred");
        if (r > 0) {
            if (h > 0) sb.append(" and ");
            else if (trailing) sb.append("and ");
            if (r < 20) sb.append(ONES[r]);
            else sb.append(TENS[r / 10]).append(r % 10 == 0 ? "" : "-" + ONES[r % 10]);
        }
        return sb.toString();
    }

    static String ordinal(String number) {
        String c = cardinal(number);
        int cut = Math.max(c.lastIndexOf(' '), c.lastIndexOf('-')) + 1;
        String last = c.substring(cut);
        String head = c.substring(0, cut);
        String ord = switch (last) {
            case "one" -> "first";
            case "two" -> "second";
            case "three" -> "third";
            case "five" -> "fifth";
            case "eight" -> "eighth";
            case "nine" -> "ninth";
            case "twelve" -> "twelfth";
            default -> last.endsWith("y") ? last.substring(0, last.length() - 1) + "ieth" : last + "th";
        };
        return head + ord;
    }
}
