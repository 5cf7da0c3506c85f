package io.skald.index;

import io.skald.labels.Labels;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label matcher as in a LogQL stream selector. An absent label has the empty value, so {@code a!="x"} matches
 * series without {@code a} and {@code a=""} matches only those. Regexes are fully anchored and {@code .} matches
 * newlines, like Prometheus' {@code ^(?s:re)$}; RE2's {@code (?P<name>...)} groups are accepted.
 */
public record Matcher(String name, Type type, String value) {

    /** The four selector operators. */
    public enum Type {
        EQ("="),
        NEQ("!="),
        RE("=~"),
        NRE("!~");

        private final String operator;

        Type(String operator) {
            this.operator = operator;
        }

        public String operator() {
            return operator;
        }
    }

    public Matcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (type == Type.RE || type == Type.NRE) {
            compile(value); // fail at construction, not at query time
        }
    }

    public static Matcher eq(String name, String value) {
        return new Matcher(name, Type.EQ, value);
    }

    public static Matcher neq(String name, String value) {
        return new Matcher(name, Type.NEQ, value);
    }

    public static Matcher re(String name, String regex) {
        return new Matcher(name, Type.RE, regex);
    }

    public static Matcher nre(String name, String regex) {
        return new Matcher(name, Type.NRE, regex);
    }

    /**
     * A predicate over label values, the operator applied; compile once per query and reuse it, since each call
     * compiles the regex anew.
     */
    public Predicate<String> predicate() {
        return switch (type) {
            case EQ -> value::equals;
            case NEQ -> v -> !value.equals(v);
            case RE -> {
                Pattern pattern = compile(value);
                yield v -> pattern.matcher(v).matches();
            }
            case NRE -> {
                Pattern pattern = compile(value);
                yield v -> !pattern.matcher(v).matches();
            }
        };
    }

    /** Whether a label value (empty when the label is absent) satisfies this matcher; compiles on each call. */
    public boolean matches(String labelValue) {
        return predicate().test(labelValue);
    }

    /** Whether a label set satisfies this matcher, an absent label counting as the empty value. */
    public boolean matches(Labels labels) {
        String v = labels.get(name);
        return matches(v == null ? "" : v);
    }

    /** Selector form: {@code name="value"}, {@code name!~"re"}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name).append(type.operator()).append('"');
        Labels.appendEscaped(out, value);
        return out.append('"').toString();
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex.replace("(?P<", "(?<"), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex " + regex + ": " + e.getDescription(), e);
        }
    }
}
