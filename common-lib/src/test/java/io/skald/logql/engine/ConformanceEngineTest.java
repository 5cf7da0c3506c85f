package io.skald.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.api.LokiJson;
import io.skald.api.QueryParameters;
import io.skald.api.QueryStats;
import io.skald.chunk.Direction;
import io.skald.conformance.Conformance;
import io.skald.labels.Labels;
import io.skald.logql.result.QueryResult;
import io.skald.logql.syntax.Expr;
import io.skald.logql.syntax.LogSelectorExpr;
import io.skald.server.LokiHttpException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * The judge: loads the conformance dataset into an {@link InMemoryEntrySource}, runs every {@code query_range} and
 * {@code query} case of the corpus through {@link QueryEngine} with the HTTP API's parameter parsing and JSON
 * rendering, normalises both sides as {@code conformance_lib.py} does and compares them with Loki's recorded answers.
 */
class ConformanceEngineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "conformance";
    private static final long NOW = 1_767_614_400_000_000_000L;
    private static final int MAX_ENTRIES = 5000;
    private static final Duration MAX_QUERY_LENGTH = Duration.ofHours(721);

    /** Cases where we believe Loki's recorded answer is not what LogQL specifies; each with the reason. */
    private static final Set<String> KNOWN_LOKI_DIFFERENCES = Set.of();

    private static InMemoryEntrySource source = new InMemoryEntrySource();
    private static QueryEngine engine = new QueryEngine(source);

    @BeforeAll
    static void loadDataset() throws IOException {
        source = new InMemoryEntrySource();
        try (InputStream in = new GZIPInputStream(Conformance.resource("conformance/dataset.json.gz"))) {
            Map<?, ?> dataset = (Map<?, ?>) JSON.readValue(in, Object.class);
            for (Object s : (List<?>) dataset.get("streams")) {
                Map<?, ?> stream = (Map<?, ?>) s;
                Labels labels = labels((Map<?, ?>) stream.get("stream"));
                for (Object v : (List<?>) stream.get("values")) {
                    List<?> value = (List<?>) v;
                    Labels metadata = value.size() > 2 ? labels((Map<?, ?>) value.get(2)) : Labels.EMPTY;
                    source.push(TENANT, labels, Long.parseLong((String) value.get(0)), (String) value.get(1), metadata);
                }
            }
        }
        engine = new QueryEngine(source);
    }

    @Test
    void queryCasesMatchLoki() {
        Map<String, int[]> perCategory = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Conformance.Case testCase : Conformance.cases()) {
            String endpoint = testCase.endpoint();
            if (!endpoint.equals("/loki/api/v1/query_range") && !endpoint.equals("/loki/api/v1/query")) {
                continue;
            }
            int[] counts = perCategory.computeIfAbsent(testCase.category(), k -> new int[2]);
            counts[1]++;
            String diff;
            try {
                diff = check(testCase);
            } catch (RuntimeException e) {
                diff = "exception: " + e;
            }
            if (diff == null || KNOWN_LOKI_DIFFERENCES.contains(testCase.id())) {
                counts[0]++;
            } else {
                failures.add(testCase.id() + " " + testCase.params().get("query") + "\n    " + diff);
            }
        }
        StringBuilder report = new StringBuilder("conformance (engine) per category:\n");
        int passed = 0;
        int total = 0;
        for (Map.Entry<String, int[]> e : perCategory.entrySet()) {
            report.append(
                    String.format(Locale.ROOT, "  %-36s %3d/%3d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
            passed += e.getValue()[0];
            total += e.getValue()[1];
        }
        report.append(String.format(Locale.ROOT, "  %-36s %3d/%3d%n", "TOTAL", passed, total));
        System.out.println(report);
        failures.forEach(f -> System.out.println("FAIL " + f));
        assertThat(failures).as(report.toString()).isEmpty();
    }

    /** Null when the case passes, else a description of the differences. */
    private static @Nullable String check(Conformance.Case testCase) {
        int status;
        String body;
        try {
            QueryResult result = run(testCase.endpoint(), testCase.params());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LokiJson.writeQueryResponse(result, QueryStats.EMPTY, false, out);
            status = 200;
            body = out.toString(StandardCharsets.UTF_8);
        } catch (LokiHttpException e) {
            status = e.status();
            body = e.getMessage();
        }
        Object normalized = Conformance.normalize(testCase.endpoint(), status, body, testCase.ordered());
        List<String> diffs = Conformance.check(testCase, status, normalized);
        return diffs.isEmpty() ? null : String.join("\n    ", diffs);
    }

    /** Runs one case as Loki's HTTP API would: parameters, validation, evaluation. */
    private static QueryResult run(String endpoint, Map<?, ?> params) {
        int limit = QueryParameters.parseLimit(param(params, "limit"));
        Direction direction =
                QueryParameters.parseDirection(param(params, "direction")) == QueryParameters.Direction.FORWARD
                        ? Direction.FORWARD
                        : Direction.BACKWARD;
        if (endpoint.endsWith("/query")) {
            long time = QueryParameters.parseTime(param(params, "time"), "time", NOW);
            QueryEngine.Options options = new QueryEngine.Options(direction, limit, QueryLimits.DEFAULTS);
            return engine.instantQuery(TENANT, String.valueOf(params.get("query")), time, options);
        }
        long start = QueryParameters.parseTime(param(params, "start"), "start", NOW - 3_600_000_000_000L);
        long end = QueryParameters.parseTime(param(params, "end"), "end", NOW);
        QueryParameters.checkRange(start, end);
        Duration step = QueryParameters.parseStep(param(params, "step"), "step");
        if (step == null) {
            step = QueryParameters.defaultStep(start, end);
        }
        QueryParameters.checkStep(step, start, end);
        Expr expr = QueryEngine.parse(String.valueOf(params.get("query")));
        if (expr instanceof LogSelectorExpr) {
            QueryParameters.checkEntriesLimit(limit, MAX_ENTRIES);
        }
        QueryParameters.checkQueryLength(start, end, MAX_QUERY_LENGTH);
        Duration interval = QueryParameters.parseStep(param(params, "interval"), "interval");
        QueryEngine.Options options = new QueryEngine.Options(
                direction, limit, interval == null ? Duration.ZERO : interval, QueryLimits.DEFAULTS, false);
        return engine.rangeQuery(TENANT, expr, start, end, step, options);
    }

    private static @Nullable String param(Map<?, ?> params, String name) {
        Object v = params.get(name);
        return v == null ? null : v.toString();
    }

    private static Labels labels(Map<?, ?> map) {
        Labels.Builder b = Labels.builder();
        map.forEach((k, v) -> b.set(String.valueOf(k), String.valueOf(v)));
        return b.build();
    }
}
