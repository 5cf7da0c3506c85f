package io.skald.scheduler;

import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
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
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.context.ConfigurableApplicationContext;

/** The real query-scheduler context on loopback with free ports, and helpers to read its HTTP endpoints. */
final class RunningScheduler implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RunningScheduler(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a scheduler from {@code yaml} with loopback listeners and a private Hazelcast port. */
    static RunningScheduler start(String yaml) {
        Map<String, String> overrides = Map.of(
                "server.http_listen_address", "127.0.0.1",
                "server.http_listen_port", "0",
                "server.grpc_listen_address", "127.0.0.1",
                "server.grpc_listen_port", "0",
                "memberlist.bind_addr", "[127.0.0.1]",
                "memberlist.bind_port", Integer.toString(freePort()),
                "memberlist.join_members", "[]");
        LokiConfig config = LokiConfigLoader.parse(yaml, false, name -> null, overrides);
        return new RunningScheduler(
                SkaldApplication.start(QuerySchedulerApplication.class, Target.QUERY_SCHEDULER, config, Map.of()));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The scheduler ring as a frontend or querier in this cluster reads it. */
    Ring schedulerRing() {
        return bean(RingRegistry.class).ring(SchedulerSettings.RING_NAME);
    }

    HttpResponse<String> get(String path) {
        URI uri = URI.create(
                "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port") + path);
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one Prometheus sample line, e.g. {@code loki_x{tenant="a"}}, or -1 when absent. */
    double metric(String nameWithLabels) {
        for (String line : get("/metrics").body().split("\n", -1)) {
            if (line.startsWith(nameWithLabels + " ")) {
                return Double.parseDouble(
                        line.substring(nameWithLabels.length() + 1).trim());
            }
        }
        return -1;
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
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
        context.close();
    }
}
