package io.skald.logql.syntax;

import java.util.Locale;
import java.util.Map;

/** Byte sizes in label filters ({@code 20MB}, {@code 1KiB}), read and printed like go-humanize, as Loki does. */
public final class ByteSizeSyntax {
    private static final Map<String, Double> UNITS = Map.ofEntries(
            Map.entry("", 1d),
            Map.entry("b", 1d),
            Map.entry("k", 1e3),
            Map.entry("kb", 1e3),
            Map.entry("ki", 1024d),
            Map.entry("kib", 1024d),
            Map.entry("m", 1e6),
            Map.entry("mb", 1e6),
            Map.entry("mi", Math.pow(1024, 2)),
            Map.entry("mib", Math.pow(1024, 2)),
            Map.entry("g", 1e9),
            Map.entry("gb", 1e9),
            Map.entry("gi", Math.pow(1024, 3)),
            Map.entry("gib", Math.pow(1024, 3)),
            Map.entry("t", 1e12),
            Map.entry("tb", 1e12),
            Map.entry("ti", Math.pow(1024, 4)),
            Map.entry("tib", Math.pow(1024, 4)),
            Map.entry("p", 1e15),
            Map.entry("pb", 1e15),
            Map.entry("pi", Math.pow(1024, 5)),
            Map.entry("pib", Math.pow(1024, 5)),
            Map.entry("e", 1e18),
            Map.entry("eb", 1e18),
            Map.entry("ei", Math.pow(1024, 6)),
            Map.entry("eib", Math.pow(1024, 6)));

    private static final String[] SI_SUFFIXES = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private ByteSizeSyntax() {}

    /** Parses like {@code humanize.ParseBytes}; throws {@link IllegalArgumentException} on anything else. */
    public static long parse(String s) {
        int lastDigit = 0;
        boolean hasComma = false;
        while (lastDigit < s.length()) {
            char c = s.charAt(lastDigit);
            if (!(Character.isDigit(c) || c == '.' || c == ',')) {
                break;
            }
            hasComma |= c == ',';
            lastDigit++;
        }
        String number = s.substring(0, lastDigit);
        if (hasComma) {
            number = number.replace(",", "");
        }
        double value;
        try {
            if (number.isEmpty() || !number.matches("[0-9]*\\.?[0-9]*")) {
                throw new NumberFormatException();
            }
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "strconv.ParseFloat: parsing " + GoStringLiterals.quote(number) + ": invalid syntax", e);
        }
        String unit = s.substring(lastDigit).strip().toLowerCase(Locale.ROOT);
        Double multiplier = UNITS.get(unit);
        if (multiplier == null) {
            throw new IllegalArgumentException("unhandled size name: " + unit);
        }
        double bytes = value * multiplier;
        if (bytes >= 0x1p64) {
            throw new IllegalArgumentException("too large: " + s);
        }
        return bytes >= 0x1p63 ? Long.MIN_VALUE + (long) (bytes - 0x1p63) : (long) bytes;
    }

    /**
     * Prints a size so that {@link #parse} reads the same value back: go-humanize's SI form without spaces
     * ({@code 20MB}, as Loki prints) when that is exact, else the plain byte count ({@code 8192B}).
     */
    public static String format(long bytes) {
        String humane = humanize(bytes);
        try {
            if (parse(humane) == bytes) {
                return humane;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the exact form
        }
        return Long.toUnsignedString(bytes) + "B";
    }

    private static String humanize(long bytes) {
        double value = bytes >= 0 ? bytes : bytes + 0x1p64;
        if (bytes >= 0 && bytes < 10) {
            return bytes + "B";
        }
        int exponent = (int) Math.floor(Math.log(value) / Math.log(1000));
        double scaled = Math.floor(value / Math.pow(1000, exponent) * 10 + 0.5) / 10;
        String pattern = scaled < 10 ? "%.1f%s" : "%.0f%s";
        return String.format(Locale.ROOT, pattern, scaled, SI_SUFFIXES[exponent]);
    }
}
