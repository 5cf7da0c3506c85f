package io.skald.frontend.shard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skald.frontend.split.Downstream;
import io.skald.frontend.split.MatrixMerge;
import io.skald.frontend.split.SubQuery;
import io.skald.labels.Labels;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Series;
import io.skald.logql.shard.StreamShard;
import io.skald.logql.syntax.BinOpExpr;
import io.skald.logql.syntax.BinaryOp;
import io.skald.logql.syntax.Grouping;
import io.skald.logql.syntax.LabelReplaceExpr;
import io.skald.logql.syntax.LiteralExpr;
import io.skald.logql.syntax.LogSelectorExpr;
import io.skald.logql.syntax.LogqlPrinter;
import io.skald.logql.syntax.RangeAggregationExpr;
import io.skald.logql.syntax.SampleExpr;
import io.skald.logql.syntax.VectorAggregationExpr;
import io.skald.logql.syntax.VectorExpr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loki's shard-by middleware: a shardable metric query runs as per-shard queries through {@code next} (each selector
 * narrowed by {@code __stream_shard__}) and the frontend merges them per {@link ShardMapper}'s plan. The shard count
 * comes from the index, as Loki's does: the bytes of the query's selectors over the sub-query's range, at most {@code
 * maxBytesPerShard} per shard, rounded up to a power of two and capped at {@code maxShards}; one shard means the
 * query runs unsharded (each shard re-reads its streams' chunks, so small queries lose by sharding). Without index
 * statistics (none available, or the lookup failed), {@code maxShards}. Log queries and non-shardable metric queries
 * pass through unchanged.
 */
public final class ShardingDownstream implements Downstream {
    /** Exposed as {@code loki_query_frontend_shard_queries_total}: per-shard sub-queries sent downstream. */
    public static final String SHARD_QUERIES = "loki.query.frontend.shard.queries";

    private static final Logger log = LoggerFactory.getLogger(ShardingDownstream.class);

    private final Downstream next;
    private final int maxShards;
    private final long maxBytesPerShard;
    private final @Nullable IndexBytes index;
    private final Counter shardQueries;

    public ShardingDownstream(
            Downstream next, int maxShards, long maxBytesPerShard, @Nullable IndexBytes index, MeterRegistry registry) {
        this.next = next;
        this.maxShards = maxShards;
        this.maxBytesPerShard = maxBytesPerShard;
        this.index = index;
        this.shardQueries = Counter.builder(SHARD_QUERIES)
                .description("Total number of per-shard queries sent downstream")
                .register(registry);
    }

    @Override
    public CompletableFuture<QueryResult> run(SubQuery query) {
        if (maxShards < 2 || !(query.query().expr() instanceof SampleExpr sample)) {
            return next.run(query);
        }
        ShardPlan plan = ShardMapper.map(sample);
        if (!plan.isSharded()) {
            return next.run(query);
        }
        return shardCount(query, sample)
                .thenCompose(shards -> shards < 2
                        ? next.run(query)
                        : evaluate(plan, query, shards).thenApply(MatrixMerge::toMatrix));
    }

    /** The shard count for {@code query}: from its selectors' index bytes, else {@link #maxShards}. */
    CompletableFuture<Integer> shardCount(SubQuery query, SampleExpr expr) {
        IndexBytes stats = index;
        if (stats == null || maxBytesPerShard <= 0) {
            return CompletableFuture.completedFuture(maxShards);
        }
        Set<String> selectors = new TreeSet<>();
        collectSelectors(expr, selectors);
        // A range aggregation reads its range before the first step.
        long start = query.query().startNanos() - maxRangeNanos(expr);
        long end = query.query().endNanos();
        List<CompletableFuture<Long>> parts = new ArrayList<>();
        for (String selector : selectors) {
            parts.add(stats.bytes(query.tenant(), selector, start, end));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    long bytes = 0;
                    for (CompletableFuture<Long> part : parts) {
                        bytes += part.join();
                    }
                    return factor(bytes, maxBytesPerShard, maxShards);
                })
                .exceptionally(e -> {
                    log.debug("index stats for shard sizing failed, using {} shards: {}", maxShards, e.toString());
                    return maxShards;
                });
    }

    /** The stream selectors (matchers only, as index statistics take them) of every range aggregation in {@code e}. */
    private static void collectSelectors(SampleExpr e, Set<String> into) {
        switch (e) {
            case RangeAggregationExpr r ->
                into.add(LogqlPrinter.print(
                        new LogSelectorExpr(r.range().selector().matchers(), List.of())));
            case VectorAggregationExpr v -> collectSelectors(v.inner(), into);
            case BinOpExpr b -> {
                collectSelectors(b.left(), into);
                collectSelectors(b.right(), into);
            }
            case LabelReplaceExpr l -> collectSelectors(l.inner(), into);
            case LiteralExpr l -> {}
            case VectorExpr v -> {}
        }
    }

    /** The longest range plus offset of the range aggregations in {@code e}, in nanoseconds. */
    private static long maxRangeNanos(SampleExpr e) {
        return switch (e) {
            case RangeAggregationExpr r ->
                r.range().range().toNanos() + r.range().offset().toNanos();
            case VectorAggregationExpr v -> maxRangeNanos(v.inner());
            case BinOpExpr b -> Math.max(maxRangeNanos(b.left()), maxRangeNanos(b.right()));
            case LabelReplaceExpr l -> maxRangeNanos(l.inner());
            case LiteralExpr l -> 0;
            case VectorExpr v -> 0;
        };
    }

    /** The power of two of shards holding {@code bytes} at {@code perShard} each, between 1 and {@code max}. */
    static int factor(long bytes, long perShard, int max) {
        long needed = Math.ceilDiv(Math.max(0, bytes), perShard);
        int shards = 1;
        while (shards < needed && shards < max) {
            shards <<= 1;
        }
        return Math.min(shards, max);
    }

    /** Series of a plan's result: labels to step time (ms) to value, labels sorted. */
    private CompletableFuture<Map<Labels, Map<Long, Double>>> evaluate(ShardPlan plan, SubQuery query, int shards) {
        return switch (plan) {
            case ShardPlan.Whole w -> runExpr(query, w.expr()).thenApply(ShardingDownstream::points);
            case ShardPlan.Constant c ->
                CompletableFuture.failedFuture(new IllegalStateException("a constant has no series"));
            case ShardPlan.PerShard p -> runPerShard(query, p, shards);
            case ShardPlan.Ratio r ->
                evaluate(r.numerator(), query, shards)
                        .thenCombine(evaluate(r.denominator(), query, shards), (n, d) -> match(n, d, BinaryOp.DIVIDE));
            case ShardPlan.Select s -> evaluate(s.inner(), query, shards).thenApply(in -> select(s, in));
            case ShardPlan.Arithmetic a -> arithmetic(a, query, shards);
        };
    }

    private CompletableFuture<Map<Labels, Map<Long, Double>>> runPerShard(
            SubQuery query, ShardPlan.PerShard plan, int shards) {
        List<CompletableFuture<QueryResult>> parts = new ArrayList<>(shards);
        for (int i = 0; i < shards; i++) {
            parts.add(runExpr(query, ShardRewriter.withShard(plan.expr(), new StreamShard(i, shards))));
        }
        shardQueries.increment(shards);
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<Labels, Map<Long, Double>> out = new TreeMap<>();
            for (CompletableFuture<QueryResult> part : parts) {
                for (Series s : matrix(part.join()).series()) {
                    Map<Long, Double> byTime = out.computeIfAbsent(s.metric(), k -> new TreeMap<>());
                    for (int i = 0; i < s.size(); i++) {
                        byTime.merge(s.timestampsMillis()[i], s.values()[i], plan.combiner()::combine);
                    }
                }
            }
            return out;
        });
    }

    private CompletableFuture<Map<Labels, Map<Long, Double>>> arithmetic(
            ShardPlan.Arithmetic a, SubQuery query, int shards) {
        if (a.left() instanceof ShardPlan.Constant left) {
            return evaluate(a.right(), query, shards).thenApply(r -> scalar(r, v -> apply(a.op(), left.value(), v)));
        }
        if (a.right() instanceof ShardPlan.Constant right) {
            return evaluate(a.left(), query, shards).thenApply(l -> scalar(l, v -> apply(a.op(), v, right.value())));
        }
        return evaluate(a.left(), query, shards)
                .thenCombine(evaluate(a.right(), query, shards), (l, r) -> match(l, r, a.op()));
    }

    private CompletableFuture<QueryResult> runExpr(SubQuery query, SampleExpr expr) {
        return next.run(query.withQuery(query.query().withExpr(expr)));
    }

    private static QueryResult.Matrix matrix(QueryResult result) {
        if (result instanceof QueryResult.Matrix m) {
            return m;
        }
        throw new IllegalStateException(
                "downstream answered " + result.getClass().getSimpleName() + " to a metric query");
    }

    private static Map<Labels, Map<Long, Double>> points(QueryResult result) {
        Map<Labels, Map<Long, Double>> out = new TreeMap<>();
        for (Series s : matrix(result).series()) {
            Map<Long, Double> byTime = out.computeIfAbsent(s.metric(), k -> new TreeMap<>());
            for (int i = 0; i < s.size(); i++) {
                byTime.put(s.timestampsMillis()[i], s.values()[i]);
            }
        }
        return out;
    }

    /** One-to-one on identical label sets; the result keeps the left side's labels. */
    private static Map<Labels, Map<Long, Double>> match(
            Map<Labels, Map<Long, Double>> left, Map<Labels, Map<Long, Double>> right, BinaryOp op) {
        Map<Labels, Map<Long, Double>> out = new TreeMap<>();
        left.forEach((labels, l) -> {
            Map<Long, Double> r = right.get(labels);
            if (r == null) {
                return;
            }
            Map<Long, Double> values = new TreeMap<>();
            l.forEach((t, lv) -> {
                Double rv = r.get(t);
                if (rv != null) {
                    values.put(t, apply(op, lv, rv));
                }
            });
            if (!values.isEmpty()) {
                out.put(labels, values);
            }
        });
        return out;
    }

    private static Map<Labels, Map<Long, Double>> scalar(
            Map<Labels, Map<Long, Double>> series, java.util.function.DoubleUnaryOperator f) {
        Map<Labels, Map<Long, Double>> out = new TreeMap<>();
        series.forEach((labels, byTime) -> {
            Map<Long, Double> values = new TreeMap<>();
            byTime.forEach((t, v) -> values.put(t, f.applyAsDouble(v)));
            out.put(labels, values);
        });
        return out;
    }

    static double apply(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
            case MODULO -> a % b;
            case POWER -> Math.pow(a, b);
            case OR, AND, UNLESS, EQUAL, NOT_EQUAL, GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL ->
                throw new IllegalArgumentException("not an arithmetic operator: " + op);
        };
    }

    /** topk/bottomk per step and group: the k highest (lowest) values, NaN never selected. */
    private static Map<Labels, Map<Long, Double>> select(ShardPlan.Select plan, Map<Labels, Map<Long, Double>> inner) {
        Map<Long, Map<Labels, List<Map.Entry<Labels, Double>>>> byStepAndGroup = new HashMap<>();
        inner.forEach((labels, byTime) -> {
            Labels group = groupOf(labels, plan.grouping());
            byTime.forEach((t, v) -> {
                if (!Double.isNaN(v)) {
                    byStepAndGroup
                            .computeIfAbsent(t, k -> new HashMap<>())
                            .computeIfAbsent(group, k -> new ArrayList<>())
                            .add(Map.entry(labels, v));
                }
            });
        });
        Comparator<Map.Entry<Labels, Double>> order = Map.Entry.comparingByValue();
        if (plan.top()) {
            order = order.reversed();
        }
        Comparator<Map.Entry<Labels, Double>> withTies = order.thenComparing(Map.Entry.comparingByKey());
        Map<Labels, Map<Long, Double>> out = new TreeMap<>();
        byStepAndGroup.forEach((t, groups) -> groups.values().forEach(candidates -> {
            candidates.sort(withTies);
            for (int i = 0; i < Math.min(plan.k(), candidates.size()); i++) {
                Map.Entry<Labels, Double> e = candidates.get(i);
                out.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).put(t, e.getValue());
            }
        }));
        return out;
    }

    static Labels groupOf(Labels labels, Grouping grouping) {
        Labels.Builder b = Labels.builder();
        if (grouping.without()) {
            labels.forEach(b::set);
            grouping.labels().forEach(b::remove);
        } else {
            for (String name : grouping.labels()) {
                String value = labels.get(name);
                if (value != null && !value.isEmpty()) {
                    b.set(name, value);
                }
            }
        }
        return b.build();
    }
}
