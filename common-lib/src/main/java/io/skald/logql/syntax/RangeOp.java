package io.skald.logql.syntax;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Range aggregation functions, with Loki's rules on unwrap and grouping. */
public enum RangeOp {
    COUNT_OVER_TIME(false, true, false),
    RATE(true, true, false),
    RATE_COUNTER(true, false, false),
    BYTES_OVER_TIME(false, true, false),
    BYTES_RATE(false, true, false),
    ABSENT_OVER_TIME(true, true, false),
    AVG_OVER_TIME(true, false, true),
    SUM_OVER_TIME(true, false, false),
    MIN_OVER_TIME(true, false, true),
    MAX_OVER_TIME(true, false, true),
    STDVAR_OVER_TIME(true, false, true),
    STDDEV_OVER_TIME(true, false, true),
    QUANTILE_OVER_TIME(true, false, true),
    FIRST_OVER_TIME(true, false, true),
    LAST_OVER_TIME(true, false, true);

    private final boolean allowsUnwrap;
    private final boolean allowsNoUnwrap;
    private final boolean allowsGrouping;

    RangeOp(boolean allowsUnwrap, boolean allowsNoUnwrap, boolean allowsGrouping) {
        this.allowsUnwrap = allowsUnwrap;
        this.allowsNoUnwrap = allowsNoUnwrap;
        this.allowsGrouping = allowsGrouping;
    }

    /** The LogQL name, e.g. {@code count_over_time}. */
    public String functionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code | unwrap} may feed this aggregation. */
    public boolean allowsUnwrap() {
        return allowsUnwrap;
    }

    /** Whether this aggregation works on plain log lines (no unwrap). */
    public boolean allowsNoUnwrap() {
        return allowsNoUnwrap;
    }

    /** Whether {@code by}/{@code without} may follow the aggregation. */
    public boolean allowsGrouping() {
        return allowsGrouping;
    }

    static @Nullable RangeOp fromName(String lowerCaseName) {
        for (RangeOp op : values()) {
            if (op.functionName().equals(lowerCaseName)) {
                return op;
            }
        }
        return null;
    }
}
