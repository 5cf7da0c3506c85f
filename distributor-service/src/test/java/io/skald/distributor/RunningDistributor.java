package io.skald.distributor;

import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.ring.InstanceState;
import io.skald.ring.Lifecycler;
import io.skald.ring.LifecyclerConfig;
import io.skald.ring.Ring;
import io.skald.ring.autoconfigure.RingRegistry;
import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real distributor context on loopback with free ports, plus helpers to talk to it over HTTP and to register fake
 * ingesters in its ingester ring (through the distributor's own Hazelcast member, as a second process would).
 */
final class RunningDistributor implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Lifecycler> ingesters = new ArrayList<>();

    private RunningDistributor(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a distributor from {@code yaml} with loopback listeners and a private Hazelcast port. */
    static RunningDistributor start(String yaml) {
        Map<String, String> overrides = Map.of(
                "server.http_listen_address", "127.0.0.1",
                "server.http_listen_port", "0",
                "server.grpc_listen_address", "127.0.0.1",
                "server.grpc_listen_port", "0",
                "memberlist.bind_addr", "[127.0.0.1]",
                "memberlist.bind_port", Integer.toString(freePort()),
                "memberlist.join_members", "[]");
        LokiConfig config = LokiConfigLoader.parse(yaml, false, name -> null, overrides);
        return new RunningDistributor(
                SkaldApplication.start(DistributorApplication.class, Target.DISTRIBUTOR, config, Map.of()));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    /** Registers a fake ingester ACTIVE in the ingester ring with 128 random tokens. */
    void registerIngester(String id, String address) {
        LifecyclerConfig config = new LifecyclerConfig(
                id,
                address,
                "",
                "",
                128,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO);
        Lifecycler lifecycler = bean(RingRegistry.class).lifecycler("ingester", config);
        lifecycler.start();
        ingesters.add(lifecycler);
        await(() -> lifecycler.state() == InstanceState.ACTIVE, "ingester " + id + " ACTIVE");
    }

    /** Waits until the distributor's ingester ring reader sees {@code count} healthy ingesters. */
    void awaitHealthyIngesters(int count) {
        Ring ring = context.getBean("ingesterRing", Ring.class);
        await(() -> ring.healthyInstanceCount() == count, count + " healthy ingesters");
    }

    HttpResponse<String> post(String path, @Nullable String tenant, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (tenant != null) {
            request.header("X-Scope-OrgID", tenant);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one Prometheus sample line, e.g. {@code loki_x_total{tenant="a"}}, or 0 when absent. */
    double metric(String nameWithLabels) {
        for (String line : get("/metrics").body().split("\n", -1)) {
            if (line.startsWith(nameWithLabels + " ")) {
                return Double.parseDouble(
                        line.substring(nameWithLabels.length() + 1).trim());
            }
        }
        return 0;
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (Lifecycler lifecycler : ingesters) {
            lifecycler.stop(() -> {});
        }
        context.close();
    }
}
