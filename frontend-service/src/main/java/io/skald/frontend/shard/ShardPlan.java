package io.skald.frontend.shard;

import io.skald.logql.syntax.BinaryOp;
import io.skald.logql.syntax.Grouping;
import io.skald.logql.syntax.SampleExpr;

/** How the frontend evaluates a metric query: whole, or as per-shard queries and merges (made by {@link ShardMapper}). */
public sealed interface ShardPlan {

    /** Runs {@code expr} downstream as it is, unsharded. */
    record Whole(SampleExpr expr) implements ShardPlan {}

    /** Runs {@code expr} once per shard and merges series with equal labels step by step with {@code combiner}. */
    record PerShard(SampleExpr expr, Combiner combiner) implements ShardPlan {}

    /** {@code avg}: numerator series divided by the denominator series with the same labels, step by step. */
    record Ratio(ShardPlan numerator, ShardPlan denominator) implements ShardPlan {}

    /** The k highest ({@code top}) or lowest values per step and group, chosen in the frontend over the inner series. */
    record Select(boolean top, int k, Grouping grouping, ShardPlan inner) implements ShardPlan {}

    /** An arithmetic binary operation (one-to-one on identical label sets) over two plans. */
    record Arithmetic(BinaryOp op, ShardPlan left, ShardPlan right) implements ShardPlan {}

    /** A number literal operand of {@link Arithmetic}. */
    record Constant(double value) implements ShardPlan {}

    /** Whether this plan actually runs anything per shard. */
    default boolean isSharded() {
        return switch (this) {
            case Whole w -> false;
            case Constant c -> false;
            case PerShard p -> true;
            case Ratio r -> r.numerator().isSharded() || r.denominator().isSharded();
            case Select s -> s.inner().isSharded();
            case Arithmetic a -> a.left().isSharded() || a.right().isSharded();
        };
    }
}
