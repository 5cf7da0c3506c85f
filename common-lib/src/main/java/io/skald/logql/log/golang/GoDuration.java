package io.skald.logql.log.golang;

/** Go's {@code time.ParseDuration} and {@code Duration.String}, on nanoseconds. */
public final class GoDuration {
    private GoDuration() {}

    /** Parses {@code 1h2m3.5s}, {@code 300ms}, {@code -1.5h}; the result is in nanoseconds. */
    public static long parse(String s) throws GoSyntaxException {
        String orig = s;
        int i = 0;
        int n = s.length();
        boolean negative = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return 0;
        }
        if (i == n) {
            throw invalid(orig);
        }
        double total = 0;
        long totalNanos = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                throw invalid(orig);
            }
            int start = i;
            long whole = 0;
            boolean overflow = false;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (whole > (Long.MAX_VALUE - 9) / 10) {
                    overflow = true;
                }
                whole = whole * 10 + (s.charAt(i) - '0');
                i++;
            }
            boolean pre = i != start;
            if (overflow) {
                throw invalid(orig);
            }
            long fraction = 0;
            double scale = 1;
            boolean post = false;
            if (i < n && s.charAt(i) == '.') {
                i++;
                int fracStart = i;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    if (fraction < Long.MAX_VALUE / 10) {
                        fraction = fraction * 10 + (s.charAt(i) - '0');
                        scale *= 10;
                    }
                    i++;
                }
                post = i != fracStart;
            }
            if (!pre && !post) {
                throw invalid(orig);
            }
            int unitStart = i;
            while (i < n && s.charAt(i) != '.' && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
                i++;
            }
            if (unitStart == i) {
                throw new GoSyntaxException("time: missing unit in duration " + GoStrings.quote(orig));
            }
            String unitText = s.substring(unitStart, i);
            long unit = switch (unitText) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default ->
                    throw new GoSyntaxException("time: unknown unit " + GoStrings.quote(unitText) + " in duration "
                            + GoStrings.quote(orig));
            };
            if (whole > Long.MAX_VALUE / unit) {
                throw invalid(orig);
            }
            long v = whole * unit;
            if (fraction > 0) {
                v += (long) (fraction * ((double) unit / scale));
            }
            totalNanos += v;
            total += v;
            if (totalNanos < 0 || total > 9.3e18) {
                throw invalid(orig);
            }
        }
        return negative ? -totalNanos : totalNanos;
    }

    private static GoSyntaxException invalid(String orig) {
        return new GoSyntaxException("time: invalid duration " + GoStrings.quote(orig));
    }

    /** {@code Duration.Seconds()}. */
    public static double seconds(long nanos) {
        long sec = nanos / 1_000_000_000L;
        long nsec = nanos % 1_000_000_000L;
        return sec + nsec / 1e9;
    }

    /** {@code Duration.String()}: {@code 1h2m3.5s}, {@code 300ms}, {@code 0s}. */
    public static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        long u = Math.abs(nanos);
        StringBuilder out = new StringBuilder();
        if (u < 1_000_000_000L) {
            String unit;
            long div;
            if (u < 1_000L) {
                return (negative ? "-" : "") + u + "ns";
            } else if (u < 1_000_000L) {
                unit = "\u00b5s";
                div = 1_000L;
            } else {
                unit = "ms";
                div = 1_000_000L;
            }
            out.append(fraction(u, div)).append(unit);
        } else {
            long hours = u / 3_600_000_000_000L;
            long rest = u % 3_600_000_000_000L;
            long minutes = rest / 60_000_000_000L;
            rest = rest % 60_000_000_000L;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                out.append(minutes).append('m');
            }
            out.append(fraction(rest, 1_000_000_000L)).append('s');
        }
        return (negative ? "-" : "") + out;
    }

    private static String fraction(long value, long div) {
        long whole = value / div;
        long frac = value % div;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(div + frac).substring(1);
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return whole + "." + digits.substring(0, end);
    }
}
