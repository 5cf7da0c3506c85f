package io.skald.frontend;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skald.api.LokiJson;
import io.skald.api.QueryParameters;
import io.skald.api.QueryStats;
import io.skald.api.RequestParams;
import io.skald.chunk.Direction;
import io.skald.frontend.cache.ResultsCache;
import io.skald.frontend.scheduler.RequestScope;
import io.skald.frontend.scheduler.SchedulerDownstream;
import io.skald.frontend.scheduler.TaskSubmitter;
import io.skald.frontend.split.FrontendSettings;
import io.skald.frontend.split.QueryRangeHandler;
import io.skald.frontend.split.RangeQuery;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.arrow.ArrowResultCodec;
import io.skald.logql.syntax.Expr;
import io.skald.logql.syntax.LogSelectorExpr;
import io.skald.proto.scheduler.HttpRequest;
import io.skald.proto.scheduler.NameValue;
import io.skald.proto.scheduler.TaskResult;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The frontend's scheduler path: {@code query_range} through split, results cache, shard, retry and parallelism limit
 * to the scheduler; every other request to the scheduler as it is. Present but {@link #enabled() disabled} when no
 * scheduler is configured.
 */
final class SchedulerFrontend implements AutoCloseable {
    /** Exposed as {@code loki_query_frontend_queries_total{op,user}}: client requests, counted per tenant. */
    static final String QUERIES = "loki.query.frontend.queries";

    private static final Duration DEFAULT_QUERY_SINCE = Duration.ofHours(1);

    private final @Nullable TaskSubmitter submitter;
    private final @Nullable ResultsCache cache;
    private final Function<String, FrontendSettings> settings;
    private final Duration queryTimeout;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ArrowResultCodec arrow = new ArrowResultCodec();

    SchedulerFrontend(
            @Nullable TaskSubmitter submitter,
            @Nullable ResultsCache cache,
            Function<String, FrontendSettings> settings,
            Duration queryTimeout,
            MeterRegistry registry,
            Clock clock) {
        this.submitter = submitter;
        this.cache = cache;
        this.settings = settings;
        this.queryTimeout = queryTimeout;
        this.registry = registry;
        this.clock = clock;
    }

    boolean enabled() {
        return submitter != null;
    }

    Duration queryTimeout() {
        return queryTimeout;
    }

    /** A scope for one client request, ending at {@code query_timeout}. */
    RequestScope scope() {
        return requireSubmitter().scope(clock.instant().plus(queryTimeout));
    }

    void countQuery(String op, String tenant) {
        Counter.builder(QUERIES)
                .description("Total queries sent per tenant.")
                .tag("op", op)
                .tag("user", tenant)
                .register(registry)
                .increment();
    }

    /**
     * A {@code query_range} request of {@code tenant}: validated here (Loki's 400s before anything runs), then split,
     * cached, sharded and run as scheduler tasks; the merged result is encoded as the querier would.
     */
    CompletableFuture<ResponseEntity<byte[]>> queryRange(
            String tenant, RequestParams params, List<NameValue> headers, boolean categorize, RequestScope scope) {
        long now = nowNanos();
        long end = QueryParameters.parseTime(params.get("end"), "end", now);
        long start = QueryParameters.parseTime(params.get("start"), "start", end - DEFAULT_QUERY_SINCE.toNanos());
        int limit = QueryParameters.parseLimit(params.get("limit"));
        QueryParameters.checkRange(start, end);
        Direction direction =
                QueryParameters.parseDirection(params.get("direction")) == QueryParameters.Direction.FORWARD
                        ? Direction.FORWARD
                        : Direction.BACKWARD;
        Duration step = QueryParameters.parseStep(params.get("step"), "step");
        Duration effectiveStep = step == null ? QueryParameters.defaultStep(start, end) : step;
        Expr expr = parse(params.get("query"));
        boolean logQuery = expr instanceof LogSelectorExpr;
        if (!logQuery) {
            QueryParameters.checkStep(effectiveStep, start, end);
        } else if (effectiveStep.isZero() || effectiveStep.isNegative()) {
            // A log query ignores its step, as the querier does.
            effectiveStep = QueryParameters.defaultStep(start, end);
        }
        RangeQuery query = new RangeQuery(expr, start, end, effectiveStep, direction, limit);
        SchedulerDownstream downstream = new SchedulerDownstream(scope, headers, arrow);
        QueryRangeHandler handler = new QueryRangeHandler(downstream, settings, cache, registry, clock);
        long began = System.nanoTime();
        return handler.handle(tenant, query).thenApply(result -> json(result, downstream.stats(), began, categorize));
    }

    /** Any other request, run unsplit on a querier through the scheduler; its answer comes back as it is. */
    CompletableFuture<ResponseEntity<byte[]>> passThrough(String tenant, HttpRequest request, RequestScope scope) {
        return scope.submit(tenant, request).thenApply(SchedulerFrontend::response);
    }

    private static ResponseEntity<byte[]> response(TaskResult result) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(result.getStatus());
        for (NameValue header : result.getHeadersList()) {
            if (header.getName().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                answer.header(HttpHeaders.CONTENT_TYPE, header.getValue());
            }
        }
        return answer.body(result.getBody().toByteArray());
    }

    private static ResponseEntity<byte[]> json(
            QueryResult result, QueryStats subqueries, long beganNanos, boolean categorize) {
        double seconds = (System.nanoTime() - beganNanos) / 1e9;
        long returned = 0;
        switch (result) {
            case QueryResult.Streams streams -> {
                for (LogStream s : streams.streams()) {
                    returned += s.entries().size();
                }
            }
            case QueryResult.Matrix matrix -> returned = matrix.series().size();
            case QueryResult.Vector vector -> returned = vector.samples().size();
            case QueryResult.Scalar scalar -> returned = 1;
        }
        // Processed figures are the sub-queries' sum; time and entries returned are what this request saw.
        QueryStats.Summary sum = subqueries.summary();
        QueryStats stats = subqueries.withSummary(new QueryStats.Summary(
                sum.totalBytesProcessed(),
                sum.totalLinesProcessed(),
                seconds,
                sum.queueTimeSeconds(),
                returned,
                sum.subqueries()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LokiJson.writeQueryResponse(result, stats, categorize, out);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out.toByteArray());
    }

    private static Expr parse(@Nullable String query) {
        return QueryParameters.parseQuery(query);
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private TaskSubmitter requireSubmitter() {
        TaskSubmitter s = submitter;
        if (s == null) {
            throw new IllegalStateException("no query-scheduler configured");
        }
        return s;
    }

    @Override
    public void close() {
        if (submitter != null) {
            submitter.close();
        }
        arrow.close();
    }
}
