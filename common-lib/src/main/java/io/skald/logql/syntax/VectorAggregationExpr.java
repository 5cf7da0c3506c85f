package io.skald.logql.syntax;

/**
 * {@code sum by (app) (expr)}, {@code topk(5, expr)}. {@code parameter} is the k of topk/bottomk and 0 otherwise;
 * {@code grouping} is {@link Grouping#NONE} when none was written.
 */
public record VectorAggregationExpr(VectorOp op, SampleExpr inner, Grouping grouping, int parameter)
        implements SampleExpr {}
