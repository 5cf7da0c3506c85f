package io.skald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** HTTP helpers for tests against an in-process cluster: push, query any service, read its metrics. */
final class ClusterClient {
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final SkaldCluster cluster;

    ClusterClient(SkaldCluster cluster) {
        this.cluster = cluster;
    }

    /** Pushes a JSON push body for {@code tenant} through the gateway; fails the test unless it is accepted. */
    void push(String tenant, String body) throws IOException, InterruptedException {
        HttpResponse<String> push = http.send(
                HttpRequest.newBuilder(URI.create(cluster.gatewayUrl() + "/loki/api/v1/push"))
                        .header("Content-Type", "application/json")
                        .header("X-Scope-OrgID", tenant)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(push.statusCode()).as(push.body()).isEqualTo(204);
    }

    /** A GET of {@code path} with {@code params} on {@code service}'s HTTP port. */
    HttpResponse<String> get(String service, String tenant, String path, Map<String, String> params)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(cluster.service(service).baseUrl() + path + query(params)))
                        .header("X-Scope-OrgID", tenant)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of every sample of {@code name} (any labels) that {@code service} exposes, 0 when none. */
    double metric(String service, String name) throws IOException, InterruptedException {
        return metric(service, name, "");
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labelText}, e.g. {@code path="/x"}. */
    double metric(String service, String name, String labelText) throws IOException, InterruptedException {
        String body = http.send(
                        HttpRequest.newBuilder(
                                        URI.create(cluster.service(service).baseUrl() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        double sum = 0;
        for (String line : body.split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            boolean named = line.startsWith(name + "{") || line.startsWith(name + " ");
            if (named && line.contains(labelText)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static String query(Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        for (var entry : params.entrySet()) {
            query.append(query.isEmpty() ? '?' : '&')
                    .append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
        }
        return query.toString();
    }
}
