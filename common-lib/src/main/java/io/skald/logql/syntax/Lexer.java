package io.skald.logql.syntax;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Splits a LogQL query into tokens the way Loki's lexer (Go's {@code text/scanner} plus LogQL rules) does, including
 * where it reports errors: at the first character of the token being scanned.
 */
final class Lexer {
    private static final Map<String, TokenType> KEYWORDS = Map.ofEntries(
            Map.entry("by", TokenType.BY),
            Map.entry("without", TokenType.WITHOUT),
            Map.entry("bool", TokenType.BOOL),
            Map.entry("label_replace", TokenType.LABEL_REPLACE),
            Map.entry("offset", TokenType.OFFSET),
            Map.entry("on", TokenType.ON),
            Map.entry("ignoring", TokenType.IGNORING),
            Map.entry("group_left", TokenType.GROUP_LEFT),
            Map.entry("group_right", TokenType.GROUP_RIGHT),
            Map.entry("or", TokenType.OR),
            Map.entry("and", TokenType.AND),
            Map.entry("unless", TokenType.UNLESS),
            Map.entry("json", TokenType.JSON),
            Map.entry("regexp", TokenType.REGEXP),
            Map.entry("logfmt", TokenType.LOGFMT),
            Map.entry("unpack", TokenType.UNPACK),
            Map.entry("pattern", TokenType.PATTERN),
            Map.entry("label_format", TokenType.LABEL_FMT),
            Map.entry("line_format", TokenType.LINE_FMT),
            Map.entry("ip", TokenType.IP),
            Map.entry("decolorize", TokenType.DECOLORIZE),
            Map.entry("drop", TokenType.DROP),
            Map.entry("keep", TokenType.KEEP),
            Map.entry("unwrap", TokenType.UNWRAP));

    private static final Map<String, TokenType> OPERATORS = Map.ofEntries(
            Map.entry(",", TokenType.COMMA),
            Map.entry(".", TokenType.DOT),
            Map.entry("{", TokenType.OPEN_BRACE),
            Map.entry("}", TokenType.CLOSE_BRACE),
            Map.entry("=", TokenType.EQ),
            Map.entry("!=", TokenType.NEQ),
            Map.entry("=~", TokenType.RE),
            Map.entry("!~", TokenType.NRE),
            Map.entry("!>", TokenType.NPA),
            Map.entry("|=", TokenType.PIPE_EXACT),
            Map.entry("|~", TokenType.PIPE_MATCH),
            Map.entry("|>", TokenType.PIPE_PATTERN),
            Map.entry("|", TokenType.PIPE),
            Map.entry("(", TokenType.OPEN_PARENTHESIS),
            Map.entry(")", TokenType.CLOSE_PARENTHESIS),
            Map.entry("[", TokenType.OPEN_BRACKET),
            Map.entry("]", TokenType.CLOSE_BRACKET),
            Map.entry("+", TokenType.ADD),
            Map.entry("-", TokenType.SUB),
            Map.entry("*", TokenType.MUL),
            Map.entry("/", TokenType.DIV),
            Map.entry("%", TokenType.MOD),
            Map.entry("^", TokenType.POW),
            Map.entry("==", TokenType.CMP_EQ),
            Map.entry(">", TokenType.GT),
            Map.entry(">=", TokenType.GTE),
            Map.entry("<", TokenType.LT),
            Map.entry("<=", TokenType.LTE));

    /**
     * Loki's lexer reads past some tokens with {@code Scanner.Next()}, which resets the scanner's line to 0 while
     * keeping the column: errors at those tokens (two-character operators, durations, byte sizes, flags, ranges) say
     * "line 0". We report the same.
     */
    private static final int AFTER_NEXT = 0;

    private static final Set<String> PARSER_FLAGS = Set.of("--strict", "--keep-empty");

    private final int[] chars;
    private final int[] lines;
    private final int[] columns;
    private int pos;

