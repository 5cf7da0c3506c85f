package io.skald.ingester;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.proto.ingester.IngesterQuerierGrpc;
import io.skald.proto.ingester.PusherGrpc;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.PushRequest;
import io.skald.proto.logproto.StreamAdapter;
import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import io.skald.tenant.TenantResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One ingester started for real from a Loki config (its own Spring context, HTTP and gRPC ports on loopback, its own
 * Hazelcast member), with gRPC stubs per tenant. Tests restart one on the same data directory to check the WAL.
 */
final class IngesterProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;
    private final int httpPort;
    private final int grpcPort;
    private final ManagedChannel channel;

    private IngesterProcess(ConfigurableApplicationContext context, int httpPort, int grpcPort) {
        this.context = context;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort)
                .usePlaintext()
                .build();
    }

    /**
     * Starts an ingester keeping its WAL and chunks under {@code dataDir}; {@code extraYaml} is appended to the config
     * (top-level sections not used by the base config), {@code overrides} set single keys.
     */
    static IngesterProcess start(Path dataDir, String extraYaml, Map<String, String> overrides) {
        int httpPort = freePort();
        int grpcPort = freePort();
        String yaml = """
                auth_enabled: true
                server:
                  http_listen_address: 127.0.0.1
                  http_listen_port: %d
                  grpc_listen_address: 127.0.0.1
                  grpc_listen_port: %d
                  log_level: warn
                common:
                  path_prefix: %s
                  instance_addr: 127.0.0.1
                memberlist:
                  bind_port: %d
                ingester:
                  lifecycler:
                    id: ingester-test
                    num_tokens: 16
                    heartbeat_period: 1s
                    min_ready_duration: 0s
                    final_sleep: 0s
                  chunk_encoding: snappy
                  chunk_idle_period: 1h
                  max_chunk_age: 2h
                  flush_check_period: 100ms
                  concurrent_flushes: 4
                  wal:
                    enabled: true
                    dir: %s
                    checkpoint_duration: 5m
                """.formatted(httpPort, grpcPort, dataDir, freePort(), dataDir.resolve("wal")) + extraYaml;
        LokiConfig config = LokiConfigLoader.parse(yaml, false, name -> null, overrides);
        // Spring gRPC reads an address without a port as "use the default port", so the address carries the port.
        ConfigurableApplicationContext context = SkaldApplication.start(
                IngesterApplication.class,
                Target.INGESTER,
                config,
                Map.of("spring.grpc.server.address", "127.0.0.1:" + grpcPort));
        IngesterProcess process = new IngesterProcess(context, httpPort, grpcPort);
        process.awaitReady(Duration.ofSeconds(30));
        return process;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> ready = http("GET", "/ready");
            if (ready.statusCode() == 200) {
                return;
            }
            last = ready.body();
            sleep(50);
        }
        throw new IllegalStateException("ingester not ready: " + last);
    }

    HttpResponse<String> http(String method, String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    PusherGrpc.PusherBlockingStub pusher(String tenant) {
        return PusherGrpc.newBlockingStub(channel).withInterceptors(tenantHeader(tenant));
    }

    IngesterQuerierGrpc.IngesterQuerierBlockingStub querier(String tenant) {
        return IngesterQuerierGrpc.newBlockingStub(channel).withInterceptors(tenantHeader(tenant));
    }

    IngesterQuerierGrpc.IngesterQuerierStub asyncQuerier(String tenant) {
        return IngesterQuerierGrpc.newStub(channel).withInterceptors(tenantHeader(tenant));
    }

    private static io.grpc.ClientInterceptor tenantHeader(String tenant) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(TenantResolver.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER), tenant);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    IngesterService service() {
        return context.getBean(IngesterService.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    int grpcPort() {
        return grpcPort;
    }

    /** Stands in for {@code kill -9}: the WAL is closed as it is, nothing flushed or checkpointed, then the context goes. */
    void crash() {
        service().abandon();
        close();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
    }

    static PushRequest push(String labels, EntryAdapter... entries) {
        return PushRequest.newBuilder()
                .addStreams(StreamAdapter.newBuilder().setLabels(labels).addAllEntries(java.util.List.of(entries)))
                .build();
    }

    static EntryAdapter entry(long nanos, String line) {
        return EntryAdapter.newBuilder()
                .setTimestamp(Timestamp.newBuilder()
                        .setSeconds(Math.floorDiv(nanos, 1_000_000_000L))
                        .setNanos((int) Math.floorMod(nanos, 1_000_000_000L)))
                .setLine(line)
                .build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
