package io.skald.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.skald.config.LokiConfig;
import io.skald.it.ServiceHandle;
import io.skald.it.SkaldServices;
import io.skald.kubernetes.DiscoveredAddresses;
import io.skald.kubernetes.RuntimeConfigMapWatcher;
import io.skald.limits.Overrides;
import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chart's Kubernetes switch against a fake Kubernetes API (fabric8's mock server in CRUD mode): with the switch on
 * the gateway sends a route to the pod the API lists behind the component's Service and the distributor applies a
 * changed runtime ConfigMap; with it off nothing calls the API, even with the API's address configured.
 */
class SpringCloudKubernetesTest {
    private static final String NAMESPACE = "logging";

    private final HttpClient http = HttpClient.newHttpClient();
    private final RenderedChart chart = RenderedChart.render();
    private KubernetesMockServer api;
    private KubernetesClient client;

    @BeforeEach
    void startApi() {
        api = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(List.of()), false);
        api.init(InetAddress.getLoopbackAddress(), 0);
        client = api.createClient();
    }

    @AfterEach
    void stopApi() {
        client.close();
        api.destroy();
    }

    @Test
    void gatewaySendsPushesToThePodTheApiListsBehindTheDistributorService() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer pod = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pod.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        pod.start();
        try {
            registerService("skald-distributor", "127.0.0.1", pod.getAddress().getPort());
            LokiConfig config = chartConfig("gateway");
            // The rendered route names the Service's cluster DNS name, which does not resolve here: only discovery
            // can reach the pod.
            assertThat(config.gateway().distributorUrl())
                    .isEqualTo("http://skald-distributor.logging.svc.cluster.local:3100");

            try (ServiceHandle gateway = start(Target.GATEWAY, config, kubernetesOn())) {
                // The gateway holds no per-tenant overrides, so it watches no ConfigMap.
                assertThat(gateway.context().getBeansOfType(RuntimeConfigMapWatcher.class))
                        .isEmpty();
                DiscoveredAddresses addresses = gateway.context().getBean(DiscoveredAddresses.class);
                assertThat(addresses.serviceIds())
                        .contains("skald-distributor", "skald-query-frontend", "skald-querier");
                waitFor(() -> !addresses.instances("skald-distributor").isEmpty());
                assertThat(addresses.instances("skald-distributor"))
                        .containsExactly(URI.create(
                                "http://127.0.0.1:" + pod.getAddress().getPort()));

                HttpResponse<String> push = http.send(
                        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/loki/api/v1/push?x=1"))
                                .header("Content-Type", "application/json")
                                .header("X-Scope-OrgID", "tenant-a")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"streams\":[]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(push.statusCode()).as(push.body()).isEqualTo(204);
                assertThat(received).containsExactly("POST /loki/api/v1/push?x=1");
            }
        } finally {
            pod.stop(0);
        }
    }

    @Test
    void distributorAppliesAChangedRuntimeConfigMapBeforeTheMountedFileChanges() throws Exception {
        client.configMaps()
                .inNamespace(NAMESPACE)
                .resource(runtimeConfigMap("ingestion_rate_mb: 7"))
                .create();
        LokiConfig config = chartConfig("distributor");

        try (ServiceHandle distributor = start(Target.DISTRIBUTOR, config, kubernetesOn())) {
            Overrides overrides = distributor.context().getBean(Overrides.class);
            RuntimeConfigMapWatcher watcher = distributor.context().getBean(RuntimeConfigMapWatcher.class);
            // The mounted file (the chart's rendered content) has no overrides; the ConfigMap in the API has one.
            waitFor(() -> overrides.forTenant("tenant-a").ingestionRateMb() == 7);

            client.configMaps()
                    .inNamespace(NAMESPACE)
                    .resource(runtimeConfigMap("ingestion_rate_mb: 9"))
                    .update();
            waitFor(() -> overrides.forTenant("tenant-a").ingestionRateMb() == 9);
            assertThat(watcher.applied()).isGreaterThanOrEqualTo(2);

            // A broken document keeps the overrides in force.
            client.configMaps()
                    .inNamespace(NAMESPACE)
                    .resource(runtimeConfigMap("ingestion_rate_mb: [not, a, number]"))
                    .update();
            Thread.sleep(500);
            assertThat(overrides.forTenant("tenant-a").ingestionRateMb()).isEqualTo(9);
        }
    }

    @Test
    void withTheSwitchOffNothingCallsTheApi() throws Exception {
        registerService("skald-distributor", "127.0.0.1", 1);
        int before = api.getRequestCount();
        Map<String, Object> off = new HashMap<>(kubernetesOn());
        off.put("spring.main.cloud-platform", "none");

        try (ServiceHandle gateway = start(Target.GATEWAY, chartConfig("gateway"), off)) {
            assertThat(gateway.context().getBeansOfType(DiscoveredAddresses.class))
                    .isEmpty();
            assertThat(gateway.context().getBeansOfType(KubernetesClient.class)).isEmpty();
            HttpResponse<String> ready = http.send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/ready"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
        }
        try (ServiceHandle distributor = start(Target.DISTRIBUTOR, chartConfig("distributor"), off)) {
            assertThat(distributor.context().getBeansOfType(RuntimeConfigMapWatcher.class))
                    .isEmpty();
        }
        assertThat(api.getRequestCount()).isEqualTo(before);
    }

    /** What the chart's environment sets when the switch is on, with the fake API's address. */
    private Map<String, Object> kubernetesOn() {
        Map<String, String> env = chart.workloads("gateway").getFirst().environment();
        assertThat(env).containsEntry("SPRING_MAIN_CLOUD_PLATFORM", "kubernetes");
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.cloud-platform", env.get("SPRING_MAIN_CLOUD_PLATFORM"));
        properties.put("spring.cloud.kubernetes.client.namespace", env.get("SPRING_CLOUD_KUBERNETES_CLIENT_NAMESPACE"));
        properties.put("skald.kubernetes.service-prefix", env.get("SKALD_KUBERNETES_SERVICE_PREFIX"));
        properties.put("skald.kubernetes.runtime-config-map", env.get("SKALD_KUBERNETES_RUNTIME_CONFIG_MAP"));
        properties.put("skald.kubernetes.discovery.refresh", "200ms");
        properties.put("spring.cloud.kubernetes.client.master-url", api.url("/"));
        properties.put("spring.cloud.kubernetes.client.trust-certs", true);
        return properties;
    }

    private LokiConfig chartConfig(String component) throws Exception {
        return ChartStartsServicesTest.localConfig(
                chart, chart.workloads(component).getFirst(), Files.createTempDirectory("k8s-" + component));
    }

    private static ServiceHandle start(Target target, LokiConfig config, Map<String, Object> properties) {
        return new ServiceHandle(
                target, SkaldApplication.start(SkaldServices.applicationClass(target), target, config, properties));
    }

    /** A Service with http and grpc ports and one ready pod behind it (its Endpoints). */
    private void registerService(String name, String podIp, int httpPort) {
        client.services()
                .inNamespace(NAMESPACE)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withName("http")
                        .withPort(3100)
                        .endPort()
                        .addNewPort()
                        .withName("grpc")
                        .withPort(9095)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        client.endpoints()
                .inNamespace(NAMESPACE)
                .resource(new EndpointsBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .addNewSubset()
                        .addNewAddress()
                        .withIp(podIp)
                        .endAddress()
                        .addNewPort()
                        .withName("http")
                        .withPort(httpPort)
                        .endPort()
                        .addNewPort()
                        .withName("grpc")
                        .withPort(9095)
                        .endPort()
                        .endSubset()
                        .build())
                .create();
    }

    private static ConfigMap runtimeConfigMap(String tenantLimits) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName("skald-runtime")
                .withNamespace(NAMESPACE)
                .endMetadata()
                .addToData("runtime.yaml", "overrides:\n  tenant-a:\n    " + tenantLimits + "\n")
                .build();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
