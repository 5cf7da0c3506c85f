package io.skald.frontend.split;

import io.skald.logql.engine.QueryEngine;
import io.skald.logql.engine.QueryLimits;
import io.skald.logql.result.QueryResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A {@link Downstream} that evaluates sub-queries with a local {@link QueryEngine} on {@code executor}: for a querier
 * serving sub-queries in process, a single-binary setup, or tests. Build the engine over a
 * {@link io.skald.frontend.shard.ShardFilteringEntrySource} so sharded sub-queries select their shard.
 */
public final class EngineDownstream implements Downstream {
    private final QueryEngine engine;
    private final Executor executor;
    private final QueryLimits limits;

    public EngineDownstream(QueryEngine engine, Executor executor, QueryLimits limits) {
        this.engine = engine;
        this.executor = executor;
        this.limits = limits;
    }

    @Override
    public CompletableFuture<QueryResult> run(SubQuery sub) {
        RangeQuery q = sub.query();
        QueryEngine.Options options = new QueryEngine.Options(q.direction(), q.limit(), limits);
        return CompletableFuture.supplyAsync(
                () -> engine.rangeQuery(sub.tenant(), q.expr(), q.startNanos(), q.endNanos(), q.step(), options),
                executor);
    }
}
