package io.skald.querier;

import io.skald.api.QueryParameters;
import io.skald.api.RequestParams;
import io.skald.chunk.Direction;
import io.skald.config.LimitsConfig;
import io.skald.index.Matcher;
import io.skald.labels.Labels;
import io.skald.limits.Overrides;
import io.skald.logql.engine.QueryEngine;
import io.skald.logql.engine.QueryLimits;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.syntax.Expr;
import io.skald.logql.syntax.LogSelectorExpr;
import io.skald.querier.drilldown.DetectedFields;
import io.skald.querier.drilldown.DetectedLabels;
import io.skald.querier.drilldown.Patterns;
import io.skald.server.LokiHttpException;
import io.skald.tenant.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
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

/**
 * The Logs Drilldown endpoints: {@code detected_fields}, {@code detected_field/<name>/values}, {@code
 * detected_labels} and {@code patterns}. Fields and patterns come from the lines of the request's log query (newest
 * first), as Loki's query frontend samples them; labels from the label API over ingesters and index.
 */
@RestController
@RequestMapping(method = {RequestMethod.GET, RequestMethod.POST})
class DrilldownController {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Duration DEFAULT_SINCE = Duration.ofHours(1);
    private static final Duration DEFAULT_LABELS_SINCE = Duration.ofHours(6);
    /** Loki's {@code line_limit} default for field detection. */
    private static final int DEFAULT_LINE_LIMIT = 100;
    /** Loki's {@code limit} (alias {@code field_limit}) default for field detection. */
    private static final int DEFAULT_FIELD_LIMIT = 1000;

    private static final Set<String> LEVEL_LABELS = Set.of("detected_level", "level", "lvl", "severity");

    private final TenantResolver tenants;
    private final QueryEngine engine;
    private final LabelQueries labels;
    private final Overrides overrides;

    DrilldownController(TenantResolver tenants, LogSource source, LabelQueries labels, Overrides overrides) {
        this.tenants = tenants;
        this.engine = new QueryEngine(new EngineEntrySource(source));
        this.labels = labels;
        this.overrides = overrides;
    }

    @RequestMapping("/loki/api/v1/detected_fields")
    ResponseEntity<byte[]> detectedFields(HttpServletRequest request) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        int fieldLimit = fieldLimit(params);
        List<LogStream> sample = sample(tenant, params, lineLimit(params, tenant));
        List<DetectedFields.Field> fields =
                new DetectedFields(fieldLimit).addAll(sample).fields();
        return json(json -> {
            json.writeStartObject();
            json.writeName("fields");
            json.writeStartArray();
            for (DetectedFields.Field field : fields) {
                json.writeStartObject();
                json.writeStringProperty("label", field.label());
                json.writeStringProperty("type", field.type().json());
                json.writeNumberProperty("cardinality", field.cardinality());
                json.writeName("parsers");
                List<String> parsers = field.parsers();
                if (parsers == null) {
                    json.writeNull();
                } else {
                    json.writeStartArray();
                    parsers.forEach(json::writeString);
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberProperty("limit", fieldLimit);
            json.writeEndObject();
        });
    }

    @RequestMapping("/loki/api/v1/detected_field/{name}/values")
    ResponseEntity<byte[]> detectedFieldValues(HttpServletRequest request, @PathVariable("name") String name) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        int limit = fieldLimit(params);
        List<String> values = DetectedFields.values(sample(tenant, params, lineLimit(params, tenant)), name, limit);
        return json(json -> {
            json.writeStartObject();
            json.writeName("values");
            json.writeStartArray();
            values.forEach(json::writeString);
            json.writeEndArray();
            json.writeNumberProperty("limit", limit);
            json.writeEndObject();
        });
    }

