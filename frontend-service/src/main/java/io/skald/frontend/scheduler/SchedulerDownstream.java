package io.skald.frontend.scheduler;

import io.skald.api.QueryStats;
import io.skald.chunk.Direction;
import io.skald.frontend.shard.IndexBytes;
import io.skald.frontend.split.Downstream;
import io.skald.frontend.split.RangeQuery;
import io.skald.frontend.split.SubQuery;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.arrow.ArrowResultCodec;
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
 * for the scheduler, carrying the client's headers and asking for an Apache Arrow answer, which is decoded for merging
 * (a querier that answers JSON is read too). A querier's error status fails the sub-query with the same status and
 * text.
 */
public final class SchedulerDownstream implements Downstream, IndexBytes {
    /** The path every sub-query runs on. */
    public static final String QUERY_RANGE = "/loki/api/v1/query_range";

    /** The path shard sizing asks for index statistics on. */
    public static final String INDEX_STATS = "/loki/api/v1/index/stats";

    private static final NameValue ACCEPT_ARROW = NameValue.newBuilder()
            .setName("Accept")
            .setValue(ArrowResultCodec.MEDIA_TYPE)
            .build();

    private final RequestScope scope;
    private final List<NameValue> headers;
    private final ArrowResultCodec arrow;
    private QueryStats stats = QueryStats.EMPTY;

    /**
     * @param scope the client request the sub-queries belong to
     * @param headers the client's headers the querier needs (tenant, encoding flags)
     * @param arrow decodes the queriers' answers
     */
    public SchedulerDownstream(RequestScope scope, List<NameValue> headers, ArrowResultCodec arrow) {
        this.scope = scope;
        this.headers = headers.stream()
                .filter(h -> !h.getName().equalsIgnoreCase("Accept"))
                .toList();
        this.arrow = arrow;
    }

    @Override
    public CompletableFuture<QueryResult> run(SubQuery sub) {
        return scope.submit(sub.tenant(), request(sub.query())).thenApply(this::decode);
    }

    /** Index statistics as a querier task, for sizing shards; fails with the querier's status on an error. */
    @Override
    public CompletableFuture<Long> bytes(String tenant, String selector, long startNanos, long endNanos) {
        HttpRequest request = HttpRequest.newBuilder()
                .setMethod("GET")
                .setPath(INDEX_STATS)
                .addParams(param("query", selector))
                .addParams(param("start", Long.toString(startNanos)))
                .addParams(param("end", Long.toString(endNanos)))
                .addAllHeaders(headers)
                .build();
        return scope.submit(tenant, request).thenApply(result -> {
            if (result.getStatus() / 100 != 2) {
                throw new LokiHttpException(
                        result.getStatus(),
                        result.getBody().toString(StandardCharsets.UTF_8).strip());
            }
            return QueryResponseDecoder.indexStatsBytes(result.getBody().toByteArray());
        });
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
                .addHeaders(ACCEPT_ARROW)
                .build();
    }

    QueryResult decode(TaskResult result) {
        if (result.getStatus() / 100 != 2) {
            String text = result.getBody().toString(StandardCharsets.UTF_8).strip();
            throw new LokiHttpException(result.getStatus(), text);
        }
        byte[] body = result.getBody().toByteArray();
        for (NameValue header : result.getHeadersList()) {
            if (header.getName().equalsIgnoreCase(QueryStats.HEADER)) {
                add(QueryStats.fromHeader(header.getValue()));
            }
        }
        for (NameValue header : result.getHeadersList()) {
            if (header.getName().equalsIgnoreCase("Content-Type")
                    && header.getValue().startsWith(ArrowResultCodec.MEDIA_TYPE)) {
                return arrow.decode(body);
            }
        }
        return QueryResponseDecoder.decode(body);
    }

    private synchronized void add(QueryStats more) {
        QueryStats.Summary m = more.summary();
        // Each answered task is one sub-query, as Loki's frontend counts them.
        stats = stats.plus(more.withSummary(new QueryStats.Summary(
                m.totalBytesProcessed(),
                m.totalLinesProcessed(),
                m.execTimeSeconds(),
                m.queueTimeSeconds(),
                m.totalEntriesReturned(),
                1)));
    }

    /** The statistics of every sub-query answered so far, added up (cached parts add nothing). */
    public synchronized QueryStats stats() {
        return stats;
    }

    static NameValue param(String name, String value) {
        return NameValue.newBuilder().setName(name).setValue(value).build();
    }
}
