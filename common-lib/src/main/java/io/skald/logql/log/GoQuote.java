package io.skald.logql.log;

/** Go's {@code %q} quoting of a byte as a rune and of strings, for error texts. */
final class GoQuote {
    private GoQuote() {}

    /** {@code strconv.QuoteRune} of a byte value: {@code '='}, {@code '"'}, {@code '\x01'}. */
    static String quoteRune(int c) {
        return switch (c) {
            case '\'' -> "'\\''";
            case '\\' -> "'\\\\'";
            case '\n' -> "'\\n'";
            case '\t' -> "'\\t'";
            case '\r' -> "'\\r'";
            default -> c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("'\\x%02x'", c);
        };
    }

    /** {@code strconv.Quote} for printable text. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
