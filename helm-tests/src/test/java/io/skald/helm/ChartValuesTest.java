package io.skald.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.helm.RenderedChart.Workload;
import io.skald.server.LokiFlags;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Values that replace or adjust the config file, per-tenant overrides, and values the chart rejects. */
class ChartValuesTest {
    @TempDir
    Path dir;

    @Test
    void aWholeLokiConfigIsUsedAsGivenAndAdjustedKeyByKey() throws IOException {
        // A migrating user's loki-config.yaml, with the memberlist address templated to the chart's service.
        String loki = fixture("loki-config.yaml")
                .replace("loki-memberlist:7946", "{{ include \"skald.memberlistFqdn\" . }}:5701")
                .replace("bind_port: 7946", "bind_port: 5701");
        Path values = writeValues(Map.of(
                "skald",
                Map.of(
                        "config",
                        loki,
                        "structuredConfig",
                        Map.of(
                                "common",
                                Map.of("replication_factor", 2),
                                "limits_config",
                                Map.of("ingestion_rate_mb", 10)))));

        LokiConfig config =
                LokiConfigLoader.parse(RenderedChart.render(values).configText(), false, name -> null, Map.of());

        assertThat(config.memberlist().joinMembers())
                .containsExactly("skald-memberlist.logging.svc.cluster.local:5701");
        assertThat(config.memberlist().bindPort()).isEqualTo(5701);
        // The merge changes the named keys and keeps their siblings from the given file.
        assertThat(config.common().replicationFactor()).isEqualTo(2);
        assertThat(config.common().pathPrefix()).isEqualTo("/loki");
        assertThat(config.limits().ingestionRateMb()).isEqualTo(10.0);
        assertThat(config.limits().maxStreamsPerUser()).isEqualTo(100_000);
        assertThat(config.query().frontendDownstreamUrl()).isEqualTo("http://loki-querier:3100");
        assertThat(config.runtimeConfigFile())
                .as("the chart's runtime overrides are wired into a user's own file")
                .isEqualTo("/etc/skald-runtime/runtime.yaml");
        assertThat(config.report().unsupported()).isEmpty();
    }

    @Test
    void perTenantOverridesLandInTheRuntimeConfigMap() throws IOException {
        Path production = RenderedChart.chartDir().resolve("ci/production-values.yaml");
        Map<String, Object> runtime = runtimeFile(RenderedChart.render(production));
        assertThat(runtime).containsKey("overrides");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> overrides = (Map<String, Map<String, Object>>) runtime.get("overrides");
        assertThat(overrides.get("tenant-big"))
                .containsEntry("ingestion_rate_mb", 128)
                .containsEntry("max_streams_per_user", 500_000);

        assertThat(runtimeFile(RenderedChart.render())).containsEntry("overrides", Map.of());
    }

    @Test
    void valuesOutsideTheSchemaAreRejected() throws IOException {
        Path storage = writeValues(Map.of("storage", Map.of("type", "gcs")));
        Path replicas = writeValues(Map.of("querier", Map.of("replicas", "three")));
        Path heap = writeValues(Map.of("ingester", Map.of("jvmMaxHeap", "3 gigabytes")));

        assertThatThrownBy(() -> RenderedChart.render(storage))
                .hasMessageContaining("storage.type must be one of the following: \"s3\", \"filesystem\"");
        assertThatThrownBy(() -> RenderedChart.render(replicas)).hasMessageContaining("querier.replicas");
        assertThatThrownBy(() -> RenderedChart.render(heap)).hasMessageContaining("ingester.jvmMaxHeap");
    }

    @Test
    void zoneAwareIngestersNeedZones() throws IOException {
        Path values = writeValues(
                Map.of("ingester", Map.of("zoneAwareReplication", Map.of("enabled", true, "zones", List.of()))));

        assertThatThrownBy(() -> RenderedChart.render(values))
                .hasMessageContaining("ingester.zoneAwareReplication.zones must list at least one zone");
    }

    @Test
    void theGatewayCanBeALoadBalancerAndTheIngressIsOptional() throws IOException {
        Path values = writeValues(Map.of(
                "gateway",
                Map.of("service", Map.of("type", "LoadBalancer", "loadBalancerSourceRanges", List.of("10.0.0.0/8")))));

        RenderedChart chart = RenderedChart.render(values);

        var service = chart.get(io.fabric8.kubernetes.api.model.Service.class, "skald-gateway");
        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(service.getSpec().getLoadBalancerSourceRanges()).containsExactly("10.0.0.0/8");
        assertThat(chart.ofKind("Ingress")).isEmpty();
    }

