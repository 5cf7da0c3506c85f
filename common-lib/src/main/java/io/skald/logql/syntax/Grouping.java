package io.skald.logql.syntax;

import java.util.List;

/** {@code by (a, b)} or {@code without (a, b)}. {@code by ()} (and no grouping) aggregates everything into one series. */
public record Grouping(boolean without, List<String> labels) {
    /** No grouping written: for vector aggregations the same as {@code by ()}. */
    public static final Grouping NONE = new Grouping(false, List.of());

    public Grouping {
        labels = List.copyOf(labels);
    }

    /** Whether the aggregation collapses everything into one label-less series. */
    public boolean isSingleton() {
        return !without && labels.isEmpty();
    }
}
