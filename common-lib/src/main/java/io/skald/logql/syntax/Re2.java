package io.skald.logql.syntax;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * RE2 (Go {@code regexp}) syntax on top of {@link java.util.regex}: validates a pattern with Go's error texts and
 * translates it to an equivalent Java pattern (RE2's {@code $}, {@code \s}, {@code \v}, POSIX classes, flags and
 * named groups differ from Java's; lookarounds and backreferences are rejected as RE2 rejects them).
 */
public final class Re2 {
    /** Java flags that make {@code .}, {@code ^} and {@code $} treat only {@code \n} as a line end, like RE2. */
    public static final int JAVA_FLAGS = Pattern.UNIX_LINES | Pattern.UNICODE_CASE;

    private static final int MAX_REPEAT = 1000;
    private static final int CACHE_LIMIT = 4096;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"),
            Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"),
            Map.entry("cntrl", "\\p{Cntrl}"),
            Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"),
            Map.entry("lower", "\\p{Lower}"),
            Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"),
            Map.entry("space", "\\p{Space}"),
            Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"),
            Map.entry("xdigit", "\\p{XDigit}"));

    private static final Set<String> CATEGORIES = Set.of(
            "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl",
            "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");

    /** A translated pattern and the name of every capture group in order ("" for unnamed groups). */
    public record Translation(String javaRegex, List<String> groupNames) {
        public Translation {
            groupNames = List.copyOf(groupNames);
        }
    }

    private Re2() {}

    /** Go's error ({@code error parsing regexp: missing closing ): `(a`}) or null when {@code regex} is valid RE2. */
    public static @Nullable String validate(String regex) {
        try {
            compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            // Valid RE2 that the translation could not express: refuse it rather than fail later.
            return "error parsing regexp: invalid or unsupported Perl syntax: `" + regex + "`";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Translates RE2 to Java; throws {@link IllegalArgumentException} with Go's message when it is not valid RE2. */
    public static Translation translate(String regex) {
        Translator translator = new Translator(regex);
        return new Translation(translator.run(), translator.groupNames);
    }

    /** Compiles RE2 {@code regex} for unanchored search ({@code matcher(s).find()}), as line filters use it. */
    public static Pattern compile(String regex) {
        Pattern cached = CACHE.get(regex);
        if (cached != null) {
            return cached;
        }
        Pattern pattern = Pattern.compile(translate(regex).javaRegex(), JAVA_FLAGS);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(regex, pattern);
        }
        return pattern;
    }

    /** Compiles a label matcher regex as Prometheus does: anchored at both ends, {@code .} matching newlines. */
    public static Pattern compileAnchored(String regex) {
        return compile(anchored(regex));
    }

    /** The RE2 text of {@code regex} anchored at both ends with {@code .} matching newlines, as Prometheus runs it. */
    public static String anchored(String regex) {
        return "^(?s:" + regex + ")$";
    }

    /** Go's {@code syntax.Error} text. */
    private static IllegalArgumentException error(String code, String expression) {
        return new IllegalArgumentException("error parsing regexp: " + code + ": `" + expression + "`");
    }

    private static final class Translator {
        private final String source;
        private final int[] cps;
        private final StringBuilder out = new StringBuilder();
        private final List<String> groupNames = new ArrayList<>();
        private final Deque<boolean[]> flagStack = new ArrayDeque<>();
        private int pos;
        /** Current flags: [0] multi-line, [1] ungreedy. */
        private boolean[] flags = {false, false};
        /** Whether the last item can take a repetition operator. */
        private boolean canRepeat;
        /** Source index where the last repetition operator started, or -1 if the last item was no repetition. */
        private int lastRepeatStart = -1;
        /** Output index where the last item (the one a repetition applies to) starts. */
        private int itemStart;
        /** Whether the last item already carries a repetition (possible in RE2 across a flag group: a*(?i)*). */
        private boolean itemRepeated;
        /**
         * Flag groups such as {@code (?i)} are written out just before the next item rather than where they stand,
         * because RE2 lets a repetition after them apply to the item before them, and Java does not.
         */
        private String pendingFlags = "";

        private final Deque<Integer> groupStarts = new ArrayDeque<>();

        Translator(String source) {
            this.source = source;
            this.cps = source.codePoints().toArray();
        }

        String run() {
            while (pos < cps.length) {
                int c = cps[pos];
                switch (c) {
                    case '(' -> openGroup();
                    case ')' -> closeGroup();
                    case '|' -> {
                        pos++;
                        flushFlags();
                        out.append('|');
                        canRepeat = false;
                        lastRepeatStart = -1;
                    }
                    case '*', '+', '?' -> repeat(pos + 1);
                    case '{' -> {
                        int end = repeatEnd(pos);
                        if (end < 0) {
                            pos++;
                            literal('{');
                        } else {
                            repeat(end);
                        }
                    }
                    case '[' -> charClass();
                    case '\\' -> escape();
                    case '.' -> {
                        pos++;
                        item(".");
                    }
                    case '^' -> {
                        pos++;
                        item("^");
                    }
                    case '$' -> {
                        pos++;
                        item(flags[0] ? "$" : "\\z");
                    }
                    default -> {
                        pos++;
                        literal(c);
                    }
                }
            }
            if (!flagStack.isEmpty()) {
                throw error("missing closing )", source);
            }
            flushFlags();
            return out.toString();
        }

        private void flushFlags() {
            out.append(pendingFlags);
            pendingFlags = "";
        }

        private void item(String java) {
            flushFlags();
            itemStart = out.length();
            out.append(java);
            canRepeat = true;
            itemRepeated = false;
            lastRepeatStart = -1;
        }

        private void literal(int c) {
            item(quoteLiteral(c));
        }

        private void openParenthesis(String java) {
            flushFlags();
            groupStarts.push(out.length());
            out.append(java);
        }

        private void openGroup() {
            int start = pos;
            pos++;
            boolean[] saved = flags.clone();
            if (peek(0) != '?') {
                groupNames.add("");
                openParenthesis("(");
                pushGroup(saved);
                return;
            }
            // (?P<name>re), (?<name>re), (?flags), (?flags:re)
            if ((peek(1) == 'P' && peek(2) == '<' && pos + 3 < cps.length) || peek(1) == '<') {
                int nameStart = pos + (peek(1) == 'P' ? 3 : 2);
                int end = nameStart;
                while (end < cps.length && cps[end] != '>') {
                    end++;
                }
                if (end >= cps.length) {
                    throw error("invalid named capture", text(start, cps.length));
                }
                String name = text(nameStart, end);
                if (name.isEmpty()
                        || !name.chars().allMatch(ch -> ch == '_' || (Character.isLetterOrDigit(ch) && ch < 128))) {
                    throw error("invalid named capture", text(start, end + 1));
                }
                groupNames.add(name);
                pos = end + 1;
                openParenthesis("(");
                pushGroup(saved);
                return;
            }
            pos++;
            boolean negate = false;
            boolean sawFlag = false;
            StringBuilder javaFlags = new StringBuilder();
            while (true) {
                if (pos >= cps.length) {
                    throw error("invalid or unsupported Perl syntax", text(start, pos));
                }
                int c = cps[pos++];
                switch (c) {
                    case 'i', 's' -> {
                        javaFlags
                                .append(negate && javaFlags.indexOf("-") < 0 ? "-" : "")
                                .appendCodePoint(c);
                        sawFlag = true;
                    }
                    case 'm' -> {
                        javaFlags
                                .append(negate && javaFlags.indexOf("-") < 0 ? "-" : "")
                                .append('m');
                        flags[0] = !negate;
                        sawFlag = true;
                    }
                    case 'U' -> {
                        flags[1] = !negate;
                        sawFlag = true;
                    }
                    case '-' -> {
                        if (negate) {
                            throw error("invalid or unsupported Perl syntax", text(start, pos));
                        }
                        negate = true;
                        sawFlag = false;
                    }
                    case ':', ')' -> {
                        if (negate && !sawFlag) {
                            throw error("invalid or unsupported Perl syntax", text(start, pos));
                        }
                        String flagText = javaFlags.toString();
                        if (c == ')') {
                            // Flags for the rest of the enclosing group.
                            if (!flagText.isEmpty()) {
                                pendingFlags += "(?" + flagText + ")";
                            }
                            lastRepeatStart = -1;
                            return;
                        }
                        openParenthesis("(?" + flagText + ":");
                        pushGroup(saved);
                        return;
                    }
                    default -> throw error("invalid or unsupported Perl syntax", text(start, pos));
                }
            }
        }

        private void pushGroup(boolean[] saved) {
            flagStack.push(saved);
            canRepeat = false;
            lastRepeatStart = -1;
        }

        private void closeGroup() {
            if (flagStack.isEmpty()) {
                throw error("unexpected )", source);
            }
            pos++;
            flags = flagStack.pop();
            flushFlags();
            out.append(')');
            itemStart = groupStarts.pop();
            canRepeat = true;
            itemRepeated = false;
            lastRepeatStart = -1;
        }

        /** A repetition operator from {@code pos} to {@code end} (exclusive, before any lazy '?'). */
        private void repeat(int end) {
            int start = pos;
            int opEnd = end;
            boolean lazy = opEnd < cps.length && cps[opEnd] == '?';
            if (lazy) {
                opEnd++;
            }
            String op = text(start, end);
            if (op.startsWith("{")) {
                int[] bounds = repeatBounds(op);
                if (bounds[0] > MAX_REPEAT || bounds[1] > MAX_REPEAT || (bounds[1] >= 0 && bounds[1] < bounds[0])) {
                    throw error("invalid repeat count", op);
                }
            }
            if (lastRepeatStart >= 0) {
                throw error("invalid nested repetition operator", text(lastRepeatStart, opEnd));
            }
            if (!canRepeat) {
                throw error("missing argument to repetition operator", text(start, opEnd));
            }
            if (itemRepeated) {
                out.insert(itemStart, "(?:").append(')');
            }
            itemRepeated = true;
            out.append(op);
            if (lazy != flags[1]) {
                out.append('?');
            }
            pos = opEnd;
            lastRepeatStart = start;
        }

        /** End index (exclusive) of a valid {n}, {n,} or {n,m} at {@code from}, or -1 when it is a literal brace. */
        private int repeatEnd(int from) {
            int i = from + 1;
            int digits = 0;
            while (i < cps.length && isDigit(cps[i])) {
                i++;
                digits++;
            }
            if (digits == 0 || i >= cps.length) {
                return -1;
            }
            if (cps[i] == ',') {
                i++;
                while (i < cps.length && isDigit(cps[i])) {
                    i++;
                }
            }
            return i < cps.length && cps[i] == '}' ? i + 1 : -1;
        }

        private static int[] repeatBounds(String op) {
            String body = op.substring(1, op.length() - 1);
            int comma = body.indexOf(',');
            if (comma < 0) {
                int n = parseBound(body);
                return new int[] {n, n};
            }
            String max = body.substring(comma + 1);
            return new int[] {parseBound(body.substring(0, comma)), max.isEmpty() ? -1 : parseBound(max)};
        }

        private static int parseBound(String digits) {
            return digits.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        }

        private void escape() {
            int start = pos;
            if (pos + 1 >= cps.length) {
                throw error("trailing backslash at end of expression", "");
            }
            int c = cps[pos + 1];
            pos += 2;
            switch (c) {
                case 'A' -> item("\\A");
                case 'z' -> item("\\z");
                case 'b' -> item("\\b");
                case 'B' -> item("\\B");
                case 'd', 'D', 'w', 'W' -> item("\\" + (char) c);
                case 's' -> item("[\\t\\n\\f\\r ]");
                case 'S' -> item("[^\\t\\n\\f\\r ]");
                case 'p', 'P' -> item(unicodeClass(start, c == 'P'));
                case 'Q' -> {
                    int end = source.indexOf("\\E", offsetOf(pos));
                    String quoted = end < 0 ? source.substring(offsetOf(pos)) : source.substring(offsetOf(pos), end);
                    pos = end < 0 ? cps.length : pos + quoted.codePointCount(0, quoted.length()) + 2;
                    if (quoted.isEmpty()) {
                        return;
                    }
                    StringBuilder java = new StringBuilder("(?:");
                    quoted.codePoints().forEach(cp -> java.append(quoteLiteral(cp)));
                    item(java.append(')').toString());
                }
                default -> literal(escapedCharacter(start, c));
            }
        }

        /** The character of a single-character escape at {@code start} whose letter {@code c} was consumed. */
        private int escapedCharacter(int start, int c) {
            return switch (c) {
                case 'a' -> 7;
                case 'f' -> '\f';
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'v' -> 11;
                case 'x' -> hexEscape(start);
                case '0', '1', '2', '3', '4', '5', '6', '7' -> octalEscape(start, c);
                default -> {
                    if (c < 128 && !Character.isLetterOrDigit(c)) {
                        yield c;
                    }
                    throw error("invalid escape sequence", text(start, pos));
                }
            };
        }

        /** Octal {@code \0}, {@code \012}; a lone {@code \1}..{@code \7} is a backreference, which RE2 rejects. */
        private int octalEscape(int start, int c) {
            if (c != '0' && !(pos < cps.length && cps[pos] >= '0' && cps[pos] <= '7')) {
                throw error("invalid escape sequence", text(start, pos));
            }
            int value = c - '0';
            for (int k = 0; k < 2 && pos < cps.length && cps[pos] >= '0' && cps[pos] <= '7'; k++) {
                value = value * 8 + (cps[pos++] - '0');
            }
            return value;
        }

        /** {@code \xHH} or {@code \x{H...}}; on failure Go quotes exactly what it had read. */
        private int hexEscape(int start) {
            if (pos >= cps.length) {
                throw error("invalid escape sequence", text(start, pos));
            }
            int c = cps[pos++];
            if (c == '{') {
                int digits = 0;
                int value = 0;
                while (true) {
                    if (pos >= cps.length) {
                        throw error("invalid escape sequence", text(start, pos));
                    }
                    c = cps[pos++];
                    if (c == '}') {
                        break;
                    }
                    int digit = hexValue(c);
                    if (digit < 0) {
                        throw error("invalid escape sequence", text(start, pos));
                    }
                    value = value * 16 + digit;
                    if (value > Character.MAX_CODE_POINT) {
                        throw error("invalid escape sequence", text(start, pos));
                    }
                    digits++;
                }
                if (digits == 0) {
                    throw error("invalid escape sequence", text(start, pos));
                }
                return value;
            }
            int high = hexValue(c);
            int low = pos < cps.length ? hexValue(cps[pos++]) : -1;
            if (high < 0 || low < 0) {
                throw error("invalid escape sequence", text(start, pos));
            }
            return high * 16 + low;
        }

        private static int hexValue(int c) {
            return c < 128 ? Character.digit(c, 16) : -1;
        }

        /** {@code \pL}, {@code \p{Greek}}, {@code \P{^Lu}}: Java spells scripts with an "Is" prefix. */
        private String unicodeClass(int start, boolean negated) {
            String name;
            if (pos < cps.length && cps[pos] == '{') {
                int end = pos + 1;
                while (end < cps.length && cps[end] != '}') {
                    end++;
                }
                if (end >= cps.length) {
                    throw error("invalid character class range", text(start, cps.length));
                }
                name = text(pos + 1, end);
                pos = end + 1;
            } else if (pos < cps.length) {
                name = new String(Character.toChars(cps[pos]));
                pos++;
            } else {
                throw error("invalid character class range", text(start, pos));
            }
            if (name.startsWith("^")) {
                negated = !negated;
                name = name.substring(1);
            }
            String java;
            if (name.equals("Any")) {
                return negated ? "[^\\x{0}-\\x{10FFFF}]" : "[\\x{0}-\\x{10FFFF}]";
            } else if (CATEGORIES.contains(name)) {
                java = name;
            } else {
                try {
                    Character.UnicodeScript.forName(name.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw error("invalid character class range", text(start, pos));
                }
                java = "Is" + name;
            }
            return (negated ? "\\P{" : "\\p{") + java + "}";
        }

        private void charClass() {
            int start = pos;
            pos++;
            StringBuilder java = new StringBuilder("[");
            if (peek(0) == '^') {
                java.append('^');
                pos++;
            }
            boolean first = true;
            while (true) {
                if (pos >= cps.length) {
                    throw error("missing closing ]", text(start, cps.length));
                }
                int c = cps[pos];
                if (c == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                if (c == '[' && peek(1) == ':') {
                    int end = source.indexOf(":]", offsetOf(pos) + 2);
                    if (end >= 0) {
                        String name = source.substring(offsetOf(pos) + 2, end);
                        boolean negated = name.startsWith("^");
                        String posix = POSIX_CLASSES.get(negated ? name.substring(1) : name);
                        if (posix == null) {
                            throw error("invalid character class range", source.substring(offsetOf(pos), end + 2));
                        }
                        if (negated) {
                            posix = posix.equals("\\w") ? "\\W" : "\\P" + posix.substring(2);
                        }
                        java.append(posix);
                        pos += name.length() + 4;
                        continue;
                    }
                }
                int rangeStart = pos;
                int low = classAtom(java);
                if (low < 0) {
                    continue;
                }
                if (peek(0) == '-' && peek(1) != ']' && peek(1) != -1) {
                    pos++;
                    if (peek(0) == '\\' && "dDwWsSpP".indexOf(peek(1)) >= 0) {
                        // A class escape cannot end a range: Go reads it as a single character and fails.
                        throw error("invalid escape sequence", text(pos, pos + 2));
                    }
                    StringBuilder ignored = new StringBuilder();
                    int high = classAtom(ignored);
                    if (high < 0 || high < low) {
                        throw error("invalid character class range", text(rangeStart, pos));
                    }
                    java.append(quoteClassChar(low)).append('-').append(quoteClassChar(high));
                } else {
                    java.append(quoteClassChar(low));
                }
            }
            java.append(']');
            item(java.toString());
        }

        /** One class member: returns its character, or -1 after appending a class escape such as \d. */
        private int classAtom(StringBuilder java) {
            int c = cps[pos];
            if (c != '\\') {
                pos++;
                return c;
            }
            int start = pos;
            if (pos + 1 >= cps.length) {
                throw error("trailing backslash at end of expression", "");
            }
            int e = cps[pos + 1];
            pos += 2;
            switch (e) {
                case 'd', 'D', 'w', 'W' -> {
                    java.append('\\').append((char) e);
                    return -1;
                }
                case 's' -> {
                    java.append("\\t\\n\\f\\r ");
                    return -1;
                }
                case 'S' -> {
                    java.append("\\S");
                    return -1;
                }
                case 'p', 'P' -> {
                    java.append(unicodeClass(start, e == 'P'));
                    return -1;
                }
                default -> {
                    return escapedCharacter(start, e);
                }
            }
        }

        private static String quoteClassChar(int c) {
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                return c < 32 || c == 127 ? String.format(Locale.ROOT, "\\x%02x", c) : "\\" + (char) c;
            }
            return new String(Character.toChars(c));
        }

        private static String quoteLiteral(int c) {
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                return c <= 32 || c == 127 ? String.format(Locale.ROOT, "\\x%02x", c) : "\\" + (char) c;
            }
            return new String(Character.toChars(c));
        }

        private int peek(int ahead) {
            return pos + ahead < cps.length ? cps[pos + ahead] : -1;
        }

        private int offsetOf(int codePointIndex) {
            return source.offsetByCodePoints(0, codePointIndex);
        }

        private String text(int from, int to) {
            return new String(cps, from, to - from);
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }
    }
}