    @Test
    void componentOverridesReachThePodAndTheConfigItBinds() throws IOException {
        Map<String, Object> affinity = Map.of(
                "nodeAffinity",
                Map.of(
                        "requiredDuringSchedulingIgnoredDuringExecution",
                        Map.of(
                                "nodeSelectorTerms",
                                List.of(Map.of(
                                        "matchExpressions",
                                        List.of(Map.of(
                                                "key", "pool", "operator", "In", "values", List.of("query"))))))));
        Path values = writeValues(Map.of(
                "global",
                Map.of("imageRegistry", "registry.example.com/"),
                "querier",
                Map.of(
                        "affinity",
                        affinity,
                        "extraArgs",
                        List.of("-querier.max-concurrent=8"),
                        "extraEnv",
                        List.of(Map.of("name", "FOO", "value", "bar")),
                        "jvmMaxHeap",
                        "2g",
                        "image",
                        Map.of("repository", "querier-service", "tag", "1.2.3"),
                        "tolerations",
                        List.of(Map.of("key", "dedicated", "operator", "Equal", "value", "query")))));

        RenderedChart chart = RenderedChart.render(values);
        Workload querier = chart.workloads("querier").get(0);
        LokiFlags flags = LokiFlags.parse(querier.container().getArgs().toArray(String[]::new));
        LokiConfig config =
                LokiConfigLoader.parse(chart.configText(), flags.expandEnv(), name -> null, flags.overrides());

        assertThat(querier.container().getImage()).isEqualTo("registry.example.com/skald/querier-service:1.2.3");
        assertThat(querier.template().getSpec().getAffinity().getPodAntiAffinity())
                .as("a given affinity replaces the default")
                .isNull();
        assertThat(querier.template().getSpec().getAffinity().getNodeAffinity()).isNotNull();
        assertThat(querier.template().getSpec().getTolerations())
                .singleElement()
                .satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(querier.environment()).containsEntry("FOO", "bar");
        assertThat(querier.environment().get("JAVA_TOOL_OPTIONS")).startsWith("-Xmx2g ");
        assertThat(config.query().querierMaxConcurrent()).isEqualTo(8);
        assertThat(config.report().unsupported()).isEmpty();
        // Other components keep the shared value.
        Workload distributor = chart.workloads("distributor").get(0);
        assertThat(distributor.container().getArgs()).noneMatch(a -> a.startsWith("-querier."));
        assertThat(distributor.container().getImage()).endsWith(":0.1.0");
    }

    @Test
    void everyAddressFollowsTheReleaseName() {
        RenderedChart chart = RenderedChart.renderRelease("logs");
        LokiConfig config = LokiConfigLoader.parse(chart.configText(), false, name -> null, Map.of());

        assertThat(config.memberlist().joinMembers())
                .containsExactly("logs-skald-memberlist.logging.svc.cluster.local:5701");
        assertThat(chart.find(io.fabric8.kubernetes.api.model.Service.class, "logs-skald-memberlist"))
                .isPresent();
        assertThat(config.gateway().distributorUrl())
                .isEqualTo("http://logs-skald-distributor.logging.svc.cluster.local:3100");
        assertThat(chart.find(io.fabric8.kubernetes.api.model.Service.class, "logs-skald-distributor"))
                .isPresent();
        assertThat(chart.workloads("ingester"))
                .singleElement()
                .satisfies(w -> assertThat(w.environment())
                        .containsEntry(
                                "SKALD_HAZELCAST_SERVICE_DNS", "logs-skald-memberlist.logging.svc.cluster.local"));
    }

    private Map<String, Object> runtimeFile(RenderedChart chart) {
        String text = chart.get(ConfigMap.class, "skald-runtime").getData().get("runtime.yaml");
        Map<String, Object> parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return parsed;
    }

    private Path writeValues(Map<String, Object> values) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path file = Files.createTempFile(dir, "values", ".yaml");
        Files.writeString(file, new Yaml(options).dump(values));
        return file;
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ChartValuesTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