    Lexer(String input) {
        this.chars = input.codePoints().toArray();
        this.lines = new int[chars.length + 1];
        this.columns = new int[chars.length + 1];
        int line = 1;
        int column = 1;
        for (int i = 0; i < chars.length; i++) {
            lines[i] = line;
            columns[i] = column;
            if (chars[i] == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        lines[chars.length] = line;
        columns[chars.length] = column;
    }

    Token next() {
        while (true) {
            skipWhitespace();
            if (pos >= chars.length) {
                return Token.of(TokenType.EOF, "", lines[pos], columns[pos]);
            }
            int c = chars[pos];
            if (c == '#') {
                while (pos < chars.length && chars[pos] != '\n') {
                    pos++;
                }
                continue;
            }
            if (c == '/' && (peekAt(pos + 1) == '/' || peekAt(pos + 1) == '*')) {
                skipGoComment();
                continue;
            }
            return scanToken();
        }
    }

    private Token scanToken() {
        int start = pos;
        int line = lines[start];
        int column = columns[start];
        int c = chars[pos];
        if (c == '_' || Character.isLetter(c)) {
            return identifierOrKeyword(start, line, column);
        }
        if (isAsciiDigit(c) || (c == '.' && isAsciiDigit(peekAt(pos + 1)))) {
            return number(start, line, column);
        }
        if (c == '"') {
            return Token.of(TokenType.STRING, scanQuoted(line, column), line, column);
        }
        if (c == '`') {
            return Token.of(TokenType.STRING, scanRaw(line, column), line, column);
        }
        if (c == '[') {
            return range(column);
        }
        if (c == '\'') {
            return charLiteral(start, line, column);
        }
        pos++;
        if (c == '-') {
            Token dashed = afterDash(start, column);
            if (dashed != null) {
                return dashed;
            }
        }
        String single = new String(Character.toChars(c));
        if (pos < chars.length) {
            String pair = single + new String(Character.toChars(chars[pos]));
            TokenType type = OPERATORS.get(pair);
            if (type != null) {
                pos++;
                return Token.of(type, pair, AFTER_NEXT, column);
            }
        }
        TokenType type = OPERATORS.get(single);
        if (type != null) {
            return Token.of(type, single, line, column);
        }
        // Go's scanner hands any other character through as itself; Loki then calls it an identifier.
        return Token.of(TokenType.IDENTIFIER, single, line, column);
    }

    private Token identifierOrKeyword(int start, int line, int column) {
        while (pos < chars.length && (chars[pos] == '_' || Character.isLetterOrDigit(chars[pos]))) {
            pos++;
        }
        String text = text(start, pos);
        String lower = text.toLowerCase(Locale.ROOT);
        TokenType function = functionToken(lower);
        if (function != null) {
            return Token.of(isFunctionCall(pos) ? function : TokenType.IDENTIFIER, text, line, column);
        }
        TokenType keyword = KEYWORDS.get(lower);
        if (keyword != null) {
            return Token.of(keyword, text, line, column);
        }
        return Token.of(TokenType.IDENTIFIER, text, line, column);
    }

    private static TokenType functionToken(String lower) {
        if (RangeOp.fromName(lower) != null) {
            return TokenType.RANGE_OP;
        }
        if (VectorOp.fromName(lower) != null) {
            return TokenType.VECTOR_OP;
        }
        return switch (lower) {
            case "vector" -> TokenType.VECTOR;
            case "label_replace" -> TokenType.LABEL_REPLACE;
            case "bytes" -> TokenType.BYTES_CONV;
            case "duration" -> TokenType.DURATION_CONV;
            case "duration_seconds" -> TokenType.DURATION_SECONDS_CONV;
            case "ip" -> TokenType.IP;
            default -> null;
        };
    }

    /** Loki's {@code isFunction}: the name is followed by "(" or by "by (" / "without (". */
    private boolean isFunctionCall(int from) {
        int i = skipSpaces(from);
        if (i >= chars.length) {
            return false;
        }
        if (chars[i] == '(') {
            return true;
        }
        for (String keyword : new String[] {"by", "without"}) {
            if (startsWithIgnoreCase(i, keyword)) {
                int after = skipSpaces(i + keyword.length());
                return after < chars.length && chars[after] == '(';
            }
        }
        return false;
    }

    private boolean startsWithIgnoreCase(int from, String word) {
        if (from + word.length() > chars.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (Character.toLowerCase(chars[from + k]) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private int skipSpaces(int from) {
        int i = from;
        while (i < chars.length && isUnicodeSpace(chars[i])) {
            i++;
        }
        return i;
    }

    private Token number(int start, int line, int column) {
        boolean hex = chars[pos] == '0' && (peekAt(pos + 1) == 'x' || peekAt(pos + 1) == 'X');
        if (hex) {
            pos += 2;
            while (pos < chars.length && (Character.digit(chars[pos], 16) >= 0 || chars[pos] == '_')) {
                pos++;
            }
        } else {
            skipDigits();
            if (pos < chars.length && chars[pos] == '.') {
                pos++;
                skipDigits();
            }
            if (pos < chars.length && (chars[pos] == 'e' || chars[pos] == 'E')) {
                pos++;
                if (pos < chars.length && (chars[pos] == '+' || chars[pos] == '-')) {
                    pos++;
                }
                int digitsStart = pos;
                skipDigits();
                if (pos == digitsStart) {
                    throw new LogqlParseException("exponent has no digits", line, column);
                }
            }
        }
        String text = text(start, pos);
        Token duration = tryDuration(text, column);
        if (duration != null) {
            return duration;
        }
        Token bytes = tryBytes(text, column);
        if (bytes != null) {
            return bytes;
        }
        return Token.of(TokenType.NUMBER, text, line, column);
    }

    private void skipDigits() {
        while (pos < chars.length && (isAsciiDigit(chars[pos]) || chars[pos] == '_')) {
            pos++;
        }
    }

    private Token afterDash(int start, int column) {
        if (peekAt(pos) == '-') {
            int end = pos;
            while (end < chars.length && (Character.isLetter(chars[end]) || chars[end] == '-')) {
                end++;
            }
            String flag = text(start, end);
            if (PARSER_FLAGS.contains(flag)) {
                pos = end;
                return Token.of(TokenType.PARSER_FLAG, flag, AFTER_NEXT, column);
            }
        }
        return tryDuration("-", column);
    }

    private Token tryDuration(String prefix, int column) {
        int end = pos;
        while (end < chars.length && !isUnicodeSpace(chars[end])) {
            int c = chars[end];
            if (!isUnicodeNumber(c) && !isDurationRune(c) && c != '.') {
                break;
            }
            end++;
        }
        if (end == pos) {
            return null;
        }
        String text = prefix + text(pos, end);
        Duration duration;
        try {
            duration = DurationSyntax.parseLogql(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
        pos = end;
        return new Token(TokenType.DURATION, text, AFTER_NEXT, column, duration, 0);
    }

    private Token tryBytes(String prefix, int column) {
        int end = pos;
        while (end < chars.length && !isUnicodeSpace(chars[end])) {
            int c = chars[end];
            if (!isUnicodeNumber(c) && !isBytesRune(c) && c != '.') {
                break;
            }
            end++;
        }
        if (end == pos) {
            return null;
        }
        String text = prefix + text(pos, end);
        long bytes;
        try {
            bytes = ByteSizeSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        pos = end;
        return new Token(TokenType.BYTES, text, AFTER_NEXT, column, null, bytes);
    }

    private Token range(int column) {
        int start = ++pos;
        while (pos < chars.length && chars[pos] != ']') {
            pos++;
        }
        if (pos >= chars.length) {
            throw new LogqlParseException("missing closing ']' in duration", AFTER_NEXT, column);
        }
        String text = text(start, pos);
        pos++;
        try {
            return new Token(TokenType.RANGE, text, AFTER_NEXT, column, DurationSyntax.parsePrometheus(text), 0);
        } catch (IllegalArgumentException e) {
            throw new LogqlParseException(e.getMessage(), AFTER_NEXT, column);
        }
    }

    private String scanQuoted(int line, int column) {
        pos++;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // Go's scanner checks the whole literal first; values it lets through but Unquote refuses (octal above
        // \377, surrogates, code points past U+10FFFF) fail only after that.
        boolean unquotable = true;
        while (true) {
            if (pos >= chars.length || chars[pos] == '\n') {
                throw new LogqlParseException("literal not terminated", line, column);
            }
            int c = chars[pos++];
            if (c == '"') {
                if (!unquotable) {
                    throw new LogqlParseException("invalid syntax", line, column);
                }
                return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
            }
            if (c != '\\') {
                bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int e = pos < chars.length ? chars[pos++] : -1;
            switch (e) {
                case 'a' -> bytes.write(7);
                case 'b' -> bytes.write('\b');
                case 'f' -> bytes.write('\f');
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case 'v' -> bytes.write(11);
                case '\\' -> bytes.write('\\');
                case '"' -> bytes.write('"');
                case 'x' -> bytes.write(escapeDigits(16, 2, line, column));
                case 'u', 'U' -> {
                    int cp = escapeDigits(16, e == 'u' ? 4 : 8, line, column);
                    if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        unquotable = false;
                    } else {
                        bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        pos--;
                        int value = escapeDigits(8, 3, line, column);
                        if (value > 255) {
                            unquotable = false;
                        }
                        bytes.write(value & 0xff);
                    } else {
                        throw new LogqlParseException("invalid char escape", line, column);
                    }
                }
            }
        }
    }

    private int escapeDigits(int base, int count, int line, int column) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            int digit = pos < chars.length ? Character.digit(chars[pos], base) : -1;
            if (digit < 0 || chars[pos] > 0x7f) {
                throw new LogqlParseException("invalid char escape", line, column);
            }
            value = value * base + digit;
            pos++;
        }
        return value;
    }

    /**
     * Go's scanner reads {@code 'x'} as a character literal; Loki has no use for it and hands its text on as an
     * identifier. Only a single (possibly escaped) character is a valid literal.
     */
    private Token charLiteral(int start, int line, int column) {
        pos++;
        int count = 0;
        while (pos >= chars.length || chars[pos] != '\'') {
            if (pos >= chars.length || chars[pos] == '\n') {
                throw new LogqlParseException("literal not terminated", line, column);
            }
            if (chars[pos] == '\\') {
                pos++;
                int e = pos < chars.length ? chars[pos] : -1;
                switch (e) {
                    case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\', '\'' -> pos++;
                    case 'x' -> {
                        pos++;
                        escapeDigits(16, 2, line, column);
                    }
                    case 'u' -> {
                        pos++;
                        escapeDigits(16, 4, line, column);
                    }
                    case 'U' -> {
                        pos++;
                        escapeDigits(16, 8, line, column);
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            escapeDigits(8, 3, line, column);
                        } else {
                            throw new LogqlParseException("invalid char escape", line, column);
                        }
                    }
                }
            } else {
                pos++;
            }
            count++;
        }
        pos++;
        if (count != 1) {
            throw new LogqlParseException("invalid char literal", line, column);
        }
        return Token.of(TokenType.IDENTIFIER, text(start, pos), line, column);
    }

    private String scanRaw(int line, int column) {
        int start = ++pos;
        while (pos < chars.length && chars[pos] != '`') {
            pos++;
        }
        if (pos >= chars.length) {
            throw new LogqlParseException("literal not terminated", line, column);
        }
        // Go drops carriage returns from raw strings.
        String text = text(start, pos).replace("\r", "");
        pos++;
        return text;
    }

    private void skipGoComment() {
        int line = lines[pos];
        int column = columns[pos];
        if (chars[pos + 1] == '/') {
            while (pos < chars.length && chars[pos] != '\n') {
                pos++;
            }
            return;
        }
        pos += 2;
        while (pos < chars.length) {
            if (chars[pos] == '*' && peekAt(pos + 1) == '/') {
                pos += 2;
                return;
            }
            pos++;
        }
        throw new LogqlParseException("comment not terminated", line, column);
    }

    private void skipWhitespace() {
        while (pos < chars.length) {
            int c = chars[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private int peekAt(int index) {
        return index < chars.length ? chars[index] : -1;
    }

    private String text(int from, int to) {
        return new String(chars, from, to - from);
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUnicodeNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static boolean isUnicodeSpace(int c) {
        return switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            default -> c > 0xff && Character.isSpaceChar(c);
        };
    }

    private static boolean isDurationRune(int c) {
        return switch (c) {
            case 'n', 'u', '\u00b5', 'm', 's', 'h', 'd', 'w', 'y' -> true;
            default -> false;
        };
    }

    private static boolean isBytesRune(int c) {
        return switch (c) {
            case 'B', 'i', 'k', 'K', 'M', 'G', 'T', 'P' -> true;
            default -> false;
        };
    }
}
