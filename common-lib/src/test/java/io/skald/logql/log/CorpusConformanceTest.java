package io.skald.logql.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Replays the log-query cases of the conformance corpus (Loki's recorded answers) through this package's stages: for
 * every {@code query_range} case answering streams, the dataset entries in range are selected, run through the
 * pipeline, limited and grouped like Loki, and compared with the recorded streams. The corpus is read from the
 * classpath ({@code conformance/}, the corpus directory's content) or from the directory in the {@code skald.conformance.dir} property; the test
 * is skipped when neither is present.
 */
class CorpusConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CATEGORIES = List.of(
            "02-line_filter",
            "03-regex_filter",
            "04-pattern_filter",
            "05-parser_json",
            "06-parser_logfmt",
            "07-parser_regexp",
            "08-parser_pattern",
            "09-parser_unpack",
            "10-label_filter",
            "11-line_format",
            "12-label_format",
            "13-drop_keep",
            "14-decolorize",
            "15-error_handling",
            "16-log_limit_direction",
            "01-selector");

    private record Entry(long timestamp, String line, Labels metadata) {}

    private record Stream(Labels labels, List<Entry> entries) {}

    private static @Nullable List<Stream> dataset;

    @BeforeAll
    static void loadDataset() throws IOException {
        try (InputStream in = open("dataset.json.gz")) {
            if (in == null) {
                return;
            }
            JsonNode root = JSON.readTree(new GZIPInputStream(in));
            List<Stream> streams = new ArrayList<>();
            for (JsonNode stream : root.get("streams")) {
                Labels.Builder labels = Labels.builder();
                stream.get("stream")
                        .properties()
                        .forEach(e -> labels.set(e.getKey(), e.getValue().asString()));
                List<Entry> entries = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (JsonNode value : stream.get("values")) {
                    long ts = Long.parseLong(value.get(0).asString());
                    String line = value.get(1).asString();
                    if (!seen.add(ts + "\u0000" + line)) {
                        continue;
                    }
                    Labels.Builder metadata = Labels.builder();
                    if (value.size() > 2) {
                        value.get(2)
                                .properties()
                                .forEach(e ->
                                        metadata.set(e.getKey(), e.getValue().asString()));
                    }
                    entries.add(new Entry(ts, line, metadata.build()));
                }
                streams.add(new Stream(labels.build(), entries));
            }
            dataset = streams;
        }
    }

    private static @Nullable InputStream open(String file) throws IOException {
        for (String root : List.of("/conformance/", "/conformance/corpus/")) {
            InputStream resource = CorpusConformanceTest.class.getResourceAsStream(root + file);
            if (resource != null) {
                return resource;
            }
        }
        String dir = System.getProperty("skald.conformance.dir");
        if (dir == null) {
            return null;
        }
        Path path = Path.of(dir, "corpus", file);
        return Files.exists(path) ? Files.newInputStream(path) : null;
    }

    @Test
    void logQueryCasesMatchLoki() throws IOException {
        Assumptions.assumeTrue(dataset != null, "conformance corpus not available");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String category : CATEGORIES) {
            try (InputStream in = open("cases/" + category + ".json")) {
                if (in == null) {
                    continue;
                }
                for (JsonNode testCase : JSON.readTree(in)) {
                    String failure = check(testCase);
                    if (!"skipped".equals(failure)) {
                        checked++;
                    }
                    if (failure == null) {
                        continue;
                    }
                    if (!failure.equals("skipped")) {
                        failures.add(testCase.get("id").asString() + " "
                                + testCase.get("params").get("query").asString() + "\n    " + failure);
                    }
                }
            }
        }
        failures.forEach(System.out::println);
        System.out.println("corpus log cases: checked " + checked + ", failures " + failures.size());
        assertThat(checked).isGreaterThan(100);
        assertThat(failures).isEmpty();
    }

    private static final java.util.regex.Pattern METRIC = java.util.regex.Pattern.compile(
            "^sum by \\(([^)]*)\\) \\((count_over_time|rate)\\((.*) \\[(\\w+)\\]\\)\\)$");

    /**
     * The {@code sum by (...) (count_over_time|rate(<log query> [range]))} cases: checks the series (label sets from
     * the pipeline) and their values at each evaluation time.
     */
    @Test
    void countMetricCasesMatchLoki() throws IOException {
        Assumptions.assumeTrue(dataset != null, "conformance corpus not available");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String category : CATEGORIES_WITH_METRICS) {
            try (InputStream in = open("cases/" + category + ".json")) {
                if (in == null) {
                    continue;
                }
                for (JsonNode testCase : JSON.readTree(in)) {
                    String query = testCase.get("params").path("query").asString("");
                    java.util.regex.Matcher m = METRIC.matcher(query);
                    if (!m.matches() || testCase.get("expected_status").asInt() != 200) {
                        continue;
                    }
                    checked++;
                    String failure = checkMetric(testCase, m);
                    if (failure != null) {
                        failures.add(testCase.get("id").asString() + " " + query + "\n    " + failure);
                    }
                }
            }
        }
        failures.forEach(System.out::println);
        System.out.println("corpus metric cases: checked " + checked + ", failures " + failures.size());
        assertThat(failures).isEmpty();
        assertThat(checked).isGreaterThan(15);
    }

    private static final java.util.regex.Pattern UNWRAP = java.util.regex.Pattern.compile(
            "^(sum|max) by \\(([^)]*)\\) \\((sum|max)_over_time\\((.*) \\| unwrap (?:(\\w+)\\()?(\\w+)\\)? \\[(\\w+)\\]\\)\\)$");

    /** {@code sum|max by (...) (sum|max_over_time(... | unwrap [conv(]x[)] [range]))}: unwrap conversion and grouping. */
    @Test
    void unwrapMetricCasesMatchLoki() throws IOException {
        Assumptions.assumeTrue(dataset != null, "conformance corpus not available");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String category :
                List.of("05-parser_json", "08-parser_pattern", "15-error_handling", "18-unwrap", "24-instant")) {
            try (InputStream in = open("cases/" + category + ".json")) {
                if (in == null) {
                    continue;
                }
                for (JsonNode testCase : JSON.readTree(in)) {
                    String query = testCase.get("params").path("query").asString("");
                    java.util.regex.Matcher m = UNWRAP.matcher(query);
                    if (!m.matches() || testCase.get("expected_status").asInt() != 200) {
                        continue;
                    }
                    checked++;
                    String failure = checkUnwrap(testCase, m);
                    if (failure != null) {
                        failures.add(testCase.get("id").asString() + " " + query + "\n    " + failure);
                    }
                }
            }
        }
        failures.forEach(System.out::println);
        System.out.println("corpus unwrap cases: checked " + checked + ", failures " + failures.size());
        assertThat(failures).isEmpty();
        assertThat(checked).isGreaterThan(5);
    }

    private static @Nullable String checkUnwrap(JsonNode testCase, java.util.regex.Matcher m) {
        boolean outerSum = m.group(1).equals("sum");
        List<String> by = java.util.Arrays.stream(m.group(2).split(","))
                .map(String::strip)
                .filter(x -> !x.isEmpty())
                .toList();
        boolean innerSum = m.group(3).equals("sum");
        CorpusQueryParser.LogQuery query = CorpusQueryParser.parse(m.group(4));
        SampleExtractor.Conversion conversion = m.group(5) == null
                ? SampleExtractor.Conversion.FLOAT
                : m.group(5).equals("bytes") ? SampleExtractor.Conversion.BYTES : SampleExtractor.Conversion.DURATION;
        SampleExtractor extractor =
                SampleExtractor.unwrap(m.group(6), conversion, query.pipeline().stages(), List.of(), Grouping.by(by));
        long range = step(m.group(7));
        List<Long> times = evaluationTimes(testCase.get("params"));
        record Point(long timestamp, String series, double value) {}
        List<Point> points = new ArrayList<>();
        for (Stream stream : java.util.Objects.requireNonNull(dataset)) {
            if (!query.selector().stream().allMatch(x -> x.matches(valueOrEmpty(stream.labels(), x.name())))) {
                continue;
            }
            SampleExtractor.StreamSampleExtractor streamExtractor = extractor.forStream(stream.labels());
            for (Entry entry : stream.entries()) {
                SampleExtractor.Sample sample =
                        streamExtractor.process(entry.timestamp(), entry.line(), entry.metadata());
                if (sample != null) {
                    points.add(new Point(
                            entry.timestamp(), sample.labels().labels().toString(), sample.value()));
                }
            }
        }
        Map<String, List<String>> actual = new TreeMap<>();
        for (long t : times) {
            Map<String, Double> values = new TreeMap<>();
            for (Point point : points) {
                if (point.timestamp() > t - range && point.timestamp() <= t) {
                    values.merge(point.series(), point.value(), innerSum && outerSum ? Double::sum : Math::max);
                }
            }
            values.forEach((series, value) -> actual.computeIfAbsent(series, k -> new ArrayList<>())
                    .add(t / 1_000_000_000L + "=" + number(value)));
        }
        return compareMatrix(testCase, actual);
    }

    private static List<Long> evaluationTimes(JsonNode params) {
        List<Long> times = new ArrayList<>();
        if (params.has("time")) {
            times.add(time(params.get("time").asString()));
            return times;
        }
        long start = time(params.get("start").asString());
        long end = time(params.get("end").asString());
        long step = params.has("step")
                ? step(params.get("step").asString())
                : Math.max((end - start) / 250_000_000_000L, 1) * 1_000_000_000L;
        start -= Math.floorMod(start, step);
        end += Math.floorMod(-end, step);
        for (long t = start; t <= end; t += step) {
            times.add(t);
        }
        return times;
    }

    private static @Nullable String compareMatrix(JsonNode testCase, Map<String, List<String>> actual) {
        Map<String, List<String>> expected = new TreeMap<>();
        JsonNode result = testCase.get("expected_body_normalized").get("data").get("result");
        for (JsonNode series : result) {
            Labels.Builder labels = Labels.builder();
            series.get("metric")
                    .properties()
                    .forEach(e -> labels.set(e.getKey(), e.getValue().asString()));
            List<String> values = new ArrayList<>();
            JsonNode samples = series.has("values")
                    ? series.get("values")
                    : JSON.createArrayNode().add(series.get("value"));
            for (JsonNode sample : samples) {
                values.add(sample.get(0).asLong() + "="
                        + number(Double.parseDouble(sample.get(1).asString())));
            }
            expected.put(labels.build().toString(), values);
        }
        return expected.equals(actual) ? null : describeDifference(expected, actual);
    }

    private static final List<String> CATEGORIES_WITH_METRICS = List.of(
            "05-parser_json",
            "06-parser_logfmt",
            "07-parser_regexp",
            "08-parser_pattern",
            "09-parser_unpack",
            "10-label_filter",
            "12-label_format",
            "13-drop_keep",
            "14-decolorize",
            "15-error_handling",
            "17-range_agg",
            "24-instant");

    private static @Nullable String checkMetric(JsonNode testCase, java.util.regex.Matcher m) {
        List<String> by = java.util.Arrays.stream(m.group(1).split(","))
                .map(String::strip)
                .filter(x -> !x.isEmpty())
                .toList();
        boolean rate = m.group(2).equals("rate");
        CorpusQueryParser.LogQuery query = CorpusQueryParser.parse(m.group(3));
        long range;
        try {
            range = io.skald.logql.log.golang.GoDuration.parse(m.group(4));
        } catch (io.skald.logql.log.golang.GoSyntaxException e) {
            return e.getMessage();
        }
        JsonNode params = testCase.get("params");
        List<Long> times = new ArrayList<>();
        if (params.has("time")) {
            times.add(time(params.get("time").asString()));
        } else {
            long start = time(params.get("start").asString());
            long end = time(params.get("end").asString());
            long step = params.has("step")
                    ? step(params.get("step").asString())
                    : Math.max((end - start) / 250_000_000_000L, 1) * 1_000_000_000L;
            // The query frontend aligns range queries to the step.
            start -= Math.floorMod(start, step);
            end += Math.floorMod(-end, step);
            for (long t = start; t <= end; t += step) {
                times.add(t);
            }
        }
        record Point(long timestamp, String series) {}
        List<Point> points = new ArrayList<>();
        for (Stream stream : java.util.Objects.requireNonNull(dataset)) {
            if (!query.selector().stream().allMatch(x -> x.matches(valueOrEmpty(stream.labels(), x.name())))) {
                continue;
            }
            StreamPipeline pipeline = query.pipeline().forStream(stream.labels());
            for (Entry entry : stream.entries()) {
                ProcessedEntry processed = pipeline.process(entry.timestamp(), entry.line(), entry.metadata());
                if (processed != null) {
                    Labels.Builder series = Labels.builder();
                    for (String name : by) {
                        String value = processed.labels().labels().get(name);
                        if (value != null && !value.isEmpty()) {
                            series.set(name, value);
                        }
                    }
                    points.add(new Point(entry.timestamp(), series.build().toString()));
                }
            }
        }
        Map<String, List<String>> actual = new TreeMap<>();
        for (long t : times) {
            Map<String, Integer> counts = new TreeMap<>();
            for (Point point : points) {
                if (point.timestamp() > t - range && point.timestamp() <= t) {
                    counts.merge(point.series(), 1, Integer::sum);
                }
            }
            counts.forEach((series, count) -> actual.computeIfAbsent(series, k -> new ArrayList<>())
                    .add(t / 1_000_000_000L + "=" + number(rate ? count / (range / 1e9) : count)));
        }
        Map<String, List<String>> expected = new TreeMap<>();
        JsonNode result = testCase.get("expected_body_normalized").get("data").get("result");
        for (JsonNode series : result) {
            Labels.Builder labels = Labels.builder();
            series.get("metric")
                    .properties()
                    .forEach(e -> labels.set(e.getKey(), e.getValue().asString()));
            List<String> values = new ArrayList<>();
            JsonNode samples = series.has("values")
                    ? series.get("values")
                    : JSON.createArrayNode().add(series.get("value"));
            for (JsonNode sample : samples) {
                values.add(sample.get(0).asLong() + "="
                        + number(Double.parseDouble(sample.get(1).asString())));
            }
            expected.put(labels.build().toString(), values);
        }
        return expected.equals(actual) ? null : describeDifference(expected, actual);
    }

    private static String number(double value) {
        return String.format(java.util.Locale.ROOT, "%.9g", value);
    }

    private static long step(String value) {
        if (value.matches("[0-9.]+")) {
            return new BigDecimal(value).movePointRight(9).longValue();
        }
        try {
            return io.skald.logql.log.golang.GoDuration.parse(value);
        } catch (io.skald.logql.log.golang.GoSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Null when the case matches, "skipped" when it is not a log query of a stream result, else the difference. */
    private static @Nullable String check(JsonNode testCase) {
        JsonNode params = testCase.get("params");
        if (!testCase.get("endpoint").asString().endsWith("/query_range")
                || testCase.get("expected_status").asInt() != 200) {
            return "skipped";
        }
        JsonNode body = testCase.get("expected_body_normalized");
        if (!"streams".equals(body.path("data").path("resultType").asString(""))) {
            return "skipped";
        }
        CorpusQueryParser.LogQuery query;
        try {
            query = CorpusQueryParser.parse(params.get("query").asString());
        } catch (RuntimeException e) {
            return "cannot build pipeline: " + e;
        }
        long start = time(params.get("start").asString());
        long end = time(params.get("end").asString());
        int limit = params.has("limit") ? params.get("limit").asInt() : 100;
        boolean forward =
                params.has("direction") && params.get("direction").asString().equalsIgnoreCase("forward");

        record Out(long timestamp, int order, String line, Labels labels, String stream) {}
        List<Out> out = new ArrayList<>();
        int order = 0;
        for (Stream stream : java.util.Objects.requireNonNull(dataset)) {
            if (!query.selector().stream().allMatch(m -> m.matches(valueOrEmpty(stream.labels(), m.name())))) {
                continue;
            }
            StreamPipeline pipeline = query.pipeline().forStream(stream.labels());
            for (Entry entry : stream.entries()) {
                order++;
                if (entry.timestamp() < start || entry.timestamp() >= end) {
                    continue;
                }
                ProcessedEntry processed = pipeline.process(entry.timestamp(), entry.line(), entry.metadata());
                if (processed != null) {
                    out.add(new Out(
                            entry.timestamp(),
                            order,
                            processed.lineString(),
                            processed.labels().labels(),
                            stream.labels().toString()));
                }
            }
        }
        // Loki breaks timestamp ties between streams by their labels, in both directions.
        Comparator<Out> byTime = forward
                ? Comparator.comparingLong(Out::timestamp)
                : Comparator.comparingLong(Out::timestamp).reversed();
        Comparator<Out> ranking =
                byTime.thenComparing(Out::stream).thenComparingInt(o -> forward ? o.order() : -o.order());
        out.sort(ranking);
        List<Out> limited = out.subList(0, Math.min(limit, out.size()));
        Map<String, List<String>> actual = new TreeMap<>();
        for (Out o : limited) {
            actual.computeIfAbsent(o.labels().toString(), k -> new ArrayList<>())
                    .add(o.timestamp() + " " + o.line());
        }
        Map<String, List<String>> expected = new TreeMap<>();
        for (JsonNode stream : body.get("data").get("result")) {
            Labels.Builder labels = Labels.builder();
            stream.get("stream")
                    .properties()
                    .forEach(e -> labels.set(e.getKey(), e.getValue().asString()));
            List<String> values = new ArrayList<>();
            for (JsonNode value : stream.get("values")) {
                values.add(value.get(0).asString() + " " + value.get(1).asString());
            }
            expected.put(labels.build().toString(), values);
        }
        if (expected.equals(actual)) {
            return null;
        }
        return describeDifference(expected, actual);
    }

    private static String describeDifference(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        Map<String, String> diffs = new LinkedHashMap<>();
        for (String key : expected.keySet()) {
            if (!actual.containsKey(key)) {
                diffs.put("missing stream", key + " " + first(expected.get(key)));
            } else if (!expected.get(key).equals(actual.get(key))) {
                diffs.put(
                        "values differ",
                        key + "\n      expected " + expected.get(key).size() + " " + first(expected.get(key))
                                + "\n      actual   " + actual.get(key).size() + " " + first(actual.get(key)));
            }
        }
        for (String key : actual.keySet()) {
            if (!expected.containsKey(key)) {
                diffs.put("extra stream", key + " " + first(actual.get(key)));
            }
        }
        List<String> expectedTimes = new ArrayList<>();
        expected.values().forEach(v -> v.forEach(x -> expectedTimes.add(x.substring(0, Math.min(19, x.length())))));
        List<String> actualTimes = new ArrayList<>();
        actual.values().forEach(v -> v.forEach(x -> actualTimes.add(x.substring(0, Math.min(19, x.length())))));
        expectedTimes.sort(null);
        actualTimes.sort(null);
        return diffs + "\n    expected times " + expectedTimes + "\n    actual times   " + actualTimes;
    }

    private static String first(@Nullable List<String> values) {
        if (values == null || values.isEmpty()) {
            return "-";
        }
        String v = values.get(0);
        return v.length() > 300 ? v.substring(0, 300) + "..." : v;
    }

    private static String valueOrEmpty(Labels labels, String name) {
        String value = labels.get(name);
        return value == null ? "" : value;
    }

    /** Loki's query time parameter: float seconds, integer seconds (up to 10 digits) or nanoseconds, RFC 3339. */
    private static long time(String value) {
        if (value.contains(".") && !value.contains("T")) {
            BigDecimal seconds = new BigDecimal(value);
            return seconds.movePointRight(9).longValue();
        }
        if (value.matches("-?[0-9]+")) {
            long n = Long.parseLong(value);
            return value.length() <= 10 ? n * 1_000_000_000L : n;
        }
        Instant instant = Instant.parse(value);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
