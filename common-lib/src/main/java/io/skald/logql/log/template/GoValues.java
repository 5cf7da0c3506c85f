package io.skald.logql.log.template;

import io.skald.logql.log.golang.GoFloat;
import io.skald.logql.log.golang.GoSyntaxException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Go values as the template engine holds them: String, Integer ({@code int}), Long ({@code int64}), Double
 * ({@code float64}), Boolean, {@link GoTime}, Map, List, and null ({@code nil}); their printing, truth, type names and
 * the conversions of {@code spf13/cast} used by Sprig.
 */
final class GoValues {
    private GoValues() {}

    /** Go's type name, for error texts. */
    static String typeName(@Nullable Object value) {
        if (value == null) {
            return "<nil>";
        }
        return switch (value) {
            case String s -> "string";
            case Integer i -> "int";
            case Long l -> "int64";
            case Double d -> "float64";
            case Boolean b -> "bool";
            case GoTime t -> "time.Time";
            case Map<?, ?> m -> "map[string]interface {}";
            case List<?> l -> "[]interface {}";
            default -> value.getClass().getSimpleName();
        };
    }

    /** {@code fmt.Sprint} of one value. */
    static String print(@Nullable Object value) {
        if (value == null) {
            return "<nil>";
        }
        return switch (value) {
            case String s -> s;
            case Double d -> GoFloat.format(d);
            case Map<?, ?> m -> {
                StringBuilder out = new StringBuilder("map[");
                m.entrySet().stream()
                        .sorted((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())))
                        .forEach(e -> {
                            if (out.length() > 4) {
                                out.append(' ');
                            }
                            out.append(e.getKey()).append(':').append(print(e.getValue()));
                        });
                yield out.append(']').toString();
            }
            case List<?> l -> {
                StringBuilder out = new StringBuilder("[");
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    out.append(print(l.get(i)));
                }
                yield out.append(']').toString();
            }
            default -> value.toString();
        };
    }

    /** Go template truth: false for zero values and empty collections. */
    static boolean isTrue(@Nullable Object value) {
        if (value == null) {
            return false;
        }
        return switch (value) {
            case String s -> !s.isEmpty();
            case Integer i -> i != 0;
            case Long l -> l != 0;
            case Double d -> d != 0;
            case Boolean b -> b;
            case Map<?, ?> m -> !m.isEmpty();
            case List<?> l -> !l.isEmpty();
            default -> true;
        };
    }

    /** Sprig's {@code empty}: nil, zero numbers, empty strings and collections, false. */
    static boolean isEmpty(@Nullable Object value) {
        if (value instanceof GoTime) {
            return false;
        }
        return !isTrue(value);
    }

    /** A template number literal as Go's ideal constant: int when integral (and written so), else float64. */
    static @Nullable Object parseNumberLiteral(String text) {
        String t = text.replace("_", "");
        try {
            boolean floatSyntax =
                    !(t.startsWith("0x") || t.startsWith("0X") || t.startsWith("-0x") || t.startsWith("+0x"))
                            && (t.contains(".") || t.contains("e") || t.contains("E"));
            if (!floatSyntax) {
                BigInteger big = parseGoInteger(t);
                if (big == null) {
                    return null;
                }
                if (big.bitLength() < 64) {
                    long v = big.longValue();
                    if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                        return (int) v;
                    }
                    return v;
                }
                return big.doubleValue();
            }
            return GoFloat.parse(t);
        } catch (GoSyntaxException | NumberFormatException e) {
            return null;
        }
    }

    /** {@code strconv.ParseInt(s, 0, 64)} digits with base prefixes (0x, 0o, 0b, leading 0 for octal). */
    static @Nullable BigInteger parseGoInteger(String text) {
        String t = text;
        boolean negative = false;
        if (t.startsWith("-") || t.startsWith("+")) {
            negative = t.startsWith("-");
            t = t.substring(1);
        }
        if (t.isEmpty()) {
            return null;
        }
        int radix = 10;
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            t = t.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            t = t.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty()) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), radix) < 0) {
                return null;
            }
        }
        BigInteger value = new BigInteger(t, radix);
        return negative ? value.negate() : value;
    }

    /** {@code cast.ToInt64}: numbers truncate, strings parse (base prefixes, {@code .0} trimmed), failures are 0. */
    static long toInt64(@Nullable Object value) {
        if (value == null) {
            return 0;
        }
        return switch (value) {
            case Integer i -> i;
            case Long l -> l;
            case Double d -> (long) d.doubleValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> {
                String trimmed = trimZeroDecimal(s);
                BigInteger big = parseGoInteger(trimmed);
                yield big == null || big.bitLength() >= 64 ? 0 : big.longValue();
            }
            default -> 0;
        };
    }

    private static String trimZeroDecimal(String s) {
        boolean foundZero = false;
        for (int i = s.length(); i > 0; i--) {
            char c = s.charAt(i - 1);
            if (c == '.') {
                if (foundZero) {
                    return s.substring(0, i - 1);
                }
                return s;
            } else if (c == '0') {
                foundZero = true;
            } else {
                return s;
            }
        }
        return s;
    }

    /** {@code cast.ToFloat64}: strings parse as Go floats, failures are 0. */
    static double toFloat64(@Nullable Object value) {
        if (value == null) {
            return 0;
        }
        return switch (value) {
            case Integer i -> i;
            case Long l -> l;
            case Double d -> d;
            case Boolean b -> b ? 1 : 0;
            case String s -> {
                try {
                    yield GoFloat.parse(s);
                } catch (GoSyntaxException e) {
                    yield 0;
                }
            }
            default -> 0;
        };
    }

    /** Whether the value is one of Go's integer kinds here. */
    static boolean isInteger(@Nullable Object value) {
        return value instanceof Integer || value instanceof Long;
    }
}
