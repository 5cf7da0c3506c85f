package io.skald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The thin end-to-end slice through every hop: push via the gateway to the distributor, replicated to three
 * ingesters (RF 3), queried via the gateway, frontend and querier back from the ingesters.
 */
class EndToEndTest {
    private static final String TENANT = "e2e";
    private static final String VOLUME_TENANT = "e2e-volume";
    // Recent data, so the querier asks the ingesters (query_ingesters_within).
    private static final long START = (System.currentTimeMillis() - 600_000L) * 1_000_000L;
    private static SkaldCluster cluster;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        cluster = SkaldCluster.start(3, Map.of());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void pushedLinesComeBackOnceInOrder() throws Exception {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            if (i > 0) {
                values.append(',');
            }
            values.append("[\"")
                    .append(START + i * 1_000_000_000L)
                    .append("\",\"line ")
                    .append(i)
                    .append("\"]");
        }
        String body = "{\"streams\":[{\"stream\":{\"app\":\"e2e\",\"env\":\"test\"},\"values\":[" + values + "]}]}";
        HttpResponse<String> push = http.send(
                HttpRequest.newBuilder(URI.create(cluster.gatewayUrl() + "/loki/api/v1/push"))
                        .header("Content-Type", "application/json")
                        .header("X-Scope-OrgID", TENANT)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(push.statusCode()).as(push.body()).isEqualTo(204);

        JsonNode streams = get(
                        "/loki/api/v1/query_range",
                        Map.of(
                                "query", "{app=\"e2e\"}",
                                "start", Long.toString(START),
                                "end", Long.toString(START + 200_000_000_000L),
                                "limit", "1000",
                                "direction", "forward"))
                .path("data")
                .path("result");
        assertThat(streams).hasSize(1);
        JsonNode entries = streams.get(0).path("values");
        assertThat(entries).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(entries.get(i).get(0).asString()).isEqualTo(Long.toString(START + i * 1_000_000_000L));
            assertThat(entries.get(i).get(1).asString()).isEqualTo("line " + i);
        }

        JsonNode count = get(
                        "/loki/api/v1/query",
                        Map.of(
                                "query",
                                "sum(count_over_time({app=\"e2e\"}[10m]))",
                                "time",
                                Long.toString(START + 300_000_000_000L)))
                .path("data")
                .path("result");
        assertThat(count.get(0).path("value").get(1).asString()).isEqualTo("100");

        JsonNode labels = get(
                        "/loki/api/v1/labels",
                        Map.of("start", Long.toString(START), "end", Long.toString(START + 200_000_000_000L)))
                .path("data");
        assertThat(labels.valueStream().map(JsonNode::asString).toList()).containsExactly("app", "env");
    }

    @Test
    void grafanaHealthCheckAnswersTwo() throws Exception {
        JsonNode result = get("/loki/api/v1/query", Map.of("query", "vector(1)+vector(1)"))
                .path("data");
        assertThat(result.path("resultType").asString()).isEqualTo("vector");
        assertThat(result.path("result").get(0).path("value").get(1).asString()).isEqualTo("2");
    }

    @Test
    void logsVolumePanelAndLogcliStyleRequests() throws Exception {
        String body = "{\"streams\":[{\"stream\":{\"app\":\"vol\",\"level\":\"info\"},\"values\":[[\""
                + START + "\",\"a\"],[\"" + (START + 1_000_000_000L) + "\",\"b\"]]},"
                + "{\"stream\":{\"app\":\"vol\",\"level\":\"error\"},\"values\":[[\"" + START + "\",\"c\"]]}]}";
        HttpResponse<String> push = http.send(
                HttpRequest.newBuilder(URI.create(cluster.gatewayUrl() + "/loki/api/v1/push"))
                        .header("Content-Type", "application/json")
                        .header("X-Scope-OrgID", VOLUME_TENANT)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(push.statusCode()).as(push.body()).isEqualTo(204);
        String start = Long.toString(START - 60_000_000_000L);
        String end = Long.toString(START + 120_000_000_000L);

        // Grafana's logs-volume panel.
        JsonNode volume = get(
                        VOLUME_TENANT,
                        "/loki/api/v1/query_range",
                        Map.of(
                                "query",
                                "sum by (level) (count_over_time({app=\"vol\"}[1m]))",
                                "start",
                                start,
                                "end",
                                end,
                                "step",
                                "60000ms"))
                .path("data");
        assertThat(volume.path("resultType").asString()).isEqualTo("matrix");
        assertThat(volume.path("result")
                        .valueStream()
                        .map(s -> s.path("metric").path("level").asString()))
                .containsExactlyInAnyOrder("error", "info");

        // logcli series and label values.
        JsonNode series = get(
                        VOLUME_TENANT,
                        "/loki/api/v1/series",
                        Map.of("match[]", "{app=\"vol\"}", "start", start, "end", end))
                .path("data");
        assertThat(series).hasSize(2);
        JsonNode levels = get(VOLUME_TENANT, "/loki/api/v1/label/level/values", Map.of("start", start, "end", end))
                .path("data");
        assertThat(levels.valueStream().map(JsonNode::asString).toList()).contains("error", "info");
    }

    private JsonNode get(String path, Map<String, String> params) throws Exception {
        return get(TENANT, path, params);
    }

    private JsonNode get(String tenant, String path, Map<String, String> params) throws Exception {
        StringBuilder query = new StringBuilder();
        for (var entry : params.entrySet()) {
            query.append(query.isEmpty() ? '?' : '&')
                    .append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(cluster.gatewayUrl() + path + query))
                        .header("X-Scope-OrgID", tenant)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
