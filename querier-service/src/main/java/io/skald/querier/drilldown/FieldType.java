package io.skald.querier.drilldown;

import java.util.regex.Pattern;

/**
 * The type Loki reports for a detected field, decided from one value by trying, in order, Go's {@code
 * strconv.ParseInt}, {@code ParseFloat}, {@code ParseBool}, {@code time.ParseDuration} and go-humanize's {@code
 * ParseBytes}; anything else is a string.
 */
public enum FieldType {
    STRING("string"),
    INT("int"),
    FLOAT("float"),
    BOOLEAN("boolean"),
    DURATION("duration"),
    BYTES("bytes");

    private static final Pattern DECIMAL_FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX_FLOAT =
            Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+");
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("(?i)[+-]?(inf|infinity|nan)");
    private static final Pattern DURATION_PATTERN =
            Pattern.compile("[+-]?((\\d+\\.?\\d*|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+");

    private final String json;

    FieldType(String json) {
        this.json = json;
    }

    /** The name in Loki's answer. */
    public String json() {
        return json;
    }

    public static FieldType detect(String value) {
        if (isInt(value)) {
            return INT;
        }
        if (isFloat(value)) {
            return FLOAT;
        }
        if (isBool(value)) {
            return BOOLEAN;
        }
        if (isDuration(value)) {
            return DURATION;
        }
        if (GoBytes.parse(value) >= 0) {
            return BYTES;
        }
        return STRING;
    }

    /** Go's {@code ParseInt(value, 10, 64)}: optional sign, decimal digits, within int64. */
    static boolean isInt(String value) {
        int start = !value.isEmpty() && (value.charAt(0) == '+' || value.charAt(0) == '-') ? 1 : 0;
        if (start == value.length()) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        try {
            Long.parseLong(value.charAt(0) == '+' ? value.substring(1) : value);
            return true;
        } catch (NumberFormatException e) {
            return false; // out of range, as Go's ErrRange
        }
    }

    /** Go's {@code ParseFloat(value, 64)}: decimal or hex notation, inf and nan; out of range is an error. */
    static boolean isFloat(String value) {
        if (SPECIAL_FLOAT.matcher(value).matches()) {
            return true;
        }
        if (DECIMAL_FLOAT.matcher(value).matches()) {
            return !Double.isInfinite(Double.parseDouble(value));
        }
        if (HEX_FLOAT.matcher(value).matches()) {
            String text = value.replace("+", "");
            return !Double.isInfinite(Double.parseDouble(text));
        }
        return false;
    }

    /** Go's {@code strconv.ParseBool}. */
    static boolean isBool(String value) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False" -> true;
            default -> false;
        };
    }

    /** Go's {@code time.ParseDuration}: {@code 0}, or signed sequences of decimal numbers with units. */
    static boolean isDuration(String value) {
        if (value.equals("0") || value.equals("+0") || value.equals("-0")) {
            return true;
        }
        return DURATION_PATTERN.matcher(value).matches();
    }
}
