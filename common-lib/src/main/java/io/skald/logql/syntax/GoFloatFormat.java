package io.skald.logql.syntax;

import java.math.BigDecimal;
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
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
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
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
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
        return (value == 0 && 1 / value < 0) ? "-" + text : text;
    }
}
