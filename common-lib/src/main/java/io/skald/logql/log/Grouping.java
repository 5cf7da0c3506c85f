package io.skald.logql.log;

import java.util.List;

/**
 * The label grouping a metric query pushes into sample extraction: {@code by (a, b)}, {@code without (a)}, or
 * {@code by ()} ({@code noLabels}).
 */
public record Grouping(List<String> labels, boolean without, boolean noLabels) {

    public Grouping {
        labels = List.copyOf(labels);
    }

    /** {@code by (labels)}; an empty list is {@code by ()}. */
    public static Grouping by(List<String> labels) {
        return new Grouping(labels, false, labels.isEmpty());
    }

    /** {@code without (labels)}. */
    public static Grouping without(List<String> labels) {
        return new Grouping(labels, true, false);
    }
}
