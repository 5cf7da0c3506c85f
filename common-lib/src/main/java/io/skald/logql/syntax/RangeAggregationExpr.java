package io.skald.logql.syntax;

import org.jspecify.annotations.Nullable;

/**
 * {@code rate({app="a"}[5m])}, {@code quantile_over_time(0.99, {..} | unwrap x [5m]) by (pod)}. {@code parameter} is
 * set only for quantile_over_time; {@code grouping} only where Loki allows it (see {@link RangeOp#allowsGrouping()}).
 */
public record RangeAggregationExpr(
        RangeOp op,
        LogRange range,
        @Nullable Double parameter,
        @Nullable Grouping grouping) implements SampleExpr {}