    @RequestMapping("/loki/api/v1/detected_labels")
    ResponseEntity<byte[]> detectedLabels(HttpServletRequest request) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        long end = QueryParameters.parseTime(params.get("end"), "end", nowNanos());
        long start = QueryParameters.parseTime(params.get("start"), "start", end - DEFAULT_LABELS_SINCE.toNanos());
        QueryParameters.checkRange(start, end);
        List<Matcher> matchers = Selectors.optional(params.get("query"));
        Map<String, Set<String>> values = new TreeMap<>();
        for (String name : labels.labelNames(tenant, start, end, matchers)) {
            values.put(name, new HashSet<>(labels.labelValues(tenant, name, start, end, matchers)));
        }
        List<DetectedLabels.Label> detected = DetectedLabels.of(values);
        return json(json -> {
            json.writeStartObject();
            json.writeName("detectedLabels");
            json.writeStartArray();
            for (DetectedLabels.Label label : detected) {
                json.writeStartObject();
                json.writeStringProperty("label", label.label());
                json.writeNumberProperty("cardinality", label.cardinality());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /**
     * Patterns of the query's lines in the range (up to {@code max_entries_limit_per_query} newest lines), counted per
     * {@code step}; see {@link Patterns} for how lines are grouped.
     */
    @RequestMapping("/loki/api/v1/patterns")
    ResponseEntity<byte[]> patterns(HttpServletRequest request) {
        String tenant = tenant(request);
        RequestParams params = params(request);
        long[] range = range(params);
        Duration step = QueryParameters.parseStep(params.get("step"), "step");
        Duration effective = step == null ? QueryParameters.defaultStep(range[0], range[1]) : step;
        QueryParameters.checkStep(effective, range[0], range[1]);
        List<LogStream> lines = sample(tenant, params, limits(tenant).maxEntriesLimitPerQuery());
        Patterns patterns = new Patterns(effective.toNanos());
        for (LogStream stream : lines) {
            for (LogEntry entry : stream.entries()) {
                patterns.add(entry.timestampNanos(), entry.line(), level(stream.labels(), entry));
            }
        }
        List<Patterns.Result> results = patterns.results();
        return json(json -> {
            json.writeStartObject();
            json.writeStringProperty("status", "success");
            json.writeName("data");
            json.writeStartArray();
            for (Patterns.Result result : results) {
                json.writeStartObject();
                json.writeStringProperty("pattern", result.pattern());
                json.writeStringProperty("level", result.level());
                json.writeName("samples");
                json.writeStartArray();
                for (long[] sample : result.samples()) {
                    json.writeStartArray();
                    json.writeNumber(sample[0]);
                    json.writeNumber(sample[1]);
                    json.writeEndArray();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** The newest {@code limit} lines of the request's log query, labels categorised (stream labels apart). */
    private List<LogStream> sample(String tenant, RequestParams params, int limit) {
        long[] range = range(params);
        QueryParameters.checkQueryLength(range[0], range[1], limits(tenant).maxQueryLength());
        String query = params.get("query");
        Expr expr = parse(query == null ? "" : query);
        if (!(expr instanceof LogSelectorExpr selector)) {
            throw new LokiHttpException(400, "only log queries are supported here: " + query);
        }
        QueryResult result = engine.rangeQuery(
                tenant,
                selector,
                range[0],
                range[1],
                QueryParameters.defaultStep(range[0], range[1]),
                new QueryEngine.Options(
                        Direction.BACKWARD,
                        limit,
                        Duration.ZERO,
                        new QueryLimits(limits(tenant).maxQuerySeries()),
                        true));
        return ((QueryResult.Streams) result).streams();
    }

    private static String level(Labels stream, LogEntry entry) {
        for (String name : LEVEL_LABELS) {
            String value = entry.structuredMetadata().get(name);
            if (value == null) {
                value = stream.get(name);
            }
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "unknown";
    }

    private int lineLimit(RequestParams params, String tenant) {
        int limit = positive(params.get("line_limit"), DEFAULT_LINE_LIMIT);
        QueryParameters.checkEntriesLimit(limit, limits(tenant).maxEntriesLimitPerQuery());
        return limit;
    }

    private static int fieldLimit(RequestParams params) {
        String limit = params.get("limit");
        return positive(limit == null || limit.isEmpty() ? params.get("field_limit") : limit, DEFAULT_FIELD_LIMIT);
    }

    /** A positive integer parameter, as Loki's {@code limit} parsing (same error texts). */
    private static int positive(@Nullable String value, int defaultValue) {
        return value == null || value.isEmpty() ? defaultValue : QueryParameters.parseLimit(value);
    }

    private static long[] range(RequestParams params) {
        long end = QueryParameters.parseTime(params.get("end"), "end", nowNanos());
        long start = QueryParameters.parseTime(params.get("start"), "start", end - DEFAULT_SINCE.toNanos());
        QueryParameters.checkRange(start, end);
        return new long[] {start, end};
    }

    private static Expr parse(@Nullable String query) {
        return QueryParameters.parseQuery(query);
    }

    private LimitsConfig limits(String tenants) {
        return overrides.forTenant(MultiTenant.split(tenants).getFirst());
    }

    private String tenant(HttpServletRequest request) {
        return String.join("|", tenants.tenants(request.getHeader(TenantResolver.HEADER)));
    }

    private static RequestParams params(HttpServletRequest request) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> values.put(k, List.of(v)));
        return new RequestParams(values);
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static ResponseEntity<byte[]> json(Consumer<JsonGenerator> body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json =
                JSON.createGenerator(ObjectWriteContext.empty(), (OutputStream) out, JsonEncoding.UTF8)) {
            body.accept(json);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out.toByteArray());
    }
}
