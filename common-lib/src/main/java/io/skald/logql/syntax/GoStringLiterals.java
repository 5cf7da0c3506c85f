package io.skald.logql.syntax;

/** Go string literal quoting ({@code strconv.Quote}), which is how Loki prints every string in a query. */
public final class GoStringLiterals {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoStringLiterals() {}

    /** Double-quotes {@code s} with Go escapes; printable Unicode stays as is. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        out.append('"');
        s.codePoints().forEach(cp -> appendEscaped(out, cp));
        out.append('"');
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case 7 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 11 -> out.append("\\v");
            default -> {
                if (isPrint(cp)) {
                    out.appendCodePoint(cp);
                } else if (cp < ' ' || cp == 0x7f) {
                    out.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
                } else if (cp < 0x10000) {
                    out.append("\\u");
                    appendHex(out, cp, 4);
                } else {
                    out.append("\\U");
                    appendHex(out, cp, 8);
                }
            }
        }
    }

    private static void appendHex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >> shift) & 0xf]);
        }
    }

    /** Go's {@code unicode.IsPrint}: graphic characters and the ASCII space, but no other spaces. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        if (cp < 0x20 || cp == 0x7f) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.CONTROL,
                    Character.FORMAT,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
