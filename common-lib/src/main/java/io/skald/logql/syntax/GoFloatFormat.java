package io.skald.logql.syntax;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Go's float formatting verbs as Loki uses them when printing queries. */
public final class GoFloatFormat {
    private GoFloatFormat() {}

    /** {@code fmt.Sprint(f)} ({@code %v}): shortest digits, exponent form below 1e-4 and from 1e6 ({@code 1e+06}). */
    public static String formatDefault(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (1 / value) < 0 ? "-0" : "0";
        }
        BigDecimal decimal = shortestDecimal(Math.abs(value));
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - decimal.scale() - 1;
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            int absExponent = Math.abs(exponent);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (absExponent < 10 ? "0" : "") + absExponent;
        }
        return sign + decimal.toPlainString();
    }

    /** {@code strconv.FormatFloat(f, 'f', -1, 64)}: shortest digits, never an exponent. */
    public static String formatShortest(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (1 / value) < 0 ? "-0" : "0";
        }
        return (value < 0 ? "-" : "") + shortestDecimal(Math.abs(value)).toPlainString();
    }

    /**
     * The shortest decimal that reads back as {@code value} (non-negative), as Go prints it. Java's
     * {@code Double.toString} keeps at least two digits, so a one-digit form (5e-324, not 4.9e-324) is tried too.
     */
    private static BigDecimal shortestDecimal(double value) {
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (decimal.precision() == 2) {
            BigDecimal oneDigit = decimal.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(oneDigit.toString()) == value) {
                return oneDigit.stripTrailingZeros();
            }
        }
        return decimal;
    }

    /** {@code fmt.Sprintf("%f", f)}: six decimals, rounded half to even on the exact binary value. */
    public static String formatFixed(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        String text = new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        return negative && !text.startsWith("-") ? "-" + text : text;
    }
}
