package io.skald.querier.drilldown;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/** go-humanize's byte sizes: {@code ParseBytes} (as Loki detects byte fields) and {@code Bytes} (SI formatting). */
final class GoBytes {
    private static final Map<String, Double> UNITS = Map.ofEntries(
            Map.entry("", 1d),
            Map.entry("b", 1d),
            Map.entry("kib", 0x1p10),
            Map.entry("ki", 0x1p10),
            Map.entry("kb", 1e3),
            Map.entry("k", 1e3),
            Map.entry("mib", 0x1p20),
            Map.entry("mi", 0x1p20),
            Map.entry("mb", 1e6),
            Map.entry("m", 1e6),
            Map.entry("gib", 0x1p30),
            Map.entry("gi", 0x1p30),
            Map.entry("gb", 1e9),
            Map.entry("g", 1e9),
            Map.entry("tib", 0x1p40),
            Map.entry("ti", 0x1p40),
            Map.entry("tb", 1e12),
            Map.entry("t", 1e12),
            Map.entry("pib", 0x1p50),
            Map.entry("pi", 0x1p50),
            Map.entry("pb", 1e15),
            Map.entry("p", 1e15),
            Map.entry("eib", 0x1p60),
            Map.entry("ei", 0x1p60),
            Map.entry("eb", 1e18),
            Map.entry("e", 1e18));
    private static final String[] SI = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private GoBytes() {}

    /** The number of bytes {@code value} names, or -1 when go-humanize would refuse it. */
    static long parse(String value) {
        int end = 0;
        boolean comma = false;
        while (end < value.length()) {
            char c = value.charAt(end);
            if (!((c >= '0' && c <= '9') || c == '.' || c == ',')) {
                break;
            }
            comma |= c == ',';
            end++;
        }
        String number = comma ? value.substring(0, end).replace(",", "") : value.substring(0, end);
        if (number.isEmpty() || !FieldType.isFloat(number)) {
            return -1;
        }
        Double unit = UNITS.get(value.substring(end).strip().toLowerCase(Locale.ROOT));
        if (unit == null) {
            return -1;
        }
        double bytes = Double.parseDouble(number) * unit;
        return bytes >= 0x1p64 ? -1 : (long) Math.min(bytes, Long.MAX_VALUE);
    }

    /** go-humanize's {@code Bytes}: SI units, one decimal below 10 ({@code 1.5 kB}, {@code 20 MB}, {@code 7 B}). */
    static String format(long bytes) {
        if (bytes < 10) {
            return bytes + " B";
        }
        int exponent = (int) Math.floor(Math.log((double) bytes) / Math.log(1000));
        double value = Math.floor((double) bytes / Math.pow(1000, exponent) * 10 + 0.5) / 10;
        // Go's fmt rounds exact halves to even.
        int scale = value < 10 ? 1 : 0;
        String number =
                new BigDecimal(value).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
        return number + " " + SI[exponent];
    }
}
