package io.skald.logql.syntax;

import java.time.Duration;

/**
 * A label filter expression ({@code | status >= 400 and level="error"}). {@code and}, {@code ,} and juxtaposition
 * all build {@link And}; {@code and} binds tighter than {@code or}, as in Loki.
 */
public sealed interface LabelFilter {

    /** Both sides must pass. */
    record And(LabelFilter left, LabelFilter right) implements LabelFilter {}

    /** Either side must pass. */
    record Or(LabelFilter left, LabelFilter right) implements LabelFilter {}

    /** A string comparison {@code name op "value"}; a missing label compares as the empty string. */
    record StringFilter(LabelMatcher matcher) implements LabelFilter {}

    /** {@code name op 12.5}: the label value is parsed as a float. */
    record NumericFilter(String name, ComparisonOp op, double value) implements LabelFilter {}

    /** {@code name op 300ms}: the label value is parsed as a Go duration. */
    record DurationFilter(String name, ComparisonOp op, Duration value) implements LabelFilter {}

    /** {@code name op 20MB}: the label value is parsed as a byte size. */
    record BytesFilter(String name, ComparisonOp op, long value) implements LabelFilter {}

    /** {@code name = ip("10.0.0.0/8")} or {@code !=}: the value is an IP inside (or outside) the pattern. */
    record IpFilter(String name, boolean negated, String pattern) implements LabelFilter {}
}
