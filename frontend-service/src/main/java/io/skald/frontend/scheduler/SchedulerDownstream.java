package io.skald.frontend.scheduler;

import io.skald.chunk.Direction;
import io.skald.frontend.split.Downstream;
import io.skald.frontend.split.RangeQuery;
import io.skald.frontend.split.SubQuery;
import io.skald.logql.result.QueryResult;
import io.skald.logql.syntax.LogqlPrinter;
import io.skald.proto.scheduler.HttpRequest;
import io.skald.proto.scheduler.NameValue;
import io.skald.proto.scheduler.TaskResult;
import io.skald.server.LokiHttpException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The bottom of the {@code query_range} pipeline: each (split, sharded) sub-query becomes a {@code query_range} task
 * for the scheduler, carrying the client's headers, and the querier's JSON answer is decoded for merging. A querier's
 * error status fails the sub-query with the same status and text.
 */
public final class SchedulerDownstream implements Downstream {
    /** The path every sub-query runs on. */
    public static final String QUERY_RANGE = "/loki/api/v1/query_range";

    private final RequestScope scope;
    private final List<NameValue> headers;

    /**
     * @param scope the client request the sub-queries belong to
     * @param headers the client's headers the querier needs (tenant, encoding flags)
     */
    public SchedulerDownstream(RequestScope scope, List<NameValue> headers) {
        this.scope = scope;
        this.headers = List.copyOf(headers);
    }

    @Override
    public CompletableFuture<QueryResult> run(SubQuery sub) {
        return scope.submit(sub.tenant(), request(sub.query())).thenApply(SchedulerDownstream::decode);
    }

    /** The querier request for one sub-query: the expression in canonical LogQL, times in nanoseconds. */
    HttpRequest request(RangeQuery query) {
        return HttpRequest.newBuilder()
                .setMethod("GET")
                .setPath(QUERY_RANGE)
                .addParams(param("query", LogqlPrinter.print(query.expr())))
                .addParams(param("start", Long.toString(query.startNanos())))
                .addParams(param("end", Long.toString(query.endNanos())))
                .addParams(param(
                        "step",
                        BigDecimal.valueOf(query.step().toNanos(), 9)
                                .stripTrailingZeros()
                                .toPlainString()))
                .addParams(param("limit", Integer.toString(query.limit())))
                .addParams(param("direction", query.direction() == Direction.FORWARD ? "forward" : "backward"))
                .addAllHeaders(headers)
                .build();
    }

    static QueryResult decode(TaskResult result) {
        if (result.getStatus() / 100 != 2) {
            String text = result.getBody().toString(StandardCharsets.UTF_8).strip();
            throw new LokiHttpException(result.getStatus(), text);
        }
        return QueryResponseDecoder.decode(result.getBody().toByteArray());
    }

    static NameValue param(String name, String value) {
        return NameValue.newBuilder().setName(name).setValue(value).build();
    }
}
