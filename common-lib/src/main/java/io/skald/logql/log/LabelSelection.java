package io.skald.logql.log;

import org.jspecify.annotations.Nullable;

/** One item of {@code drop}/{@code keep}: a bare label name, or a matcher ({@code level="debug"}). */
public record LabelSelection(String name, @Nullable LabelMatcher matcher) {

    /** A bare name. */
    public static LabelSelection name(String name) {
        return new LabelSelection(name, null);
    }

    /** A matcher on a label's value. */
    public static LabelSelection matching(MatchType type, String name, String value) {
        return new LabelSelection(name, LabelMatcher.of(type, name, value));
    }
}
