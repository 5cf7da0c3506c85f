package io.skald.frontend.shard;

import io.skald.logql.syntax.BinOpExpr;
import io.skald.logql.syntax.BinaryOp;
import io.skald.logql.syntax.LabelReplaceExpr;
import io.skald.logql.syntax.LiteralExpr;
import io.skald.logql.syntax.RangeAggregationExpr;
import io.skald.logql.syntax.SampleExpr;
import io.skald.logql.syntax.VectorAggregationExpr;
import io.skald.logql.syntax.VectorExpr;
import io.skald.logql.syntax.VectorMatching;
import io.skald.logql.syntax.VectorOp;
import org.jspecify.annotations.Nullable;

/**
 * Loki's shard mapping. A range aggregation whose value per series can be combined across disjoint sets of streams
 * ({@code count_over_time rate bytes_over_time bytes_rate sum_over_time} by sum, {@code min_over_time}/
 * {@code max_over_time} by min/max) runs per shard; so do {@code sum count min max} over it (merged by sum, sum, min,
 * max), {@code avg} (as per-shard sum over per-shard count) and {@code topk}/{@code bottomk} (per-shard top k, then top
 * k of those). {@code topk}/{@code bottomk} over any sharded inner plan are evaluated in the frontend; arithmetic binary
 * operations without matching modifiers combine sharded sides. Everything else runs whole.
 *
 * <p>Like Loki's, the mapping assumes series from different shards are distinct: a pipeline that removes the labels
 * telling two streams apart ({@code | drop}, {@code label_format}) can make per-shard partial results collide, which
 * the merge then combines with the leaf's combiner.
 */
public final class ShardMapper {
    private ShardMapper() {}

    /** The plan of a metric query; {@link ShardPlan.Whole} when no part of it shards. */
    public static ShardPlan map(SampleExpr expr) {
        ShardPlan plan = mapPart(expr);
        return plan.isSharded() ? plan : new ShardPlan.Whole(expr);
    }

    private static ShardPlan mapPart(SampleExpr expr) {
        return switch (expr) {
            case RangeAggregationExpr r -> {
                Combiner combiner = leafCombiner(r);
                yield combiner == null ? new ShardPlan.Whole(r) : new ShardPlan.PerShard(r, combiner);
            }
            case VectorAggregationExpr v -> mapVectorAggregation(v);
            case BinOpExpr b -> mapBinary(b);
            case LiteralExpr l -> new ShardPlan.Constant(l.value());
            case VectorExpr v -> new ShardPlan.Whole(v);
            case LabelReplaceExpr l -> new ShardPlan.Whole(l);
        };
    }

    private static ShardPlan mapVectorAggregation(VectorAggregationExpr v) {
        if (v.inner() instanceof RangeAggregationExpr r && leafCombiner(r) != null) {
            Combiner leaf = leafCombiner(r);
            return switch (v.op()) {
                case SUM, COUNT -> new ShardPlan.PerShard(v, Combiner.SUM);
                case MAX -> new ShardPlan.PerShard(v, Combiner.MAX);
                case MIN -> new ShardPlan.PerShard(v, Combiner.MIN);
                case AVG ->
                    new ShardPlan.Ratio(
                            new ShardPlan.PerShard(
                                    new VectorAggregationExpr(VectorOp.SUM, r, v.grouping(), 0), Combiner.SUM),
                            new ShardPlan.PerShard(
                                    new VectorAggregationExpr(VectorOp.COUNT, r, v.grouping(), 0), Combiner.SUM));
                case TOPK, BOTTOMK ->
                    new ShardPlan.Select(
                            v.op() == VectorOp.TOPK, v.parameter(), v.grouping(), new ShardPlan.PerShard(v, leaf));
                case STDDEV, STDVAR, SORT, SORT_DESC -> new ShardPlan.Whole(v);
            };
        }
        if (v.op() == VectorOp.TOPK || v.op() == VectorOp.BOTTOMK) {
            ShardPlan inner = mapPart(v.inner());
            if (inner.isSharded()) {
                return new ShardPlan.Select(v.op() == VectorOp.TOPK, v.parameter(), v.grouping(), inner);
            }
        }
        return new ShardPlan.Whole(v);
    }

    private static ShardPlan mapBinary(BinOpExpr b) {
        if (!isArithmetic(b.op()) || b.returnBool() || !b.matching().equals(VectorMatching.DEFAULT)) {
            return new ShardPlan.Whole(b);
        }
        ShardPlan left = mapPart(b.left());
        ShardPlan right = mapPart(b.right());
        if (!left.isSharded() && !right.isSharded()) {
            return new ShardPlan.Whole(b);
        }
        return new ShardPlan.Arithmetic(b.op(), left, right);
    }

    private static boolean isArithmetic(BinaryOp op) {
        return switch (op) {
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, MODULO, POWER -> true;
            case OR, AND, UNLESS, EQUAL, NOT_EQUAL, GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL -> false;
        };
    }

    /** How a range aggregation's per-shard results combine, or null when it cannot be split across streams. */
    static @Nullable Combiner leafCombiner(RangeAggregationExpr r) {
        return switch (r.op()) {
            case COUNT_OVER_TIME, RATE, BYTES_OVER_TIME, BYTES_RATE, SUM_OVER_TIME -> Combiner.SUM;
            case MIN_OVER_TIME -> Combiner.MIN;
            case MAX_OVER_TIME -> Combiner.MAX;
            case RATE_COUNTER,
                    ABSENT_OVER_TIME,
                    AVG_OVER_TIME,
                    STDVAR_OVER_TIME,
                    STDDEV_OVER_TIME,
                    QUANTILE_OVER_TIME,
                    FIRST_OVER_TIME,
                    LAST_OVER_TIME -> null;
        };
    }
}
