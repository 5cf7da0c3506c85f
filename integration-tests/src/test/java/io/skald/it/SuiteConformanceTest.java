package io.skald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.conformance.Conformance;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The judge, end to end: the conformance dataset pushed through the gateway into a cluster of three ingesters, every
 * case of the corpus sent through the gateway, and each answer compared with Grafana Loki 3.7.6's — before the
 * ingesters flush (data served from their memory) and after (from chunks and index files in the store).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteConformanceTest {
    private static SkaldCluster cluster;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        cluster = SkaldCluster.start(
                3,
                Map.of(
                        "querier.query_ingesters_within", "0s",
                        "query_range.cache_results", "false"));
        HttpResponse<String> push = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(cluster.gatewayUrl() + "/loki/api/v1/push"))
                                .header("Content-Type", "application/json")
                                .header("X-Scope-OrgID", Conformance.TENANT)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(Conformance.datasetJson()))
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
    @Order(1)
    void everyCaseBeforeFlush() throws Exception {
        assertThat(failures(c -> true)).isEmpty();
    }

    @Test
    @Order(2)
    void everyCaseAfterFlush() throws Exception {
        for (ServiceHandle ingester : cluster.ingesters()) {
            HttpResponse<String> flush = http.send(
                    HttpRequest.newBuilder(URI.create(ingester.baseUrl() + "/flush"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(flush.statusCode()).as(flush.body()).isEqualTo(204);
        }
        waitForIndexToCountEveryEntry();
        assertThat(failures(c -> true)).isEmpty();
    }

    private void waitForIndexToCountEveryEntry() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = send(
                            "GET",
                            "/loki/api/v1/index/stats",
                            Map.of(
                                    "query", "{job=~\".+\"}",
                                    "start", "2026-01-05T10:00:00Z",
                                    "end", "2026-01-05T12:00:00Z"))
                    .body();
            if (body.contains("\"entries\":27293")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the index never counted every entry: " + body);
    }

    private List<String> failures(java.util.function.Predicate<Conformance.Case> which) throws Exception {
        Map<String, int[]> perCategory = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Conformance.Case c : Conformance.cases()) {
            if (!which.test(c)) {
                continue;
            }
            HttpResponse<String> response = send(c.method(), c.endpoint(), c.params());
            Object normalized =
                    Conformance.normalize(c.endpoint(), response.statusCode(), response.body(), c.ordered());
            List<String> diffs = Conformance.check(c, response.statusCode(), normalized);
            int[] counts = perCategory.computeIfAbsent(c.category(), k -> new int[2]);
            counts[1]++;
            if (diffs.isEmpty()) {
                counts[0]++;
            } else {
                failures.add(c.id() + " " + c.params() + "\n    " + String.join("\n    ", diffs));
            }
        }
        StringBuilder report = new StringBuilder("conformance through the gateway:\n");
        perCategory.forEach((category, counts) ->
                report.append(String.format("  %-30s %3d/%3d%n", category, counts[0], counts[1])));
        System.out.println(report);
        return failures;
    }

    private HttpResponse<String> send(String method, String endpoint, Map<String, Object> params) throws Exception {
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> {
            List<?> values = value instanceof List<?> list ? list : List.of(value);
            for (Object v : values) {
                query.append(query.isEmpty() ? "" : "&")
                        .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
            }
        });
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .header("X-Scope-OrgID", Conformance.TENANT)
                .timeout(Duration.ofSeconds(60));
        if ("POST".equals(method)) {
            request.uri(URI.create(cluster.gatewayUrl() + endpoint))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(query.toString()));
        } else {
            request.uri(URI.create(cluster.gatewayUrl() + endpoint + (query.isEmpty() ? "" : "?" + query)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
