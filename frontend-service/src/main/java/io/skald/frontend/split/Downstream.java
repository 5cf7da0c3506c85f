package io.skald.frontend.split;

import io.skald.logql.result.QueryResult;
import java.util.concurrent.CompletableFuture;

/**
 * Whatever answers a query below a middleware: the next middleware, or in the end the queriers (through the
 * scheduler, or an engine in tests). Log queries must answer {@link QueryResult.Streams} holding at most
 * {@code limit} entries, the first ones in {@code direction}; metric queries a {@link QueryResult.Matrix} at the steps
 * of {@code [start, end]}. Failures complete the future exceptionally.
 */
@FunctionalInterface
public interface Downstream {
    CompletableFuture<QueryResult> run(SubQuery query);
}
