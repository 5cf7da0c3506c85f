package io.skald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.config.LokiConfig;
import io.skald.server.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway routes like Loki's NGINX: push to the distributor, queries to the frontend, tenant header kept. */
class GatewayRoutingTest {
    private static ServiceHandle distributor;
    private static ServiceHandle frontend;
    private static ServiceHandle gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        LokiConfig backend = SkaldServices.localConfig(SkaldServices.referenceConfig(), Map.of());
        distributor = SkaldServices.start(Target.DISTRIBUTOR, backend);
        frontend = SkaldServices.start(Target.QUERY_FRONTEND, backend);
        LokiConfig gatewayConfig = SkaldServices.localConfig(
                SkaldServices.referenceConfig(),
                Map.of(
                        "gateway.distributor_url", distributor.baseUrl(),
                        "gateway.query_frontend_url", frontend.baseUrl(),
                        "gateway.querier_url", frontend.baseUrl(),
                        "gateway.max_body_size", "150MB"));
        gateway = SkaldServices.start(Target.GATEWAY, gatewayConfig);
    }

    @AfterAll
    static void stop() {
        for (ServiceHandle service : new ServiceHandle[] {gateway, frontend, distributor}) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void pushReachesTheDistributorWithTheTenantHeader() throws Exception {
        HttpResponse<String> withTenant = http.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/loki/api/v1/push"))
                        .header("Content-Type", "application/json")
                        .header("X-Scope-OrgID", "team-a")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"streams\":[]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withoutTenant = http.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/loki/api/v1/push"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"streams\":[]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(withoutTenant.statusCode()).isEqualTo(401);
        assertThat(withoutTenant.body()).isEqualTo("no org id\n");
        assertThat(withTenant.statusCode()).isNotEqualTo(401).isNotEqualTo(404);
        assertThat(withTenant.statusCode()).as(withTenant.body()).isEqualTo(204);
        assertThat(
                        metric(
                                distributor,
                                "loki_request_duration_seconds_count{method=\"POST\",route=\"loki_api_v1_push\",status_code=\"204\""))
                .isEqualTo(1.0);
    }

    @Test
    void hundredMegabytePushBodyPassesTheGateway() throws Exception {
        byte[] body = new byte[100 * 1024 * 1024];
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/prom/push"))
                        .header("Content-Type", "application/x-protobuf")
                        .header("X-Scope-OrgID", "big")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isNotEqualTo(413).isNotEqualTo(404).isLessThan(502);
        // The distributor read and judged the whole body: zeros are no valid snappy block.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(
                        metric(
                                distributor,
                                "loki_request_duration_seconds_count{method=\"POST\",route=\"api_prom_push\",status_code=\"400\""))
                .isEqualTo(1.0);
    }

    @Test
    void queryApiReachesTheFrontend() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(
                                URI.create(gateway.baseUrl() + "/loki/api/v1/query_range?query=%7Bapp%3D%22x%22%7D"))
                        .header("X-Scope-OrgID", "team-a")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isNotEqualTo(404).isLessThan(502);
        assertThat(metric(
                        frontend,
                        "loki_request_duration_seconds_count{method=\"GET\",route=\"loki_api_v1_query_range\""))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(metric(
                        gateway,
                        "loki_request_duration_seconds_count{method=\"GET\",route=\"loki_api_v1_query_range\""))
                .isGreaterThanOrEqualTo(1.0);
    }

    /** Sums the samples of every series whose text starts with the given prefix. */
    private double metric(ServiceHandle service, String seriesPrefix) throws Exception {
        String text = http.send(
                        HttpRequest.newBuilder(URI.create(service.baseUrl() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String prefix =
                seriesPrefix.endsWith("}") ? seriesPrefix.substring(0, seriesPrefix.length() - 1) : seriesPrefix;
        return text.lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
