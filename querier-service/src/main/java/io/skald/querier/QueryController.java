package io.skald.querier;

import io.skald.api.LokiJson;
import io.skald.api.QueryParameters;
import io.skald.api.QueryStats;
import io.skald.api.RequestParams;
import io.skald.chunk.Direction;
import io.skald.config.LimitsConfig;
import io.skald.index.IndexStats;
import io.skald.index.Matcher;
import io.skald.index.Volume;
import io.skald.index.VolumeAggregation;
import io.skald.labels.Labels;
import io.skald.limits.Overrides;
import io.skald.logql.engine.QueryEngine;
import io.skald.logql.engine.QueryLimits;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.arrow.ArrowResultCodec;
import io.skald.logql.syntax.Expr;
import io.skald.logql.syntax.LogSelectorExpr;
import io.skald.logql.syntax.LogqlPrinter;
import io.skald.server.LokiHttpException;
import io.skald.tenant.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** Loki's query HTTP API over the querier's data: queries, labels, series, index stats and volume. */
@RestController
@RequestMapping(method = {RequestMethod.GET, RequestMethod.POST})
class QueryController {
    private static final JsonFactory JSON = new JsonFactory();
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Duration DEFAULT_QUERY_SINCE = Duration.ofHours(1);
    private static final Duration DEFAULT_LABELS_SINCE = Duration.ofHours(6);
    private static final String ENCODING_FLAGS_HEADER = "X-Loki-Response-Encoding-Flags";

    private final TenantResolver tenants;
    private final ArrowResultCodec arrow;
    private final QueryEngine engine;
    private final LabelQueries labels;
    private final StatsQueries statistics;
    private final Overrides overrides;

    QueryController(
            TenantResolver tenants,
            LogSource source,
            LabelQueries labels,
            StatsQueries statistics,
            Overrides overrides,
            ArrowResultCodec arrow) {
        this.tenants = tenants;
        this.arrow = arrow;
        this.engine = new QueryEngine(new EngineEntrySource(source));
        this.labels = labels;
        this.statistics = statistics;
        this.overrides = overrides;
    }

