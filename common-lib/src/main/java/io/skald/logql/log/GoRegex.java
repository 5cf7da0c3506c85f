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
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char next = regex.charAt(i + 1);
                if (next == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    int stop = end < 0 ? regex.length() : end + 2;
                    out.append(regex, i, stop);
                    i = stop - 1;
                    continue;
                }
                out.append(c).append(next);
                i++;
                continue;
            }
            if (inClass) {
                if (c == '[' && regex.startsWith("[:", i)) {
                    int end = regex.indexOf(":]", i + 2);
                    if (end > 0) {
                        out.append(posixClass(regex.substring(i + 2, end)));
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
                        out.append(c);
                    } else {
                        names.add("");
                        out.append(c);
                    }
                }
                case '$' -> out.append(multiline ? "$" : "\\z");
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
