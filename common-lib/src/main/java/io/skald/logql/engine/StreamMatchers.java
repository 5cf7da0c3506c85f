package io.skald.logql.engine;

import io.skald.labels.Labels;
import io.skald.logql.syntax.LabelMatcher;
import io.skald.logql.syntax.Re2;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A stream selector's matchers with their regular expressions compiled once, to test many label sets. */
public final class StreamMatchers {
    private final List<LabelMatcher> matchers;
    private final @Nullable Pattern[] patterns;

    public StreamMatchers(List<LabelMatcher> matchers) {
        this.matchers = List.copyOf(matchers);
        this.patterns = new Pattern[matchers.size()];
        for (int i = 0; i < matchers.size(); i++) {
            LabelMatcher m = matchers.get(i);
            if (m.type().isRegex()) {
                patterns[i] = Re2.compileAnchored(m.value());
            }
        }
    }

    /** Whether every matcher accepts the label set (an absent label matches as the empty string). */
    public boolean matches(Labels labels) {
        for (int i = 0; i < matchers.size(); i++) {
            LabelMatcher m = matchers.get(i);
            String value = labels.get(m.name());
            String v = value == null ? "" : value;
            boolean ok = switch (m.type()) {
                case EQUAL -> m.value().equals(v);
                case NOT_EQUAL -> !m.value().equals(v);
                case REGEX -> match(i, v);
                case NOT_REGEX -> !match(i, v);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private boolean match(int index, String value) {
        Pattern p = patterns[index];
        return p != null && p.matcher(value).matches();
    }

    public List<LabelMatcher> matchers() {
        return new ArrayList<>(matchers);
    }
}
