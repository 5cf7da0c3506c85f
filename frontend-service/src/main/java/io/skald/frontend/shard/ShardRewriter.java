package io.skald.frontend.shard;

import io.skald.logql.shard.StreamShard;
import io.skald.logql.syntax.BinOpExpr;
import io.skald.logql.syntax.LabelMatcher;
import io.skald.logql.syntax.LabelReplaceExpr;
import io.skald.logql.syntax.LiteralExpr;
import io.skald.logql.syntax.LogRange;
import io.skald.logql.syntax.LogSelectorExpr;
import io.skald.logql.syntax.RangeAggregationExpr;
import io.skald.logql.syntax.SampleExpr;
import io.skald.logql.syntax.VectorAggregationExpr;
import io.skald.logql.syntax.VectorExpr;
import java.util.ArrayList;
import java.util.List;

/** Adds a shard's {@code __stream_shard__} matcher to every stream selector of an expression. */
public final class ShardRewriter {
    private ShardRewriter() {}

    public static SampleExpr withShard(SampleExpr expr, StreamShard shard) {
        return switch (expr) {
            case RangeAggregationExpr r -> {
                LogRange range = r.range();
                LogRange sharded =
                        new LogRange(withShard(range.selector(), shard), range.range(), range.offset(), range.unwrap());
                yield new RangeAggregationExpr(r.op(), sharded, r.parameter(), r.grouping());
            }
            case VectorAggregationExpr v ->
                new VectorAggregationExpr(v.op(), withShard(v.inner(), shard), v.grouping(), v.parameter());
            case BinOpExpr b ->
                new BinOpExpr(
                        b.op(), withShard(b.left(), shard), withShard(b.right(), shard), b.returnBool(), b.matching());
            case LabelReplaceExpr l ->
                new LabelReplaceExpr(
                        withShard(l.inner(), shard), l.destination(), l.replacement(), l.source(), l.regex());
            case LiteralExpr l -> l;
            case VectorExpr v -> v;
        };
    }

    public static LogSelectorExpr withShard(LogSelectorExpr selector, StreamShard shard) {
        List<LabelMatcher> matchers = new ArrayList<>(selector.matchers().size() + 1);
        for (LabelMatcher m : selector.matchers()) {
            if (!m.name().equals(StreamShard.LABEL)) {
                matchers.add(m);
            }
        }
        matchers.add(shard.matcher());
        return new LogSelectorExpr(matchers, selector.stages());
    }
}
