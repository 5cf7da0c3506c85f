package io.skald.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.config.LokiConfig;
import io.skald.server.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every service starts from the reference Loki config with its own target and serves the operations endpoints. */
class ServiceStartupTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(Target.class)
    void startsFromTheReferenceConfigAndServesOperationsEndpoints(Target target) throws Exception {
        Path wal = Files.createTempDirectory("wal");
        // The reference lifecycler waits ~50 s to join and 30 s to leave; a test start needs neither.
        LokiConfig config = SkaldServices.localConfig(
                SkaldServices.referenceConfig(),
                Map.of(
                        "ingester.lifecycler.join_after", "0s",
                        "ingester.lifecycler.observe_period", "0s",
                        "ingester.lifecycler.min_ready_duration", "0s",
                        "ingester.lifecycler.final_sleep", "0s",
                        "ingester.wal.dir", wal.toString()));
        try (ServiceHandle service = SkaldServices.start(target, config)) {
            HttpResponse<String> ready = waitUntilReady(service);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");

            HttpResponse<String> buildInfo = get(service, "/loki/api/v1/status/buildinfo");
            assertThat(buildInfo.statusCode()).isEqualTo(200);
            assertThat(buildInfo.body())
                    .contains("\"version\":\"0.1.0-SNAPSHOT\"")
                    .contains("\"revision\"");

            HttpResponse<String> configPage = get(service, "/config");
            assertThat(configPage.body())
                    .contains("replication_factor: '3'")
                    .contains("s3: s3://access-key:<secret>@region/bucket-name")
                    .contains("limits_config.enforce_metric_name (deprecated in Loki, ignored)");
            assertThat(get(service, "/config?mode=diffs").body()).doesNotContain("max_entries_limit_per_query: '5000'");

            HttpResponse<String> services = get(service, "/services");
            assertThat(services.body()).startsWith("server => Running\n");

            if (target != Target.GATEWAY) {
                HttpResponse<String> ring = http.send(
                        HttpRequest.newBuilder(URI.create(service.baseUrl() + "/distributor/ring"))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ring.statusCode()).isEqualTo(200);
                assertThat(ring.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            }

            HttpResponse<String> metrics = get(service, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains(
                            "loki_request_duration_seconds_bucket{method=\"GET\",route=\"ready\",status_code=\"200\"");
        }
    }

    private HttpResponse<String> waitUntilReady(ServiceHandle service) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        HttpResponse<String> ready = get(service, "/ready");
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ready = get(service, "/ready");
        }
        return ready;
    }

    private HttpResponse<String> get(ServiceHandle service, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
