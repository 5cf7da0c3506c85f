package io.skald.ingester;

import io.skald.labels.Labels;
import io.skald.proto.ingester.LabelMatcher;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** A selector's stream matchers compiled once; regular expressions are fully anchored, as in LogQL. */
public record StreamMatchers(List<Matcher> matchers) {

    /** One compiled matcher; a missing label matches as the empty string, as in Prometheus and Loki. */
    public record Matcher(
            String name,
            LabelMatcher.Type type,
            String value,
            @Nullable Pattern pattern) {
        boolean matches(@Nullable String actual) {
            String text = actual == null ? "" : actual;
            return switch (type) {
                case EQ -> text.equals(value);
                case NEQ -> !text.equals(value);
                case RE -> pattern != null && pattern.matcher(text).matches();
                case NRE -> pattern == null || !pattern.matcher(text).matches();
                case UNRECOGNIZED -> false;
            };
        }
    }

    public StreamMatchers {
        matchers = List.copyOf(matchers);
    }

    /**
     * Compiles the request's matchers.
     *
     * @throws IllegalArgumentException for an invalid regular expression or an unknown matcher type
     */
    public static StreamMatchers compile(List<LabelMatcher> protos) {
        return new StreamMatchers(protos.stream().map(StreamMatchers::compile).toList());
    }

    private static Matcher compile(LabelMatcher proto) {
        Pattern pattern = null;
        switch (proto.getType()) {
            case RE, NRE -> {
                try {
                    pattern = Pattern.compile(proto.getValue(), Pattern.DOTALL);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(
                            "invalid regular expression for label " + proto.getName() + ": " + e.getDescription(), e);
                }
            }
            case EQ, NEQ -> {}
            case UNRECOGNIZED ->
                throw new IllegalArgumentException("unknown matcher type for label " + proto.getName());
        }
        return new Matcher(proto.getName(), proto.getType(), proto.getValue(), pattern);
    }

    public boolean matches(Labels labels) {
        for (Matcher matcher : matchers) {
            if (!matcher.matches(labels.get(matcher.name()))) {
                return false;
            }
        }
        return true;
    }
}
