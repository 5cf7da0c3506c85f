package io.skald.frontend.split;

import io.skald.chunk.Direction;
import io.skald.logql.syntax.Expr;
import io.skald.logql.syntax.LogSelectorExpr;
import java.time.Duration;

/**
 * A parsed {@code query_range} request: log queries cover {@code [start, end)}, metric queries are evaluated at the
 * steps from {@code start} to {@code end} inclusive. {@code direction} and {@code limit} matter to log queries only.
 */
public record RangeQuery(Expr expr, long startNanos, long endNanos, Duration step, Direction direction, int limit) {
    public RangeQuery {
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("step must be positive: " + step);
        }
    }

    /** Whether this is a log query (a stream selector with its pipeline) rather than a metric query. */
    public boolean isLogQuery() {
        return expr instanceof LogSelectorExpr;
    }

    public long stepNanos() {
        return step.toNanos();
    }

    /** The same query over another time range. */
    public RangeQuery withRange(long start, long end) {
        return new RangeQuery(expr, start, end, step, direction, limit);
    }

    /** Another expression over the same range, step, direction and limit. */
    public RangeQuery withExpr(Expr other) {
        return new RangeQuery(other, startNanos, endNanos, step, direction, limit);
    }
}
