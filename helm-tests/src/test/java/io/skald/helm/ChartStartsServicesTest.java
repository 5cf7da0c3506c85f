package io.skald.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.it.ServiceHandle;
import io.skald.it.SkaldServices;
import io.skald.server.LokiFlags;
import io.skald.server.Target;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rendered ConfigMap and container arguments start each service: the jar reads the chart's config with its
 * {@code -target}, overriding only what a pod has and a test JVM lacks (ports, directories, cluster DNS).
 */
class ChartStartsServicesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(ChartProfile.Component.class)
    void renderedConfigStartsTheService(ChartProfile.Component component) throws Exception {
        RenderedChart chart = RenderedChart.render();
        RenderedChart.Workload workload = chart.workloads(component.label).getFirst();
        LokiFlags flags = LokiFlags.parse(workload.container().getArgs().toArray(String[]::new));
        Target target = Target.fromLokiName(flags.target()).orElseThrow();
        assertThat(target.lokiName()).isEqualTo(component.label);

        LokiConfig config = localConfig(chart, workload, Files.createTempDirectory("chart-" + component.label));

        try (ServiceHandle service = SkaldServices.start(target, config)) {
            HttpResponse<String> ready = waitUntilReady(service);
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");
        }
    }

    /**
     * The config a workload's pod reads, with what a test JVM needs instead of what a pod has: loopback and random
     * ports, no remote join, directories under {@code dir}, the runtime ConfigMap's content in a file there.
     */
    static LokiConfig localConfig(RenderedChart chart, RenderedChart.Workload workload, Path dir) throws IOException {
        LokiFlags flags = LokiFlags.parse(workload.container().getArgs().toArray(String[]::new));
        Map<String, String> overrides = new LinkedHashMap<>(flags.overrides());
        overrides.put("server.http_listen_address", "127.0.0.1");
        overrides.put("server.http_listen_port", "0");
        overrides.put("server.grpc_listen_address", "127.0.0.1");
        overrides.put("server.grpc_listen_port", "0");
        overrides.put("memberlist.join_members", "[]");
        overrides.put("common.path_prefix", dir.toString());
        overrides.put(
                "common.storage.filesystem.chunks_directory",
                dir.resolve("chunks").toString());
        overrides.put(
                "storage_config.filesystem.directory", dir.resolve("chunks").toString());
        overrides.put(
                "storage_config.tsdb_shipper.active_index_directory",
                dir.resolve("index").toString());
        overrides.put(
                "storage_config.tsdb_shipper.cache_location",
                dir.resolve("index-cache").toString());
        overrides.put("ingester.wal.dir", dir.resolve("wal").toString());
        overrides.put("compactor.working_directory", dir.resolve("compactor").toString());
        overrides.put("ruler.rule_path", dir.resolve("rules-tmp").toString());
        // The chart's rollout-safe lifecycler waits (about 50 s to join, 30 s to leave) only slow a test down.
        overrides.put("ingester.lifecycler.join_after", "0s");
        overrides.put("ingester.lifecycler.observe_period", "0s");
        overrides.put("ingester.lifecycler.min_ready_duration", "0s");
        overrides.put("ingester.lifecycler.final_sleep", "0s");
        // The pod mounts the runtime-overrides ConfigMap; here its rendered content goes to a file.
        Path runtime = dir.resolve("runtime.yaml");
        Files.writeString(runtime, chart.runtimeConfigText());
        overrides.put("runtime_config.file", runtime.toString());
        Map<String, String> env = new HashMap<>(workload.environment());
        return LokiConfigLoader.parse(chart.configText(), flags.expandEnv(), env::get, overrides);
    }

    private HttpResponse<String> waitUntilReady(ServiceHandle service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> ready;
        do {
            ready = http.send(
                    HttpRequest.newBuilder(URI.create(service.baseUrl() + "/ready"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() == 200) {
                return ready;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return ready;
    }
}
