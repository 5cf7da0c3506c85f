package io.skald.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.api.LokiJson;
import io.skald.api.QueryParameters;
import io.skald.api.QueryStats;
import io.skald.chunk.Direction;
import io.skald.labels.Labels;
import io.skald.logql.result.QueryResult;
import io.skald.logql.syntax.Expr;
import io.skald.logql.syntax.LogSelectorExpr;
import io.skald.server.LokiHttpException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
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
    private static final double REL_TOL = 1e-9;
    private static final double ABS_TOL = 1e-12;
    private static final int MAX_ENTRIES = 5000;
    private static final Duration MAX_QUERY_LENGTH = Duration.ofHours(721);

    /** Cases where we believe Loki's recorded answer is not what LogQL specifies; each with the reason. */
    private static final Set<String> KNOWN_LOKI_DIFFERENCES = Set.of();

    private static InMemoryEntrySource source = new InMemoryEntrySource();
    private static QueryEngine engine = new QueryEngine(source);

    @BeforeAll
    static void loadDataset() throws IOException {
        source = new InMemoryEntrySource();
        try (InputStream in = new GZIPInputStream(resource("conformance/dataset.json.gz"))) {
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
    void queryCasesMatchLoki() throws IOException {
        Map<String, int[]> perCategory = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Path file : caseFiles()) {
            List<?> cases;
            try (InputStream in = Files.newInputStream(file)) {
                cases = (List<?>) JSON.readValue(in, Object.class);
            }
            for (Object c : cases) {
                Map<?, ?> testCase = (Map<?, ?>) c;
                String endpoint = (String) testCase.get("endpoint");
                if (!endpoint.equals("/loki/api/v1/query_range") && !endpoint.equals("/loki/api/v1/query")) {
                    continue;
                }
                String id = (String) testCase.get("id");
                int[] counts = perCategory.computeIfAbsent(
                        file.getFileName().toString().replace(".json", ""), k -> new int[2]);
                counts[1]++;
                String diff;
                try {
                    diff = check(testCase);
                } catch (RuntimeException e) {
                    diff = "exception: " + e;
                }
                if (diff == null || KNOWN_LOKI_DIFFERENCES.contains(id)) {
                    counts[0]++;
                } else {
                    failures.add(id + " " + ((Map<?, ?>) testCase.get("params")).get("query") + "\n    " + diff);
                }
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
    private static @Nullable String check(Map<?, ?> testCase) {
        Map<?, ?> params = (Map<?, ?>) testCase.get("params");
        int status;
        Object normalized;
        boolean ordered = Boolean.TRUE.equals(testCase.get("ordered"));
        try {
            QueryResult result = run((String) testCase.get("endpoint"), params);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LokiJson.writeQueryResponse(result, QueryStats.EMPTY, false, out);
            status = 200;
            normalized = normalize(JSON.readValue(out.toByteArray(), Object.class), ordered);
        } catch (LokiHttpException e) {
            status = e.status();
            normalized = Map.of("error", e.getMessage().strip());
        }
        int expectedStatus = ((Number) testCase.get("expected_status")).intValue();
        Object expected = testCase.get("expected_body_normalized");
        List<String> diffs = new ArrayList<>();
        if (status != expectedStatus) {
            diffs.add("status: expected " + expectedStatus + ", got " + status);
        }
        Map<?, ?> compare = (Map<?, ?>) testCase.get("compare");
        String prefix = compare == null ? null : (String) compare.get("error_prefix");
        if (prefix != null && normalized instanceof Map<?, ?> n && n.get("error") instanceof String err) {
            if (!err.startsWith(prefix)) {
                diffs.add("$.error: expected a message starting with " + prefix + ", got " + err);
            }
        } else {
            boolean numeric = expected instanceof Map<?, ?> e
                    && e.get("data") instanceof Map<?, ?> d
                    && Set.of("matrix", "vector", "scalar").contains(String.valueOf(d.get("resultType")));
            new Comparison(diffs, numeric).compare(expected, normalized, "$", false);
        }
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

    /** conformance_lib.normalize for a successful answer. */
    @SuppressWarnings("unchecked")
    private static Object normalize(Object doc, boolean ordered) {
        if (doc instanceof Map<?, ?> m && m.get("data") instanceof Map<?, ?> d) {
            Map<String, Object> data = (Map<String, Object>) d;
            data.remove("stats");
            if (data.get("resultType") instanceof String rt && data.get("result") instanceof List<?> r) {
                List<Object> result = (List<Object>) r;
                for (Object s : result) {
                    if (s instanceof Map<?, ?> series) {
                        Map<String, Object> sm = (Map<String, Object>) series;
                        for (String k : List.of("stream", "metric")) {
                            if (sm.get(k) instanceof Map<?, ?> labels) {
                                sm.put(k, new TreeMap<>((Map<String, Object>) labels));
                            }
                        }
                    }
                }
                String key = switch (rt) {
                    case "streams" -> "stream";
                    case "matrix" -> "metric";
                    case "vector" -> ordered ? null : "metric";
                    default -> null;
                };
                if (key != null) {
                    result.sort(Comparator.comparing(s -> labelsKey(((Map<String, Object>) s).get(key))));
                }
            }
        }
        return doc;
    }

    /** Python's {@code json.dumps(sorted(d.items()), ensure_ascii=False)}. */
    private static String labelsKey(@Nullable Object labels) {
        StringBuilder out = new StringBuilder("[");
        if (labels instanceof Map<?, ?> m) {
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                out.append(first ? "" : ", ").append("[");
                quote(out, String.valueOf(e.getKey()));
                out.append(", ");
                quote(out, String.valueOf(e.getValue()));
                out.append("]");
                first = false;
            }
        }
        return out.append("]").toString();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** conformance_lib.compare. */
    private record Comparison(List<String> diffs, boolean numeric) {
        private static final int MAX = 5;

        void compare(@Nullable Object e, @Nullable Object a, String path, boolean inSample) {
            if (diffs.size() >= MAX) {
                return;
            }
            if (inSample) {
                Double ne = num(e);
                Double na = num(a);
                if (ne != null && na != null && (e instanceof String) == (a instanceof String)) {
                    if (!close(ne, na)) {
                        diffs.add(path + ": expected " + e + ", got " + a);
                    }
                    return;
                }
            }
            if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
                for (Map.Entry<?, ?> entry : em.entrySet()) {
                    Object k = entry.getKey();
                    if (!am.containsKey(k)) {
                        diffs.add(path + ": missing key " + k);
                    } else {
                        boolean sample = inSample
                                || (numeric
                                        && ("values".equals(k) || "value".equals(k))
                                        && path.startsWith("$.data.result"));
                        if (numeric
                                && path.equals("$.data")
                                && "result".equals(k)
                                && "scalar".equals(em.get("resultType"))) {
                            sample = true;
                        }
                        compare(entry.getValue(), am.get(k), path + "." + k, sample);
                    }
                    if (diffs.size() >= MAX) {
                        return;
                    }
                }
                for (Object k : am.keySet()) {
                    if (!em.containsKey(k)) {
                        diffs.add(path + ": unexpected key " + k);
                    }
                }
                return;
            }
            if (e instanceof List<?> el && a instanceof List<?> al) {
                if (el.size() != al.size()) {
                    diffs.add(path + ": expected " + el.size() + " items, got " + al.size());
                }
                for (int i = 0; i < Math.min(el.size(), al.size()); i++) {
                    compare(el.get(i), al.get(i), path + "[" + i + "]", inSample);
                    if (diffs.size() >= MAX) {
                        return;
                    }
                }
                if (el.size() != al.size() && diffs.size() < MAX) {
                    Object extra = el.size() > al.size() ? el.get(al.size()) : al.get(el.size());
                    diffs.add(path + ": first " + (el.size() > al.size() ? "missing" : "extra") + " item: "
                            + shorten(String.valueOf(extra)));
                }
                return;
            }
            if (!sameScalar(e, a)) {
                diffs.add(path + ": expected " + shorten(String.valueOf(e)) + ", got " + shorten(String.valueOf(a)));
            }
        }

        private static boolean sameScalar(@Nullable Object e, @Nullable Object a) {
            if (e instanceof Number ne && a instanceof Number na) {
                boolean eInt = !(ne instanceof Double || ne instanceof Float);
                boolean aInt = !(na instanceof Double || na instanceof Float);
                return eInt == aInt && ne.doubleValue() == na.doubleValue();
            }
            return java.util.Objects.equals(e, a);
        }

        private static String shorten(String s) {
            return s.length() <= 160 ? s : s.substring(0, 157) + "...";
        }

        private static @Nullable Double num(@Nullable Object x) {
            if (x instanceof Number n) {
                return n.doubleValue();
            }
            if (x instanceof String s) {
                try {
                    return switch (s) {
                        case "NaN" -> Double.NaN;
                        case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                        case "-Inf" -> Double.NEGATIVE_INFINITY;
                        default -> Double.parseDouble(s);
                    };
                } catch (NumberFormatException ex) {
                    return null;
                }
            }
            return null;
        }

        private static boolean close(double a, double b) {
            if (Double.isNaN(a) && Double.isNaN(b)) {
                return true;
            }
            if (Double.isInfinite(a) || Double.isInfinite(b)) {
                return a == b;
            }
            return Math.abs(a - b) <= Math.max(REL_TOL * Math.max(Math.abs(a), Math.abs(b)), ABS_TOL);
        }
    }

    private static Labels labels(Map<?, ?> map) {
        Labels.Builder b = Labels.builder();
        map.forEach((k, v) -> b.set(String.valueOf(k), String.valueOf(v)));
        return b.build();
    }

    private static InputStream resource(String name) {
        InputStream in = ConformanceEngineTest.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the test classpath");
        }
        return in;
    }

    private static List<Path> caseFiles() throws IOException {
        URL url = ConformanceEngineTest.class.getClassLoader().getResource("conformance/cases");
        if (url == null) {
            throw new IllegalStateException("conformance/cases is not on the test classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
