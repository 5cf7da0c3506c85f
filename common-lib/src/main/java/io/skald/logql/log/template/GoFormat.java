package io.skald.logql.log.template;

import io.skald.logql.log.golang.GoFloat;
import io.skald.logql.log.golang.GoStrings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Go's {@code fmt.Sprintf} for the verbs templates use: {@code %v %s %q %d %f %e %g %x %X %t %c %%}. */
final class GoFormat {
    private GoFormat() {}

    static String sprintf(String format, List<@Nullable Object> args) {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            boolean minus = false;
            boolean plus = false;
            boolean zero = false;
            boolean space = false;
            boolean sharp = false;
            while (i < format.length() && "-+0 #".indexOf(format.charAt(i)) >= 0) {
                switch (format.charAt(i)) {
                    case '-' -> minus = true;
                    case '+' -> plus = true;
                    case '0' -> zero = true;
                    case ' ' -> space = true;
                    default -> sharp = true;
                }
                i++;
            }
            int width = -1;
            if (i < format.length() && format.charAt(i) == '*') {
                width = argIndex < args.size() ? (int) GoValues.toInt64(args.get(argIndex++)) : 0;
                i++;
            } else {
                int start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    width = Integer.parseInt(format.substring(start, i));
                }
            }
            int precision = -1;
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                int start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                precision = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i++);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argIndex >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object arg = args.get(argIndex++);
            String body = formatOne(verb, arg, precision, plus, space, sharp);
            pad(out, body, width, minus, zero && !minus && isNumericVerb(verb) && !(arg instanceof String));
        }
        if (argIndex < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argIndex; k < args.size(); k++) {
                if (k > argIndex) {
                    out.append(", ");
                }
                out.append(GoValues.typeName(args.get(k))).append('=').append(GoValues.print(args.get(k)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static boolean isNumericVerb(char verb) {
        return "dfFeEgGxXbo".indexOf(verb) >= 0;
    }

    private static void pad(StringBuilder out, String body, int width, boolean left, boolean zeros) {
        int length = body.codePointCount(0, body.length());
        if (width <= length) {
            out.append(body);
            return;
        }
        int padding = width - length;
        if (left) {
            out.append(body).append(" ".repeat(padding));
        } else if (zeros) {
            int signLength = body.startsWith("-") || body.startsWith("+") ? 1 : 0;
            out.append(body, 0, signLength).append("0".repeat(padding)).append(body.substring(signLength));
        } else {
            out.append(" ".repeat(padding)).append(body);
        }
    }

    private static String bad(char verb, @Nullable Object arg) {
        return "%!" + verb + "(" + GoValues.typeName(arg) + "=" + GoValues.print(arg) + ")";
    }

    private static String formatOne(
            char verb, @Nullable Object arg, int precision, boolean plus, boolean space, boolean sharp) {
        switch (verb) {
            case 'v' -> {
                if (arg instanceof Double d) {
                    return sign(GoFloat.format(d), plus, space);
                }
                return GoValues.print(arg);
            }
            case 's' -> {
                if (arg instanceof String
                        || arg instanceof GoTime
                        || arg == null
                        || arg instanceof List
                        || arg instanceof java.util.Map) {
                    String s = arg == null ? "%!s(<nil>)" : GoValues.print(arg);
                    return precision >= 0 && s.codePointCount(0, s.length()) > precision
                            ? s.substring(0, s.offsetByCodePoints(0, precision))
                            : s;
                }
                return bad(verb, arg);
            }
            case 'q' -> {
                if (arg instanceof String s) {
                    return GoStrings.quote(s);
                }
                if (GoValues.isInteger(arg)) {
                    return "'" + new String(Character.toChars((int) GoValues.toInt64(arg))) + "'";
                }
                return bad(verb, arg);
            }
            case 'd' -> {
                if (GoValues.isInteger(arg)) {
                    return sign(Long.toString(GoValues.toInt64(arg)), plus, space);
                }
                return bad(verb, arg);
            }
            case 't' -> {
                return arg instanceof Boolean b ? b.toString() : bad(verb, arg);
            }
            case 'c' -> {
                return GoValues.isInteger(arg)
                        ? new String(Character.toChars((int) GoValues.toInt64(arg)))
                        : bad(verb, arg);
            }
            case 'x', 'X' -> {
                String s;
                if (GoValues.isInteger(arg)) {
                    long v = GoValues.toInt64(arg);
                    s = (v < 0 ? "-" : "") + (sharp ? "0x" : "") + Long.toHexString(Math.abs(v));
                } else if (arg instanceof String str) {
                    StringBuilder hex = new StringBuilder();
                    for (byte b : str.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                        hex.append(String.format("%02x", b));
                    }
                    s = hex.toString();
                } else {
                    return bad(verb, arg);
                }
                return verb == 'X' ? s.toUpperCase(Locale.ROOT) : s;
            }
            case 'f', 'F', 'e', 'E', 'g', 'G' -> {
                if (!(arg instanceof Double d)) {
                    return bad(verb, arg);
                }
                return sign(formatFloat(d, verb, precision), plus, space);
            }
            default -> {
                return bad(verb, arg);
            }
        }
    }

    private static String sign(String s, boolean plus, boolean space) {
        if (s.startsWith("-") || s.startsWith("+")) {
            return s;
        }
        return plus ? "+" + s : space ? " " + s : s;
    }

    static String formatFloat(double d, char verb, int precision) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        switch (verb) {
            case 'f', 'F' -> {
                int p = precision < 0 ? 6 : precision;
                return new BigDecimal(d).setScale(p, RoundingMode.HALF_EVEN).toPlainString();
            }
            case 'e', 'E' -> {
                int p = precision < 0 ? 6 : precision;
                String s = String.format(Locale.ROOT, "%." + p + "e", d);
                int e = s.indexOf('e');
                String mantissa = s.substring(0, e);
                int exponent = Integer.parseInt(s.substring(e + 1));
                String result = mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                        + Math.abs(exponent);
                return verb == 'E' ? result.toUpperCase(Locale.ROOT) : result;
            }
            default -> {
                if (precision < 0) {
                    String s = GoFloat.format(d);
                    return verb == 'G' ? s.toUpperCase(Locale.ROOT) : s;
                }
                BigDecimal rounded = new BigDecimal(d)
                        .round(new java.math.MathContext(Math.max(precision, 1), RoundingMode.HALF_EVEN));
                String s = GoFloat.format(rounded.doubleValue());
                return verb == 'G' ? s.toUpperCase(Locale.ROOT) : s;
            }
        }
    }
}
