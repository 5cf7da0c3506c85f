package io.skald.logql.log.golang;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/** Go's {@code strconv.ParseFloat} and the {@code %v} / {@code 'g'} printing of float64. */
public final class GoFloat {
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:[0-9](?:_?[0-9])*\\.?(?:[0-9](?:_?[0-9])*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern HEX =
            Pattern.compile("[+-]?0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");

    private GoFloat() {}

    /** {@code strconv.ParseFloat(s, 64)}. */
    public static double parse(String s) throws GoSyntaxException {
        double plain = plainDecimal(s);
        if (!Double.isNaN(plain)) {
            return plain;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan") && !lower.startsWith("+") && !negative) {
            return Double.NaN;
        }
        double value;
        if (DECIMAL.matcher(s).matches() && !s.contains("_")) {
            value = Double.parseDouble(s);
        } else if (HEX.matcher(s).matches()) {
            value = Double.parseDouble(s);
        } else {
            throw new GoSyntaxException("strconv.ParseFloat: parsing " + GoStrings.quote(s) + ": invalid syntax");
        }
        if (Double.isInfinite(value)) {
            throw new GoSyntaxException("strconv.ParseFloat: parsing " + GoStrings.quote(s) + ": value out of range");
        }
        return value;
    }

    /**
     * The value of a plain decimal ({@code [+-]?} digits with at most one {@code .}, no exponent, no underscore: what
     * label values such as status codes and latencies look like), or NaN for any other text, which then takes the
     * general path. Avoids the regular expressions on the common case of numeric label filters.
     */
    private static double plainDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            i = 1;
        }
        int digits = 0;
        boolean dot = false;
        long integer = 0;
        for (int j = i; j < n; j++) {
            char c = s.charAt(j);
            if (c >= '0' && c <= '9') {
                digits++;
                integer = integer * 10 + (c - '0');
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        double value;
        if (!dot && digits <= 15) {
            value = integer;
            return s.charAt(0) == '-' ? -value : value;
        }
        value = Double.parseDouble(s);
        return Double.isInfinite(value) ? Double.NaN : value;
    }

    /** Go's {@code %v} of a float64 ({@code strconv.FormatFloat(v, 'g', -1, 64)}): 1e+06, 123456, 0.0001, 1e-05. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();
        int eprec = 6;
        StringBuilder out = new StringBuilder();
        if (v < 0) {
            out.append('-');
        }
        if (exp < -4 || exp >= eprec) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int abs = Math.abs(exp);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
            return out.toString();
        }
        if (exp < 0) {
            out.append("0.");
            out.append("0".repeat(-exp - 1));
            out.append(digits);
        } else if (exp + 1 >= digits.length()) {
            out.append(digits);
            out.append("0".repeat(exp + 1 - digits.length()));
        } else {
            out.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
        }
        return out.toString();
    }

    /** {@code strconv.FormatFloat(v, 'f', -1, 64)}. */
    public static String formatPlain(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return format(v);
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
