package io.skald.logql.engine;

import io.skald.labels.Labels;
import io.skald.logql.syntax.BinOpExpr;
import io.skald.logql.syntax.LabelReplaceExpr;
import io.skald.logql.syntax.LiteralExpr;
import io.skald.logql.syntax.RangeAggregationExpr;
import io.skald.logql.syntax.RangeOp;
import io.skald.logql.syntax.SampleExpr;
import io.skald.logql.syntax.VectorAggregationExpr;
import io.skald.logql.syntax.VectorExpr;
import io.skald.logql.syntax.VectorOp;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Evaluates a metric expression to its series over all steps of a query. */
final class MetricEvaluator {
    /** Range aggregations whose series may take the grouping of an enclosing {@code sum}, as Loki pushes it down. */
    private static final Set<RangeOp> PUSHDOWN = EnumSet.of(
            RangeOp.COUNT_OVER_TIME, RangeOp.RATE, RangeOp.BYTES_OVER_TIME, RangeOp.BYTES_RATE, RangeOp.SUM_OVER_TIME);

    private final EvalContext ctx;

    MetricEvaluator(EvalContext ctx) {
        this.ctx = ctx;
    }

    List<StepSeries> evaluate(SampleExpr expr) {
        int steps = ctx.steps().length;
        return switch (expr) {
            case RangeAggregationExpr r -> RangeAggregator.evaluate(ctx, r, null);
            case VectorAggregationExpr v -> {
                List<StepSeries> inner;
                if (v.op() == VectorOp.SUM
                        && v.inner() instanceof RangeAggregationExpr r
                        && r.grouping() == null
                        && PUSHDOWN.contains(r.op())) {
                    inner = RangeAggregator.evaluate(ctx, r, v.grouping());
                } else {
                    inner = evaluate(v.inner());
                }
                yield VectorAggregator.aggregate(v.op(), v.grouping(), v.parameter(), inner, steps);
            }
            case BinOpExpr b -> binary(b, steps);
            case LiteralExpr l -> List.of(constant(l.value(), steps));
            case VectorExpr v -> List.of(constant(v.value(), steps));
            case LabelReplaceExpr l -> LabelReplacer.apply(l, evaluate(l.inner()));
        };
    }

    private List<StepSeries> binary(BinOpExpr b, int steps) {
        if (b.right() instanceof LiteralExpr lit && !(b.left() instanceof LiteralExpr)) {
            return BinaryEvaluator.withScalar(b.op(), evaluate(b.left()), lit.value(), false, b.returnBool(), steps);
        }
        if (b.left() instanceof LiteralExpr lit && !(b.right() instanceof LiteralExpr)) {
            return BinaryEvaluator.withScalar(b.op(), evaluate(b.right()), lit.value(), true, b.returnBool(), steps);
        }
        if (b.left() instanceof LiteralExpr l && b.right() instanceof LiteralExpr r) {
            return List.of(constant(b.op().apply(l.value(), r.value()), steps));
        }
        return BinaryEvaluator.vectors(
                b.op(), evaluate(b.left()), evaluate(b.right()), b.returnBool(), b.matching(), steps);
    }

    private static StepSeries constant(double value, int steps) {
        StepSeries s = new StepSeries(Labels.EMPTY, steps);
        for (int i = 0; i < steps; i++) {
            s.set(i, value);
        }
        return s;
    }
}
