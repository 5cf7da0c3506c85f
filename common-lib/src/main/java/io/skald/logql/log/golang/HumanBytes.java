package io.skald.logql.log.golang;

import java.util.Locale;
import java.util.Map;

/** {@code go-humanize}'s {@code ParseBytes}: {@code 42}, {@code 1.5 KB}, {@code 2GiB}, {@code 1,024 kib}. */
public final class HumanBytes {
    private static final Map<String, Double> UNITS = Map.ofEntries(
            Map.entry("", 1d),
            Map.entry("b", 1d),
            Map.entry("kib", 1024d),
            Map.entry("kb", 1000d),
            Map.entry("mib", Math.pow(1024, 2)),
            Map.entry("mb", 1e6),
            Map.entry("gib", Math.pow(1024, 3)),
            Map.entry("gb", 1e9),
            Map.entry("tib", Math.pow(1024, 4)),
            Map.entry("tb", 1e12),
            Map.entry("pib", Math.pow(1024, 5)),
            Map.entry("pb", 1e15),
            Map.entry("eib", Math.pow(1024, 6)),
            Map.entry("eb", 1e18),
            Map.entry("ki", 1024d),
            Map.entry("k", 1000d),
            Map.entry("mi", Math.pow(1024, 2)),
            Map.entry("m", 1e6),
            Map.entry("gi", Math.pow(1024, 3)),
            Map.entry("g", 1e9),
            Map.entry("ti", Math.pow(1024, 4)),
            Map.entry("t", 1e12),
            Map.entry("pi", Math.pow(1024, 5)),
            Map.entry("p", 1e15),
            Map.entry("ei", Math.pow(1024, 6)),
            Map.entry("e", 1e18));

    private HumanBytes() {}

    /** The size in bytes (an unsigned 64-bit value held in a long). */
    public static long parse(String s) throws GoSyntaxException {
        int lastDigit = 0;
        boolean hasComma = false;
        while (lastDigit < s.length()) {
            char c = s.charAt(lastDigit);
            if (!((c >= '0' && c <= '9') || c == '.' || c == ',')) {
                break;
            }
            hasComma |= c == ',';
            lastDigit++;
        }
        String number = s.substring(0, lastDigit);
        if (hasComma) {
            number = number.replace(",", "");
        }
        double f = GoFloat.parse(number);
        String extra = s.substring(lastDigit).strip().toLowerCase(Locale.ROOT);
        Double multiplier = UNITS.get(extra);
        if (multiplier == null) {
            throw new GoSyntaxException("unhandled size name: " + extra);
        }
        f *= multiplier;
        if (f >= 0x1p64) {
            throw new GoSyntaxException("too large: " + s);
        }
        return f >= 0x1p63 ? (long) (f - 0x1p63) + Long.MIN_VALUE : (long) f;
    }

    /** The unsigned value as a double. */
    public static double toDouble(long unsignedBytes) {
        return unsignedBytes >= 0 ? unsignedBytes : unsignedBytes + 0x1p64;
    }
}
