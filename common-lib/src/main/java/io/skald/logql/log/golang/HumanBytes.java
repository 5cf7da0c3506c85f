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

    /** {@code humanize.Bytes}: SI units with one decimal below 10 ({@code 8.2 kB}, {@code 42 B}, {@code 1.1 GB}). */
    public static String format(long unsignedBytes) {
        double value = toDouble(unsignedBytes);
        if (Long.compareUnsigned(unsignedBytes, 10) < 0) {
            return unsignedBytes + " B";
        }
        String[] sizes = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        int exponent = (int) Math.floor(Math.log(value) / Math.log(1000));
        double scaled = Math.floor(value / Math.pow(1000, exponent) * 10 + 0.5) / 10;
        String number = new java.math.BigDecimal(scaled)
                .setScale(scaled < 10 ? 1 : 0, java.math.RoundingMode.HALF_EVEN)
                .toPlainString();
        return number + " " + sizes[exponent];
    }

    /**
     * The value Loki's queriers actually compare with: the frontend prints a bytes label filter with
     * {@code humanize.Bytes} (spaces removed) and the querier parses it again, so {@code 8KiB} becomes {@code 8.2kB}
     * = 8200 and {@code 1GiB} becomes 1.1e9. The engine applies this to bytes filter literals to answer like Loki.
     */
    public static long lokiQueryRoundTrip(long unsignedBytes) {
        try {
            return parse(format(unsignedBytes).replace(" ", ""));
        } catch (GoSyntaxException e) {
            return unsignedBytes;
        }
    }

    /** The unsigned value as a double. */
    public static double toDouble(long unsignedBytes) {
        return unsignedBytes >= 0 ? unsignedBytes : unsignedBytes + 0x1p64;
    }
}
