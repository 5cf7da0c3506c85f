package io.skald.config;

import java.time.Duration;
import java.util.Locale;

/** Parses and prints durations the way Loki's config does (Go {@code time.Duration} plus Prometheus' d, w, y). */
public final class Durations {
    private Durations() {}

    /**
     * Parses {@code 30s}, {@code 1h30m}, {@code 168h}, {@code 1.5h}, {@code 500ms}, {@code 7d}, {@code -1ns} or
     * {@code 0}.
     *
     * @throws IllegalArgumentException with Go's wording when the text is not a duration
     */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw invalid(text);
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == s.length()) {
            throw invalid(text);
        }
        long totalNanos = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (numberStart == i) {
                throw invalid(text);
            }
            double number;
            try {
                number = Double.parseDouble(s.substring(numberStart, i));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            long unitNanos = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "d" -> 86_400_000_000_000L;
                case "w" -> 7 * 86_400_000_000_000L;
                case "y" -> 365 * 86_400_000_000_000L;
                case "" -> throw new IllegalArgumentException("time: missing unit in duration \"" + text + "\"");
                default ->
                    throw new IllegalArgumentException(
                            "time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            };
            totalNanos = Math.addExact(totalNanos, Math.round(number * unitNanos));
        }
        return Duration.ofNanos(negative ? -totalNanos : totalNanos);
    }

    /** Prints like Go's {@code Duration.String()}: {@code 1h30m0s}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            if (nanos % 1_000_000L == 0) {
                return out.append(nanos / 1_000_000L).append("ms").toString();
            }
            if (nanos % 1_000L == 0) {
                return out.append(nanos / 1_000L).append("µs").toString();
            }
            return out.append(nanos).append("ns").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = (nanos / 60_000_000_000L) % 60;
        long secondsNanos = nanos % 60_000_000_000L;
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        if (secondsNanos % 1_000_000_000L == 0) {
            out.append(secondsNanos / 1_000_000_000L);
        } else {
            String fraction = String.format(Locale.ROOT, "%.9f", secondsNanos / 1e9);
            out.append(fraction.replaceAll("0+$", ""));
        }
        return out.append('s').toString();
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
}
