package io.skald.logql.log;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Prometheus-style label matcher ({@code name="v"}, {@code name=~"re"}): regular expressions are fully anchored and
 * {@code .} matches newlines, as in Prometheus' {@code FastRegexMatcher}.
 */
public record LabelMatcher(
        MatchType type, String name, String value, @Nullable Pattern regex) {

    /** Builds a matcher; a regex value is compiled (Go syntax). */
    public static LabelMatcher of(MatchType type, String name, String value) {
        Pattern regex = null;
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            GoRegex.compile(value); // reports errors on the expression as written, as Prometheus does
            regex = GoRegex.compile("^(?s:" + value + ")$").pattern();
        }
        return new LabelMatcher(type, name, value, regex);
    }

    /** Whether a value (empty when the label is absent) matches. */
    public boolean matches(String candidate) {
        Pattern p = regex;
        return switch (type) {
            case EQUAL -> candidate.equals(value);
            case NOT_EQUAL -> !candidate.equals(value);
            case REGEX -> p != null && p.matcher(candidate).matches();
            case NOT_REGEX -> p == null || !p.matcher(candidate).matches();
        };
    }
}
