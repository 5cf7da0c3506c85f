package io.skald.config;

import java.util.Locale;

/**
 * Parses byte sizes like Loki's {@code flagext.ByteSize}: {@code 256kb} is 256,000 bytes, {@code 256KiB} is 262,144,
 * a bare number is bytes.
 */
public final class ByteSizes {
    private ByteSizes() {}

    public static long parse(String text) {
        String s = text.trim().replace(" ", "");
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw invalid(text);
        }
        double number;
        try {
            number = Double.parseDouble(s.substring(0, i));
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        long multiplier = switch (s.substring(i).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "k", "kb" -> 1_000L;
            case "ki", "kib" -> 1L << 10;
            case "m", "mb" -> 1_000_000L;
            case "mi", "mib" -> 1L << 20;
            case "g", "gb" -> 1_000_000_000L;
            case "gi", "gib" -> 1L << 30;
            case "t", "tb" -> 1_000_000_000_000L;
            case "ti", "tib" -> 1L << 40;
            default -> throw invalid(text);
        };
        return Math.round(number * multiplier);
    }

    /** Prints the shortest exact form, preferring the decimal units Loki prints. */
    public static String format(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        long value = bytes;
        int unit = 0;
        while (unit < units.length - 1 && value != 0 && value % 1000 == 0) {
            value /= 1000;
            unit++;
        }
        if (unit == 0 && bytes != 0 && bytes % 1024 == 0) {
            String[] binary = {"B", "KiB", "MiB", "GiB", "TiB"};
            long binaryValue = bytes;
            int binaryUnit = 0;
            while (binaryUnit < binary.length - 1 && binaryValue % 1024 == 0) {
                binaryValue /= 1024;
                binaryUnit++;
            }
            return binaryValue + binary[binaryUnit];
        }
        return value + units[unit];
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid byte size \"" + text + "\"");
    }
}
