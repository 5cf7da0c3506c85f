package io.skald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every request {@code logcli} (Loki 3.x {@code pkg/logcli/client}) makes, byte for byte as it builds them: GET, a
 * query string from Go's {@code url.Values.Encode} (keys sorted, {@code QueryEscape}d), times in Unix ns, directions
 * in capitals, {@code match} (not {@code match[]}) for series, {@code User-Agent: loki-logcli/...}, {@code
 * X-Scope-OrgID} and {@code X-Query-Tags}; sent to the gateway of an in-process cluster (three ingesters, RF 3) before
 * any flush, and answered in Loki's shapes.
 */
class LogcliRequestsTest {
    private static final String TENANT = "logcli";
    private static final long SECOND = 1_000_000_000L;
    private static final long START = (System.currentTimeMillis() - 600_000L) * 1_000_000L;
    private static final long END = START + 300 * SECOND;
    private static SkaldCluster cluster;
    private static final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        cluster = SkaldCluster.start(3, Map.of());
        StringBuilder streams = new StringBuilder();
        String[][] labels = {{"api", "prod"}, {"api", "dev"}, {"web", "prod"}};
        for (String[] stream : labels) {
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                values.append(i == 0 ? "" : ",")
                        .append("[\"")
                        .append(START + i * 2L * SECOND)
                        .append("\",\"level=info status=")
                        .append(200 + i % 3)
                        .append(" took=")
                        .append(i)
                        .append("ms msg=\\\"request ")
                        .append(i)
                        .append("\\\"\"]");
            }
            streams.append(streams.isEmpty() ? "" : ",")
                    .append("{\"stream\":{\"app\":\"")
                    .append(stream[0])
                    .append("\",\"env\":\"")
                    .append(stream[1])
                    .append("\"},\"values\":[")
                    .append(values)
                    .append("]}");
        }
        HttpResponse<String> push = http.send(
                HttpRequest.newBuilder(URI.create(cluster.gatewayUrl() + "/loki/api/v1/push"))
                        .header("Content-Type", "application/json")
                        .header("X-Scope-OrgID", TENANT)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"streams\":[" + streams + "]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(push.statusCode()).as(push.body()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void queryRange() throws Exception {
        // logcli query '{app="api"} |= "status=200"' --limit 30 --since ... --forward
        JsonNode data = logcli(
                        "/loki/api/v1/query_range",
                        param("query", "{app=\"api\"} |= \"status=200\""),
                        param("limit", "30"),
                        param("start", Long.toString(START)),
                        param("end", Long.toString(END)),
                        param("direction", "FORWARD"))
                .get("data");
        assertThat(data.get("resultType").asString()).isEqualTo("streams");
        int entries = 0;
        for (JsonNode stream : data.get("result")) {
            assertThat(stream.get("stream").get("app").asString()).isEqualTo("api");
            for (JsonNode value : stream.get("values")) {
                assertThat(value.get(0).isString()).isTrue();
                assertThat(value.get(1).asString()).contains("status=200");
                entries++;
            }
        }
        assertThat(entries).isEqualTo(30);
        JsonNode stats = data.get("stats");
        assertThat(stats.get("summary").get("totalEntriesReturned").asLong()).isEqualTo(30);
        assertThat(stats.get("summary").get("totalLinesProcessed").asLong()).isPositive();
        // Through the frontend the figures are summed over sub-queries (as Loki does): 3 ingesters per sub-query.
        long subqueries = stats.get("summary").get("subqueries").asLong();
        assertThat(subqueries).isPositive();
        assertThat(stats.get("ingester").get("totalReached").asLong()).isEqualTo(3 * subqueries);

        // A metric range query with logcli's float step (seconds).
        JsonNode matrix = logcli(
                        "/loki/api/v1/query_range",
                        param("query", "sum by (env) (count_over_time({app=\"api\"}[1m]))"),
                        param("limit", "30"),
                        param("start", Long.toString(START)),
                        param("end", Long.toString(END)),
                        param("step", "60"),
                        param("direction", "BACKWARD"))
                .get("data");
        assertThat(matrix.get("resultType").asString()).isEqualTo("matrix");
        assertThat(matrix.get("result")).hasSize(2);
    }

    @Test
    void instantQuery() throws Exception {
        JsonNode data = logcli(
                        "/loki/api/v1/query",
                        param("query", "sum(count_over_time({app=~\"api|web\"}[10m]))"),
                        param("limit", "30"),
                        param("time", Long.toString(END)),
                        param("direction", "BACKWARD"))
                .get("data");
        assertThat(data.get("resultType").asString()).isEqualTo("vector");
        assertThat(data.get("result").get(0).get("value").get(1).asString()).isEqualTo("180");
    }

    @Test
    void labelsAndLabelValues() throws Exception {
        JsonNode names =
                logcli("/loki/api/v1/labels", param("start", Long.toString(START)), param("end", Long.toString(END)));
        assertThat(names.get("status").asString()).isEqualTo("success");
        assertThat(names.get("data").toString()).isEqualTo("[\"app\",\"env\"]");

        JsonNode values = logcli(
                "/loki/api/v1/label/env/values",
                param("start", Long.toString(START)),
                param("end", Long.toString(END)));
        assertThat(values.get("data").toString()).isEqualTo("[\"dev\",\"prod\"]");
    }

    @Test
    void series() throws Exception {
        JsonNode series = logcli(
                "/loki/api/v1/series",
                param("start", Long.toString(START)),
                param("end", Long.toString(END)),
                param("match", "{app=\"api\"}"),
                param("match", "{env=\"prod\"}"));
        assertThat(series.get("data").toString())
                .isEqualTo("[{\"app\":\"api\",\"env\":\"dev\"},{\"app\":\"api\",\"env\":\"prod\"},"
                        + "{\"app\":\"web\",\"env\":\"prod\"}]");
    }

    @Test
    void indexStatsBeforeAnyFlushCountEachReplicatedStreamOnce() throws Exception {
        JsonNode stats = logcli(
                "/loki/api/v1/index/stats",
                param("start", Long.toString(START)),
                param("end", Long.toString(END)),
                param("query", "{app=\"api\"}"));
        assertThat(stats.get("streams").asLong()).isEqualTo(2);
        assertThat(stats.get("chunks").asLong()).isEqualTo(2);
        assertThat(stats.get("entries").asLong()).isEqualTo(120);
        assertThat(stats.get("bytes").asLong()).isPositive();
    }

    @Test
    void volumeAndVolumeRange() throws Exception {
        // logcli volume '{env=~".+"}' --targetLabels=env --aggregateBy=labels is not used here: by series
        JsonNode volume = logcli(
                        "/loki/api/v1/index/volume",
                        param("start", Long.toString(START)),
                        param("end", Long.toString(END)),
                        param("query", "{env=~\".+\"}"),
                        param("limit", "100"),
                        param("targetLabels", "env"))
                .get("data");
        assertThat(volume.get("resultType").asString()).isEqualTo("vector");
        Map<String, Long> bytes = new TreeMap<>();
        for (JsonNode sample : volume.get("result")) {
            bytes.put(
                    sample.get("metric").get("env").asString(),
                    Long.parseLong(sample.get("value").get(1).asString()));
        }
        assertThat(bytes).containsOnlyKeys("dev", "prod");
        // prod holds two streams' lines, dev one: each stream counted once though three ingesters hold it.
        assertThat(bytes.get("prod")).isEqualTo(2 * bytes.get("dev"));

        JsonNode range = logcli(
                        "/loki/api/v1/index/volume_range",
                        param("start", Long.toString(START)),
                        param("end", Long.toString(END)),
                        param("query", "{app=\"api\"}"),
                        param("limit", "100"),
                        param("step", "60"),
                        param("aggregateBy", "labels"))
                .get("data");
        assertThat(range.get("resultType").asString()).isEqualTo("matrix");
        List<String> names = new ArrayList<>();
        range.get("result")
                .forEach(s ->
                        names.add(s.get("metric").propertyNames().iterator().next()));
        assertThat(names).containsExactlyInAnyOrder("app", "env");
    }

    @Test
    void detectedFields() throws Exception {
        JsonNode fields = logcli(
                "/loki/api/v1/detected_fields",
                param("query", "{app=\"web\"}"),
                param("field_limit", "1000"),
                param("line_limit", "100"),
                param("start", Long.toString(START)),
                param("end", Long.toString(END)),
                param("step", "1m0s"));
        Map<String, String> types = new TreeMap<>();
        fields.get("fields")
                .forEach(f -> types.put(f.get("label").asString(), f.get("type").asString()));
        assertThat(types)
                .containsExactlyEntriesOf(
                        new TreeMap<>(Map.of("level", "string", "msg", "string", "status", "int", "took", "duration")));
    }

    private record Param(String name, String value) {}

    private static Param param(String name, String value) {
        return new Param(name, value);
    }

    /** Sends a request as logcli's DefaultClient does and returns the parsed 200 answer. */
    private JsonNode logcli(String path, Param... params) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(cluster.gatewayUrl() + path + "?" + goEncode(params)))
                        .header("User-Agent", "loki-logcli/3.7.6")
                        .header("X-Scope-OrgID", TENANT)
                        .header("X-Query-Tags", "Source=logcli")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** Go's {@code url.Values.Encode}: keys sorted (values of a key in order), each part {@code QueryEscape}d. */
    static String goEncode(Param... params) {
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (Param p : params) {
            sorted.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p.value());
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((name, values) -> {
            for (String value : values) {
                out.append(out.isEmpty() ? "" : "&")
                        .append(queryEscape(name))
                        .append('=')
                        .append(queryEscape(value));
            }
        });
        return out.toString();
    }

    /** Go's {@code url.QueryEscape}: Java's form encoding, except {@code ~} stays and {@code *} is escaped. */
    private static String queryEscape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("*", "%2A")
                .replace("%7E", "~");
    }
}
