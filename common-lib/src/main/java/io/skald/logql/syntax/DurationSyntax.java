package io.skald.logql.syntax;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Durations as LogQL reads and prints them: Prometheus style ({@code 1h30m}, used for ranges) and Go style
 * ({@code 1.5h}, {@code 300ms}, used as a fallback for offsets and label filters), and their two printed forms.
 */
public final class DurationSyntax {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;
    private static final long YEAR = 365 * DAY;

    private static final Map<String, long[]> PROMETHEUS_UNITS = Map.of(
            "ms", new long[] {MS, 7},
            "s", new long[] {SECOND, 6},
            "m", new long[] {MINUTE, 5},
            "h", new long[] {HOUR, 4},
            "d", new long[] {DAY, 3},
            "w", new long[] {WEEK, 2},
            "y", new long[] {YEAR, 1});

    private static final Map<String, Long> GO_UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", MS, "s", SECOND, "m", MINUTE, "h",
            HOUR);

    private DurationSyntax() {}

    /** Parses a Prometheus duration ({@code 5m}, {@code 1h30m}, {@code 2d}); the message is Prometheus' on failure. */
    public static Duration parsePrometheus(String s) {
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        String rest = s;
        BigInteger total = BigInteger.ZERO;
        long lastUnitPosition = 0;
        while (!rest.isEmpty()) {
            int i = 0;
            while (i < rest.length() && isAsciiDigit(rest.charAt(i))) {
                i++;
            }
            if (i == 0) {
                throw notValid(s);
            }
            BigInteger value = new BigInteger(rest.substring(0, i));
            rest = rest.substring(i);
            i = 0;
            while (i < rest.length() && !isAsciiDigit(rest.charAt(i))) {
                i++;
            }
            if (i == 0) {
                throw notValid(s);
            }
            String unitText = rest.substring(0, i);
            rest = rest.substring(i);
            long[] unit = PROMETHEUS_UNITS.get(unitText);
            if (unit == null) {
                throw new IllegalArgumentException("unknown unit " + GoStringLiterals.quote(unitText) + " in duration "
                        + GoStringLiterals.quote(s));
            }
            if (unit[1] <= lastUnitPosition) {
                throw notValid(s);
            }
            lastUnitPosition = unit[1];
            total = total.add(value.multiply(BigInteger.valueOf(unit[0])));
            if (total.bitLength() > 63) {
                throw new IllegalArgumentException("duration out of range");
            }
        }
        return Duration.ofNanos(total.longValueExact());
    }

    /** Parses a Go {@code time.ParseDuration} string ({@code 1.5h}, {@code -300ms}), with Go's error texts. */
    public static Duration parseGo(String s) {
        String rest = s;
        boolean negative = false;
        if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
            negative = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw invalidGo(s);
        }
        BigInteger total = BigInteger.ZERO;
        while (!rest.isEmpty()) {
            char c = rest.charAt(0);
            if (!(c == '.' || isAsciiDigit(c))) {
                throw invalidGo(s);
            }
            int i = 0;
            while (i < rest.length() && isAsciiDigit(rest.charAt(i))) {
                i++;
            }
            boolean hasInteger = i > 0;
            BigInteger whole = hasInteger ? new BigInteger(rest.substring(0, i)) : BigInteger.ZERO;
            if (whole.bitLength() > 63) {
                throw invalidGo(s);
            }
            rest = rest.substring(i);
            long fraction = 0;
            double scale = 1;
            boolean hasFraction = false;
            if (!rest.isEmpty() && rest.charAt(0) == '.') {
                rest = rest.substring(1);
                int j = 0;
                boolean overflow = false;
                while (j < rest.length() && isAsciiDigit(rest.charAt(j))) {
                    // Go stops adding digits once they would overflow, but keeps consuming them.
                    if (!overflow) {
                        if (fraction > (Long.MAX_VALUE - 9) / 10) {
                            overflow = true;
                        } else {
                            fraction = fraction * 10 + (rest.charAt(j) - '0');
                            scale *= 10;
                        }
                    }
                    j++;
                }
                hasFraction = j > 0;
                rest = rest.substring(j);
            }
            if (!hasInteger && !hasFraction) {
                throw invalidGo(s);
            }
            int u = 0;
            while (u < rest.length() && rest.charAt(u) != '.' && !isAsciiDigit(rest.charAt(u))) {
                u++;
            }
            if (u == 0) {
                throw new IllegalArgumentException("time: missing unit in duration " + goTimeQuote(s));
            }
            String unitText = rest.substring(0, u);
            rest = rest.substring(u);
            Long unit = GO_UNITS.get(unitText);
            if (unit == null) {
                throw new IllegalArgumentException(
                        "time: unknown unit " + goTimeQuote(unitText) + " in duration " + goTimeQuote(s));
            }
            BigInteger value = whole.multiply(BigInteger.valueOf(unit));
            if (value.bitLength() > 63) {
                throw invalidGo(s);
            }
            if (fraction > 0) {
                value = value.add(BigInteger.valueOf((long) ((double) fraction * ((double) unit / scale))));
                if (value.bitLength() > 63) {
                    throw invalidGo(s);
                }
            }
            total = total.add(value);
            if (total.bitLength() > 63) {
                throw invalidGo(s);
            }
        }
        return Duration.ofNanos(negative ? -total.longValue() : total.longValue());
    }

    private static IllegalArgumentException invalidGo(String s) {
        return new IllegalArgumentException("time: invalid duration " + goTimeQuote(s));
    }

    /** The {@code time} package's own quoting: non-ASCII and control bytes as {@code \xNN}. */
    private static String goTimeQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 0x80 || c < ' ') {
                out.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
            } else {
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append((char) c);
            }
        }
        return out.append('"').toString();
    }

    /** Parses a duration the way Loki's lexer does: Prometheus style first, then Go style. */
    public static Duration parseLogql(String s) {
        try {
            return parsePrometheus(s);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return parseGo(s);
        }
    }

    /** Prometheus' {@code model.Duration} form, as Loki prints ranges: {@code 5m}, {@code 1m30s}, {@code 2w}. */
    public static String formatPrometheus(Duration duration) {
        long ms = duration.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long[] remaining = {ms};
        appendUnit(out, remaining, "y", YEAR / MS, true);
        appendUnit(out, remaining, "w", WEEK / MS, true);
        appendUnit(out, remaining, "d", DAY / MS, false);
        appendUnit(out, remaining, "h", HOUR / MS, false);
        appendUnit(out, remaining, "m", MINUTE / MS, false);
        appendUnit(out, remaining, "s", SECOND / MS, false);
        appendUnit(out, remaining, "ms", 1, false);
        return out.toString();
    }

    private static void appendUnit(StringBuilder out, long[] remaining, String unit, long multiple, boolean exact) {
        if (exact && remaining[0] % multiple != 0) {
            return;
        }
        long value = remaining[0] / multiple;
        if (value > 0) {
            out.append(value).append(unit);
            remaining[0] -= value * multiple;
        }
    }

    /** Go's {@code time.Duration.String()}: {@code 1h30m0s}, {@code 1.5s}, {@code 300ms}, {@code 0s}. */
    public static String formatGo(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        long u = Math.abs(nanos);
        StringBuilder out = new StringBuilder();
        if (u < SECOND) {
            String unit;
            int precision;
            if (u < 1_000L) {
                unit = "ns";
                precision = 0;
            } else if (u < MS) {
                unit = "\u00b5s";
                precision = 3;
            } else {
                unit = "ms";
                precision = 6;
            }
            long scale = pow10(precision);
            out.append(u / scale).append(fraction(u % scale, precision)).append(unit);
        } else {
            long seconds = u / SECOND;
            String secondsText = (seconds % 60) + fraction(u % SECOND, 9) + "s";
            long minutes = seconds / 60;
            if (minutes > 0) {
                long hours = minutes / 60;
                if (hours > 0) {
                    out.append(hours).append('h');
                }
                out.append(minutes % 60).append('m');
            }
            out.append(secondsText);
        }
        return negative ? "-" + out : out.toString();
    }

    private static String fraction(long value, int precision) {
        if (value == 0 || precision == 0) {
            return "";
        }
        String digits = String.format(java.util.Locale.ROOT, "%0" + precision + "d", value);
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return "." + digits.substring(0, end);
    }

    private static long pow10(int n) {
        long result = 1;
        for (int i = 0; i < n; i++) {
            result *= 10;
        }
        return result;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException notValid(String s) {
        return new IllegalArgumentException("not a valid duration string: " + GoStringLiterals.quote(s));
    }
}
