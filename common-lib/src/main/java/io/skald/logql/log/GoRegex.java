package io.skald.logql.log;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A Go (RE2) regular expression compiled to {@link Pattern}: named groups {@code (?P<name>...)} become plain groups
 * (Java forbids {@code _} in group names) with their names kept by index, {@code $} without {@code (?m)} means end of
 * text as in Go, {@code .} excludes only {@code \n}, and {@code (?i)} folds Unicode.
 */
public final class GoRegex {
    private final String source;
    private final Pattern pattern;
    private final List<String> groupNames;

    private GoRegex(String source, Pattern pattern, List<String> groupNames) {
        this.source = source;
        this.pattern = pattern;
        this.groupNames = groupNames;
    }

    /**
     * Compiles; throws {@link IllegalArgumentException} with Go's text for an invalid expression
     * ({@code error parsing regexp: missing closing ): `(unclosed`}).
     */
    public static GoRegex compile(String regex) {
        List<String> names = new ArrayList<>();
        names.add("");
        StringBuilder out = new StringBuilder(regex.length() + 8);
        boolean multiline = regex.startsWith("(?m") || regex.matches("^\\(\\?[a-zA-Z]*m[a-zA-Z]*\\).*");
        boolean inClass = false;
        int repeatStart = -1; // start (in regex) of the repetition operator just seen, or -1
        boolean lazyTaken = false; // whether that repetition already has its lazy '?'
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (!inClass && repeatStart >= 0 && "*+?{".indexOf(c) < 0) {
                repeatStart = -1;
            }
            if (c == '\\' && i + 1 < regex.length()) {
                char next = regex.charAt(i + 1);
                if (next == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    int stop = end < 0 ? regex.length() : end + 2;
                    out.append(regex, i, stop);
                    i = stop - 1;
                    continue;
                }
                i = translateEscape(regex, i, out);
                repeatStart = -1;
                continue;
            }
            if (inClass) {
                if (c == '[' && regex.startsWith("[:", i)) {
                    int end = regex.indexOf(":]", i + 2);
                    if (end > 0) {
                        String name = regex.substring(i + 2, end);
                        boolean negated = name.startsWith("^");
                        String posix = posixClass(negated ? name.substring(1) : name);
                        out.append(negated ? "[^" + posix + "]" : posix);
                        i = end + 1;
                        continue;
                    }
                }
                if (c == '[') {
                    out.append("\\[");
                    continue;
                }
                if (c == '&' && i + 1 < regex.length() && regex.charAt(i + 1) == '&') {
                    out.append("&\\&");
                    i++;
                    continue;
                }
                if (c == ']') {
                    inClass = false;
                }
                out.append(c);
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append(c);
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                        out.append("\\]");
                        i++;
                    }
                }
                case '(' -> {
                    if (regex.startsWith("(?P<", i)
                            || (regex.startsWith("(?<", i)
                                    && !regex.startsWith("(?<=", i)
                                    && !regex.startsWith("(?<!", i))) {
                        int start = regex.indexOf('<', i) + 1;
                        int end = regex.indexOf('>', start);
                        if (end < 0) {
                            throw new IllegalArgumentException("invalid named capture: `" + regex.substring(i) + "`");
                        }
                        names.add(regex.substring(start, end));
                        out.append('(');
                        i = end;
                    } else if (regex.startsWith("(?", i)) {
                        int end = i + 2;
                        while (end < regex.length() && regex.charAt(end) != ':' && regex.charAt(end) != ')') {
                            end++;
                        }
                        int stop = Math.min(end, regex.length() - 1);
                        out.append(regex, i, stop + 1);
                        i = stop;
                    } else {
                        names.add("");
                        out.append(c);
                    }
                }
                case '$' -> out.append(multiline ? "$" : "\\z");
                case '{' -> {
                    int end = repeatEnd(regex, i);
                    if (end < 0) {
                        out.append("\\{");
                        repeatStart = -1;
                    } else {
                        checkRepetition(regex, out, i, end, repeatStart);
                        out.append(regex, i, end + 1);
                        repeatStart = i;
                        lazyTaken = false;
                        i = end;
                    }
                }
                case '*', '+', '?' -> {
                    boolean lazy = c == '?' && repeatStart >= 0 && !lazyTaken;
                    if (lazy) {
                        lazyTaken = true;
                    } else {
                        checkRepetition(regex, out, i, i, repeatStart);
                        repeatStart = i;
                        lazyTaken = false;
                    }
                    out.append(c);
                }
                default -> out.append(c);
            }
        }
        try {
            Pattern p = Pattern.compile(out.toString(), Pattern.UNIX_LINES | Pattern.UNICODE_CASE);
            return new GoRegex(regex, p, List.copyOf(names));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(goError(regex, e), e);
        }
    }

    /**
     * Translates the escape at {@code i} (a backslash) and returns the index of its last character: Go octal escapes
     * become {@code \\x{..}}, Unicode script names get Java's {@code Is} prefix, and escapes Go rejects
     * ({@code \\Z}, back-references) fail with Go's text.
     */
    private static int translateEscape(String regex, int i, StringBuilder out) {
        char next = regex.charAt(i + 1);
        if (next >= '0' && next <= '7') {
            int end = i + 2;
            boolean octal =
                    next == '0' || (end < regex.length() && regex.charAt(end) >= '0' && regex.charAt(end) <= '7');
            if (!octal) {
                throw new IllegalArgumentException("error parsing regexp: invalid escape sequence: `\\" + next + "`");
            }
            while (end < regex.length() && end < i + 4 && regex.charAt(end) >= '0' && regex.charAt(end) <= '7') {
                end++;
            }
            out.append("\\x{")
                    .append(Integer.toHexString(Integer.parseInt(regex.substring(i + 1, end), 8)))
                    .append('}');
            return end - 1;
        }
        if (next == 'v') {
            out.append("\\x0B");
            return i + 1;
        }
        if (Character.isLetterOrDigit(next) && "aftnrvxAbBzdDsSwWpPQE".indexOf(next) < 0) {
            throw new IllegalArgumentException("error parsing regexp: invalid escape sequence: `\\" + next + "`");
        }
        if (next == 'x') {
            int end = i + 2;
            if (end < regex.length() && regex.charAt(end) == '{') {
                int close = regex.indexOf('}', end);
                end = close < 0 ? regex.length() - 1 : close;
            } else {
                end = Math.min(i + 3, regex.length() - 1);
            }
            out.append(regex, i, end + 1);
            return end;
        }
        if ((next == 'p' || next == 'P') && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
            int close = regex.indexOf('}', i + 3);
            if (close > 0) {
                String name = regex.substring(i + 3, close);
                boolean negated = name.startsWith("^");
                if (negated) {
                    name = name.substring(1);
                }
                boolean upper = (next == 'P') != negated;
                out.append('\\')
                        .append(upper ? 'P' : 'p')
                        .append("{Is")
                        .append(name)
                        .append('}');
                return close;
            }
        }
        out.append('\\').append(next);
        return i + 1;
    }

    /** Go rejects a repetition with nothing to repeat, and a repetition of a repetition. */
    private static void checkRepetition(String regex, StringBuilder out, int start, int end, int previousRepeat) {
        if (previousRepeat >= 0) {
            throw new IllegalArgumentException("error parsing regexp: invalid nested repetition operator: `"
                    + regex.substring(previousRepeat, end + 1) + "`");
        }
        int length = out.length();
        int backslashes = 0;
        while (length - 2 - backslashes >= 0 && out.charAt(length - 2 - backslashes) == '\\') {
            backslashes++;
        }
        boolean escaped = backslashes % 2 == 1;
        boolean nothing = length == 0 || (!escaped && (out.charAt(length - 1) == '(' || out.charAt(length - 1) == '|'));
        if (nothing) {
            throw new IllegalArgumentException("error parsing regexp: missing argument to repetition operator: `"
                    + regex.substring(start, end + 1) + "`");
        }
    }

    /** The index of the closing brace of a valid Go repetition {@code {n}}, {@code {n,}}, {@code {n,m}} at i, or -1. */
    private static int repeatEnd(String regex, int i) {
        int j = i + 1;
        int start = j;
        while (j < regex.length() && Character.isDigit(regex.charAt(j))) {
            j++;
        }
        if (j == start || j >= regex.length()) {
            return -1;
        }
        String min = regex.substring(start, j);
        String max = null;
        if (regex.charAt(j) == ',') {
            j++;
            int maxStart = j;
            while (j < regex.length() && Character.isDigit(regex.charAt(j))) {
                j++;
            }
            max = regex.substring(maxStart, j);
        }
        if (j >= regex.length() || regex.charAt(j) != '}') {
            return -1;
        }
        if (min.length() > 4
                || Integer.parseInt(min) > 1000
                || (max != null
                        && !max.isEmpty()
                        && (max.length() > 4
                                || Integer.parseInt(max) > 1000
                                || Integer.parseInt(max) < Integer.parseInt(min)))) {
            throw new IllegalArgumentException(
                    "error parsing regexp: invalid repeat count: `" + regex.substring(i, j + 1) + "`");
        }
        return j;
    }

    /** Go's {@code regexp/syntax} error text for the usual mistakes, from Java's description. */
    private static String goError(String regex, PatternSyntaxException e) {
        String description = e.getDescription();
        String detail;
        if (description.startsWith("Unclosed group")) {
            detail = "missing closing ): `" + regex + "`";
        } else if (description.startsWith("Unmatched closing ')'")) {
            detail = "unexpected ): `" + regex + "`";
        } else if (description.startsWith("Unclosed character class")) {
            int open = regex.lastIndexOf('[');
            detail = "missing closing ]: `" + (open >= 0 ? regex.substring(open) : regex) + "`";
        } else if (description.startsWith("Dangling meta character")) {
            int index = Math.max(0, Math.min(e.getIndex(), regex.length() - 1));
            detail = "missing argument to repetition operator: `" + regex.charAt(index) + "`";
        } else if (description.contains("escape sequence")) {
            int index = Math.max(0, Math.min(e.getIndex(), regex.length()));
            int start = Math.max(0, regex.lastIndexOf('\\', index));
            detail = "invalid escape sequence: `" + regex.substring(start, Math.min(regex.length(), start + 2)) + "`";
        } else if (description.startsWith("Illegal character range")) {
            detail = "invalid character class range: `" + regex + "`";
        } else if (description.startsWith("Illegal repetition")) {
            detail = "invalid repeat count: `" + regex + "`";
        } else {
            detail = "invalid or unsupported Perl syntax: `" + regex + "`";
        }
        return "error parsing regexp: " + detail;
    }

    private static String posixClass(String name) {
        return switch (name) {
            case "alnum" -> "\\p{Alnum}";
            case "alpha" -> "\\p{Alpha}";
            case "ascii" -> "\\x00-\\x7F";
            case "blank" -> "\\t ";
            case "cntrl" -> "\\p{Cntrl}";
            case "digit" -> "0-9";
            case "graph" -> "\\p{Graph}";
            case "lower" -> "a-z";
            case "print" -> "\\p{Print}";
            case "punct" -> "\\p{Punct}";
            case "space" -> "\\t\\n\\x0B\\f\\r ";
            case "upper" -> "A-Z";
            case "word" -> "\\w";
            case "xdigit" -> "0-9A-Fa-f";
            default -> throw new IllegalArgumentException("invalid character class range: `[:" + name + ":]`");
        };
    }

    private static int skipEscapeArgument(String re, int index, char escape) {
        int i = index;
        if (escape == 'x' || escape == 'p' || escape == 'P') {
            if (i + 1 < re.length() && re.charAt(i + 1) == '{') {
                int end = re.indexOf('}', i + 1);
                return end < 0 ? re.length() - 1 : end;
            }
            return Math.min(i + (escape == 'x' ? 2 : 1), re.length() - 1);
        }
        if (escape >= '0' && escape <= '7') {
            int n = 0;
            while (n < 2 && i + 1 < re.length() && re.charAt(i + 1) >= '0' && re.charAt(i + 1) <= '7') {
                i++;
                n++;
            }
        }
        return i;
    }

    /** The expression as written. */
    public String source() {
        return source;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** Name of each capturing group by index (index 0 is the whole match); empty for unnamed groups. */
    public List<String> groupNames() {
        return groupNames;
    }

    /** Whether the expression matches somewhere in the text (Go's {@code MatchString}). */
    public boolean find(CharSequence text) {
        return pattern.matcher(text).find();
    }

    /**
     * A literal every match must contain, for prefiltering, or null: the longest run of plain characters at the top
     * level of an expression without alternation or case folding.
     */
    public @Nullable String requiredLiteral() {
        String re = source;
        if (re.contains("(?i") || re.contains("\\Q")) {
            return null;
        }
        int depth = 0;
        boolean inClass = false;
        StringBuilder run = new StringBuilder();
        String best = "";
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (inClass) {
                if (c == '\\') {
                    i++;
                } else if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            Character literal = null;
            if (c == '\\' && i + 1 < re.length()) {
                char next = re.charAt(++i);
                i = skipEscapeArgument(re, i, next);
                if ("\\.+*?()|[]{}^$/-\"'` #&~,:;<=>@!%".indexOf(next) >= 0) {
                    literal = next;
                }
            } else if (c == '|' && depth == 0) {
                return null;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (".^$*+?{}".indexOf(c) < 0) {
                literal = c;
            }
            boolean quantified = i + 1 < re.length() && "*?{".indexOf(re.charAt(i + 1)) >= 0;
            if (literal != null && depth == 0 && !quantified && !Character.isSurrogate(literal)) {
                run.append(literal.charValue());
            } else {
                if (literal != null && re.length() > i + 1 && re.charAt(i + 1) == '+' && depth == 0) {
                    run.append(literal.charValue());
                }
                if (run.length() > best.length()) {
                    best = run.toString();
                }
                run.setLength(0);
            }
        }
        if (run.length() > best.length()) {
            best = run.toString();
        }
        return best.isEmpty() ? null : best;
    }
}
