package io.skald.logql.syntax;

import java.util.List;

/**
 * How a binary operation pairs series: {@code on} (match on {@code labels}) or {@code ignoring} (match on all but
 * {@code labels}), the cardinality and the extra {@code include} labels of group_left/group_right.
 */
public record VectorMatching(Cardinality cardinality, boolean on, List<String> labels, List<String> include) {
    /** No modifier written: one-to-one on all labels. */
    public static final VectorMatching DEFAULT =
            new VectorMatching(Cardinality.ONE_TO_ONE, false, List.of(), List.of());

    public VectorMatching {
        labels = List.copyOf(labels);
        include = List.copyOf(include);
    }

    /** Series cardinality between the two sides. */
    public enum Cardinality {
        ONE_TO_ONE,
        /** {@code group_left}. */
        MANY_TO_ONE,
        /** {@code group_right}. */
        ONE_TO_MANY
    }
}