    @RequestMapping("/loki/api/v1/query_range")
    ResponseEntity<byte[]> queryRange(HttpServletRequest request) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        long now = nowNanos();
        long end = QueryParameters.parseTime(params.get("end"), "end", now);
        long start = QueryParameters.parseTime(params.get("start"), "start", end - DEFAULT_QUERY_SINCE.toNanos());
        int limit = QueryParameters.parseLimit(params.get("limit"));
        QueryParameters.checkRange(start, end);
        Direction direction = direction(params);
        Duration step = QueryParameters.parseStep(params.get("step"), "step");
        Duration effectiveStep = step == null ? QueryParameters.defaultStep(start, end) : step;
        Duration parsedInterval = QueryParameters.parseStep(params.get("interval"), "interval");
        Duration interval = parsedInterval == null ? Duration.ZERO : parsedInterval;
        Expr expr = parse(query(params));
        if (expr instanceof LogSelectorExpr) {
            QueryParameters.checkEntriesLimit(limit, limits(tenant).maxEntriesLimitPerQuery());
        } else {
            QueryParameters.checkStep(effectiveStep, start, end);
        }
        QueryParameters.checkQueryLength(start, end, limits(tenant).maxQueryLength());
        boolean categorize = categorize(request);
        QueryStatistics collected = new QueryStatistics();
        long began = System.nanoTime();
        QueryResult result = collected.during(() -> engine.rangeQuery(
                tenant, expr, start, end, effectiveStep, options(tenant, direction, limit, interval, categorize)));
        QueryStats stats = stats(collected, result, began);
        if (acceptsArrow(request)) {
            // A query-frontend merging sub-query results: columns, not JSON, and the statistics in a header.
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(ArrowResultCodec.MEDIA_TYPE))
                    .header(QueryStats.HEADER, stats.toHeader())
                    .body(arrow.encode(result));
        }
        return json(out -> LokiJson.writeQueryResponse(result, stats, categorize, out));
    }

    private static boolean acceptsArrow(HttpServletRequest request) {
        java.util.Enumeration<String> accepts = request.getHeaders(org.springframework.http.HttpHeaders.ACCEPT);
        while (accepts.hasMoreElements()) {
            if (accepts.nextElement().contains(ArrowResultCodec.MEDIA_TYPE)) {
                return true;
            }
        }
        return false;
    }

    @RequestMapping("/loki/api/v1/query")
    ResponseEntity<byte[]> instantQuery(HttpServletRequest request) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        long time = QueryParameters.parseTime(params.get("time"), "time", nowNanos());
        int limit = QueryParameters.parseLimit(params.get("limit"));
        Direction direction = direction(params);
        QueryStatistics collected = new QueryStatistics();
        long began = System.nanoTime();
        QueryResult result = collected.during(() -> engine.instantQuery(
                tenant, query(params), time, options(tenant, direction, limit, Duration.ZERO, categorize(request))));
        QueryStats stats = stats(collected, result, began);
        return json(out -> LokiJson.writeQueryResponse(result, stats, false, out));
    }

    private QueryEngine.Options options(
            String tenant, Direction direction, int limit, Duration interval, boolean categorize) {
        return new QueryEngine.Options(
                direction, limit, interval, new QueryLimits(limits(tenant).maxQuerySeries()), categorize);
    }

    /** The answer's statistics; entries returned are log lines, or series (samples) of a metric query. */
    private static QueryStats stats(QueryStatistics collected, QueryResult result, long beganNanos) {
        double seconds = (System.nanoTime() - beganNanos) / 1e9;
        long returned = switch (result) {
            case QueryResult.Streams s -> QueryEngine.entryCount(s);
            case QueryResult.Matrix m -> m.series().size();
            case QueryResult.Vector v -> v.samples().size();
            case QueryResult.Scalar scalar -> 1;
        };
        return collected.snapshot(seconds, 0, returned);
    }

    @RequestMapping("/api/prom/query")
    ResponseEntity<byte[]> legacyQuery(HttpServletRequest request) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        long now = nowNanos();
        long end = QueryParameters.parseTime(params.get("end"), "end", now);
        long start = QueryParameters.parseTime(params.get("start"), "start", end - DEFAULT_QUERY_SINCE.toNanos());
        int limit = QueryParameters.parseLimit(params.get("limit"));
        QueryParameters.checkRange(start, end);
        Direction direction = direction(params);
        if (!(parse(query(params)) instanceof LogSelectorExpr selector)) {
            throw new LokiHttpException(400, "legacy endpoints only support log queries");
        }
        QueryParameters.checkEntriesLimit(limit, limits(tenant).maxEntriesLimitPerQuery());
        QueryResult.Streams streams = (QueryResult.Streams) engine.rangeQuery(
                tenant,
                selector,
                start,
                end,
                Duration.ofSeconds(1),
                options(tenant, direction, limit, Duration.ZERO, false));
        return json(out -> writeLegacyStreams(streams, out));
    }

    @RequestMapping({"/loki/api/v1/labels", "/loki/api/v1/label", "/api/prom/label"})
    ResponseEntity<byte[]> labelNames(HttpServletRequest request) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        long[] range = labelRange(params);
        List<Matcher> matchers = Selectors.optional(params.get("query"));
        List<String> names = labels.labelNames(tenant, range[0], range[1], matchers);
        return json(out -> LokiJson.writeStringList(names, out));
    }

    @RequestMapping({"/loki/api/v1/label/{name}/values", "/api/prom/label/{name}/values"})
    ResponseEntity<byte[]> labelValues(HttpServletRequest request, @PathVariable("name") String name) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        long[] range = labelRange(params);
        List<Matcher> matchers = Selectors.optional(params.get("query"));
        List<String> values = labels.labelValues(tenant, name, range[0], range[1], matchers);
        return json(out -> LokiJson.writeStringList(values, out));
    }

    @RequestMapping({"/loki/api/v1/series", "/api/prom/series"})
    ResponseEntity<byte[]> series(HttpServletRequest request) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        long[] range = labelRange(params);
        List<List<Matcher>> groups = new ArrayList<>();
        List<String> selectors = new ArrayList<>(params.all("match[]"));
        selectors.addAll(params.all("match"));
        for (String selector : selectors) {
            groups.add(Selectors.toIndex(Selectors.parseMatchers(selector)));
        }
        List<Labels> series = labels.series(tenant, groups, range[0], range[1]);
        if (limits(tenant).maxQuerySeries() > 0
                && series.size() > limits(tenant).maxQuerySeries()) {
            throw new LokiHttpException(
                    400,
                    "maximum number of series (" + limits(tenant).maxQuerySeries()
                            + ") reached for a single query; consider reducing query cardinality by adding more"
                            + " specific stream selectors, reducing the time range, or aggregating results with a"
                            + " metric query");
        }
        return json(out -> LokiJson.writeSeriesList(series, out));
    }

    @RequestMapping("/loki/api/v1/index/stats")
    ResponseEntity<byte[]> indexStats(HttpServletRequest request) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        long[] range = labelRange(params);
        List<Matcher> matchers = Selectors.toIndex(Selectors.parseMatchers(query(params)));
        IndexStats total = statistics.stats(tenant, matchers, range[0], range[1]);
        return json(out -> {
            try (JsonGenerator json = generator(out)) {
                json.writeStartObject();
                json.writeNumberProperty("streams", total.streams());
                json.writeNumberProperty("chunks", total.chunks());
                json.writeNumberProperty("entries", total.entries());
                json.writeNumberProperty("bytes", total.bytes());
                json.writeEndObject();
            }
        });
    }

    @RequestMapping("/loki/api/v1/index/volume")
    ResponseEntity<byte[]> volume(HttpServletRequest request) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        long[] range = labelRange(params);
        VolumeArgs args = volumeArgs(params);
        List<Volume> volumes =
                volumes(tenant, args.matchers, range[0], range[1], args.targets, args.aggregation, args.limit);
        long tsMillis = range[1] / 1_000_000L;
        List<io.skald.logql.result.Sample> samples = new ArrayList<>();
        for (Volume v : volumes) {
            samples.add(new io.skald.logql.result.Sample(
                    volumeMetric(v, args.aggregation), tsMillis - tsMillis % 1000, v.bytes()));
        }
        return json(out -> LokiJson.writeQueryResponse(new QueryResult.Vector(samples), QueryStats.EMPTY, false, out));
    }

    @RequestMapping("/loki/api/v1/index/volume_range")
    ResponseEntity<byte[]> volumeRange(HttpServletRequest request) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        long[] range = labelRange(params);
        Duration step = QueryParameters.parseStep(params.get("step"), "step");
        Duration effective = step == null ? QueryParameters.defaultStep(range[0], range[1]) : step;
        QueryParameters.checkStep(effective, range[0], range[1]);
        VolumeArgs args = volumeArgs(params);
        Map<Labels, List<long[]>> points = new LinkedHashMap<>();
        long stepNanos = effective.toNanos();
        for (long t = range[0]; t < range[1]; t += stepNanos) {
            long through = Math.min(range[1], t + stepNanos);
            for (Volume v : volumes(tenant, args.matchers, t, through, args.targets, args.aggregation, args.limit)) {
                points.computeIfAbsent(volumeMetric(v, args.aggregation), k -> new ArrayList<>())
                        .add(new long[] {t / 1_000_000L, v.bytes()});
            }
        }
        List<io.skald.logql.result.Series> series = new ArrayList<>();
        points.forEach((metric, list) -> {
            long[] ts = new long[list.size()];
            double[] values = new double[list.size()];
            for (int i = 0; i < list.size(); i++) {
                ts[i] = list.get(i)[0];
                values[i] = list.get(i)[1];
            }
            series.add(new io.skald.logql.result.Series(metric, ts, values));
        });
        return json(out -> LokiJson.writeQueryResponse(new QueryResult.Matrix(series), QueryStats.EMPTY, false, out));
    }

    @RequestMapping("/loki/api/v1/format_query")
    ResponseEntity<byte[]> formatQuery(HttpServletRequest request) {
        RequestParams params = params(request);
        String formatted = LogqlPrinter.print(parse(query(params)));
        return json(out -> {
            try (JsonGenerator json = generator(out)) {
                json.writeStartObject();
                json.writeStringProperty("status", "success");
                json.writeStringProperty("data", formatted);
                json.writeEndObject();
            }
        });
    }

    @RequestMapping("/loki/api/v1/drilldown-limits")
    ResponseEntity<byte[]> drilldownLimits(HttpServletRequest request) {
        String tenant = tenant(request);
        return json(out -> {
            try (JsonGenerator json = generator(out)) {
                json.writeStartObject();
                json.writeName("limits");
                json.writeStartObject();
                json.writeNumberProperty(
                        "max_entries_limit_per_query", limits(tenant).maxEntriesLimitPerQuery());
                json.writeNumberProperty("max_query_series", limits(tenant).maxQuerySeries());
                json.writeEndObject();
                // Patterns are answered (computed at query time over sampled lines, see DrilldownController).
                json.writeBooleanProperty("pattern_ingester_enabled", true);
                json.writeEndObject();
            }
        });
    }

    // ---- helpers ----

    private List<Volume> volumes(
            String tenants,
            List<Matcher> matchers,
            long from,
            long through,
            List<String> targets,
            VolumeAggregation aggregation,
            int limit) {
        return statistics.volume(tenants, matchers, from, through, targets, aggregation, limit);
    }

    private record VolumeArgs(List<Matcher> matchers, List<String> targets, VolumeAggregation aggregation, int limit) {}

    private static VolumeArgs volumeArgs(RequestParams params) {
        List<Matcher> matchers = Selectors.toIndex(Selectors.parseMatchers(query(params)));
        String targets = params.get("targetLabels");
        List<String> targetList = targets == null || targets.isBlank()
                ? List.of()
                : Arrays.stream(targets.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
        VolumeAggregation aggregation;
        try {
            String by = params.get("aggregateBy");
            aggregation = VolumeAggregation.parse(by == null ? "" : by);
        } catch (IllegalArgumentException e) {
            throw new LokiHttpException(400, e.getMessage());
        }
        String limitText = params.get("limit");
        int limit = limitText == null || limitText.isEmpty() ? 100 : QueryParameters.parseLimit(limitText);
        return new VolumeArgs(matchers, targetList, aggregation, limit);
    }

    private static Labels volumeMetric(Volume v, VolumeAggregation aggregation) {
        return switch (aggregation) {
            case SERIES -> v.labels();
            case LABELS ->
                v.labels().isEmpty() ? Labels.builder().set(v.name(), "").build() : v.labels();
        };
    }

    private long[] labelRange(RequestParams params) {
        long end = QueryParameters.parseTime(params.get("end"), "end", nowNanos());
        long start = QueryParameters.parseTime(params.get("start"), "start", end - DEFAULT_LABELS_SINCE.toNanos());
        QueryParameters.checkRange(start, end);
        return new long[] {start, end};
    }

    private static Direction direction(RequestParams params) {
        return QueryParameters.parseDirection(params.get("direction")) == QueryParameters.Direction.FORWARD
                ? Direction.FORWARD
                : Direction.BACKWARD;
    }

    private static String query(RequestParams params) {
        String query = params.get("query");
        return query == null ? "" : query;
    }

    private static Expr parse(@Nullable String query) {
        return QueryParameters.parseQuery(query);
    }

    /** The limits of a read: those of its (first) tenant, runtime overrides included. */
    private LimitsConfig limits(String tenants) {
        return overrides.forTenant(MultiTenant.split(tenants).getFirst());
    }

    /** The request's tenants joined by {@code |}; several only for multi-tenant reads. */
    private String tenant(HttpServletRequest request) {
        return String.join("|", tenants.tenants(request.getHeader(TenantResolver.HEADER)));
    }

    private static boolean categorize(HttpServletRequest request) {
        String flags = request.getHeader(ENCODING_FLAGS_HEADER);
        return flags != null && flags.contains("categorize-labels");
    }

    private static RequestParams params(HttpServletRequest request) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> values.put(k, List.of(v)));
        return new RequestParams(values);
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
    }

    private static JsonGenerator generator(java.io.OutputStream out) {
        return JSON.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8);
    }

    private static void writeLegacyStreams(QueryResult.Streams streams, java.io.OutputStream out) {
        try (JsonGenerator json = generator(out)) {
            json.writeStartObject();
            json.writeName("streams");
            json.writeStartArray();
            for (LogStream stream : streams.streams()) {
                json.writeStartObject();
                json.writeStringProperty("labels", stream.labels().toString());
                json.writeName("entries");
                json.writeStartArray();
                for (io.skald.logql.result.LogEntry e : stream.entries()) {
                    json.writeStartObject();
                    Instant ts = Instant.ofEpochSecond(0, e.timestampNanos());
                    json.writeStringProperty("ts", ts.toString());
                    json.writeStringProperty("line", e.line());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private interface BodyWriter {
        void write(java.io.OutputStream out);
    }

    private static ResponseEntity<byte[]> json(BodyWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out.toByteArray());
    }
}
