package io.skald.logql.log;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A line filter stage ({@code |= != |~ !~ |> !>}, {@code ip()}, {@code or} chains). Substring tests run on the UTF-8
 * bytes; regular expressions get a literal prefilter or a case-insensitive substring fast path when they allow it.
 */
public sealed interface LineFilter extends Stage {

    /** Whether a raw line passes: usable before any label work, e.g. while scanning chunks. */
    boolean test(byte[] line);

    /** Whether the entry's current line passes (reuses the entry's decoded text for regexes). */
    default boolean matches(PipelineEntry entry) {
        return test(entry.line());
    }

    @Override
    default boolean process(PipelineEntry entry) {
        return matches(entry);
    }

    /** {@code |= "text"}: the line contains the text (the empty text matches every line). */
    static LineFilter contains(String text) {
        return new Contains(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code != "text"}. */
    static LineFilter notContains(String text) {
        return not(contains(text));
    }

    /** {@code |~ "re"}: Go regular expression found anywhere in the line. */
    static LineFilter regex(String regex) {
        String literal = caseInsensitiveLiteral(regex);
        if (literal != null) {
            return new ContainsIgnoreCase(literal.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        }
        if (isPlainLiteral(regex)) {
            return contains(regex);
        }
        GoRegex compiled = GoRegex.compile(regex);
        String required = compiled.requiredLiteral();
        return new RegexMatch(compiled, required == null ? null : required.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code !~ "re"}. */
    static LineFilter notRegex(String regex) {
        return not(regex(regex));
    }

    /** {@code |> "pattern"}. */
    static LineFilter pattern(String pattern) {
        return new PatternMatch(LinePattern.parse(pattern));
    }

    /** {@code !> "pattern"}. */
    static LineFilter notPattern(String pattern) {
        return not(pattern(pattern));
    }

    /** {@code |= ip("cidr|range|ip")}: some address in the line is in the range. */
    static LineFilter ip(String pattern) {
        return new IpMatch(IpMatcher.parse(pattern));
    }

    /** {@code != ip("...")}. */
    static LineFilter notIp(String pattern) {
        return not(ip(pattern));
    }

    /** Any of the filters passes ({@code |= "a" or "b"}); a negative chain is {@code not(or(...))}. */
    static LineFilter or(List<LineFilter> filters) {
        return filters.size() == 1 ? filters.get(0) : new Or(List.copyOf(filters));
    }

    static LineFilter not(LineFilter filter) {
        return filter instanceof Not(LineFilter inner) ? inner : new Not(filter);
    }

    private static boolean isPlainLiteral(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            if ("\\.+*?()|[]{}^$".indexOf(regex.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The literal of {@code (?i)literal} when it is ASCII and immune to Unicode folding (no k, s). */
    private static @Nullable String caseInsensitiveLiteral(String regex) {
        if (!regex.startsWith("(?i)")) {
            return null;
        }
        String rest = regex.substring(4);
        if (rest.isEmpty() || !isPlainLiteral(rest)) {
            return null;
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = Character.toLowerCase(rest.charAt(i));
            if (c >= 0x80 || c == 'k' || c == 's') {
                return null;
            }
        }
        return rest;
    }

    /** Line contains the bytes. */
    final class Contains implements LineFilter {
        private final byte[] needle;

        Contains(byte[] needle) {
            this.needle = needle;
        }

        @Override
        public boolean test(byte[] line) {
            return ByteSearch.indexOf(line, needle) >= 0;
        }
    }

    /** Line contains the ASCII text, ignoring case. */
    final class ContainsIgnoreCase implements LineFilter {
        private final byte[] lowerNeedle;

        ContainsIgnoreCase(byte[] lowerNeedle) {
            this.lowerNeedle = lowerNeedle;
        }

        @Override
        public boolean test(byte[] line) {
            return ByteSearch.indexOfIgnoreAsciiCase(line, lowerNeedle) >= 0;
        }
    }

    /** Regular expression found in the line, after a byte prefilter on a literal every match contains. */
    final class RegexMatch implements LineFilter {
        private final GoRegex regex;
        private final byte @Nullable [] requiredLiteral;

        RegexMatch(GoRegex regex, byte @Nullable [] requiredLiteral) {
            this.regex = regex;
            this.requiredLiteral = requiredLiteral;
        }

        @Override
        public boolean test(byte[] line) {
            byte[] literal = requiredLiteral;
            if (literal != null && ByteSearch.indexOf(line, literal) < 0) {
                return false;
            }
            return regex.find(new String(line, StandardCharsets.UTF_8));
        }

        @Override
        public boolean matches(PipelineEntry entry) {
            byte[] literal = requiredLiteral;
            if (literal != null && ByteSearch.indexOf(entry.line(), literal) < 0) {
                return false;
            }
            return regex.find(entry.lineString());
        }
    }

    /** Pattern expression test. */
    record PatternMatch(LinePattern pattern) implements LineFilter {
        @Override
        public boolean test(byte[] line) {
            return pattern.test(line);
        }
    }

    /** An address in the line is in the range. */
    record IpMatch(IpMatcher matcher) implements LineFilter {
        @Override
        public boolean test(byte[] line) {
            return matcher.matchesAnywhere(line);
        }
    }

    /** Any filter passes. */
    record Or(List<LineFilter> filters) implements LineFilter {
        @Override
        public boolean test(byte[] line) {
            for (LineFilter filter : filters) {
                if (filter.test(line)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean matches(PipelineEntry entry) {
            for (LineFilter filter : filters) {
                if (filter.matches(entry)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The filter fails. */
    record Not(LineFilter filter) implements LineFilter {
        @Override
        public boolean test(byte[] line) {
            return !filter.test(line);
        }

        @Override
        public boolean matches(PipelineEntry entry) {
            return !filter.matches(entry);
        }
    }
}
