package io.skald.indexgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.index.ChunkRef;
import io.skald.index.IndexKeys;
import io.skald.index.IndexWriter;
import io.skald.index.Matcher;
import io.skald.index.SeriesChunks;
import io.skald.index.Volume;
import io.skald.index.VolumeAggregation;
import io.skald.labels.Labels;
import io.skald.proto.indexgateway.ChunkRefsRequest;
import io.skald.proto.indexgateway.IndexGatewayGrpc;
import io.skald.proto.indexgateway.IndexLabelRequest;
import io.skald.proto.indexgateway.IndexSeriesRequest;
import io.skald.proto.indexgateway.StatsRequest;
import io.skald.proto.indexgateway.StatsResponse;
import io.skald.proto.indexgateway.VolumeRequest;
import io.skald.proto.ingester.LabelMatcher;
import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import io.skald.storage.FilesystemObjectStore;
import io.skald.store.GatewayIndexClient;
import io.skald.tenant.TenantResolver;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** A real index gateway over index files in a filesystem store, asked over gRPC. */
class IndexGatewayServiceTest {
    private static final long T0 = 1_767_607_200_000_000_000L; // 2026-01-05T10:00:00Z
    private static final long SECOND = 1_000_000_000L;
    private static final Labels API_PROD = Labels.of("app", "api", "env", "prod");
    private static final Labels API_DEV = Labels.of("app", "api", "env", "dev");
    private static final Labels DB_PROD = Labels.of("app", "db", "env", "prod");

    @TempDir
    static Path dir;

    private static ConfigurableApplicationContext context;
    private static ManagedChannel channel;
    private static FilesystemObjectStore store;
    private static String table;
    private static int grpcPort;

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static ChunkRef ref(Labels labels, String key, int fromSecond, int toSecond, long entries) {
        return new ChunkRef(
                "tenant-a",
                labels.hash(),
                T0 + fromSecond * SECOND,
                T0 + toSecond * SECOND,
                "tenant-a/chunks/" + key,
                100,
                1000,
                entries);
    }

    @BeforeAll
    static void start() throws IOException {
        Path storeDir = Files.createDirectories(dir.resolve("store"));
        store = new FilesystemObjectStore(storeDir);
        table = IndexKeys.tableFor(T0, Duration.ofHours(24), "index_");
        // Two ingesters uploaded overlapping files: the replicated chunk "c1" must count once.
        store.put(
                IndexKeys.uploadKey(table, "tenant-a", "ingester-1", T0, 0),
                new IndexWriter("tenant-a")
                        .add(API_PROD, ref(API_PROD, "c1", 0, 99, 100))
                        .add(DB_PROD, ref(DB_PROD, "c2", 0, 49, 50))
                        .build()
                        .toByteArray());
        store.put(
                IndexKeys.uploadKey(table, "tenant-a", "ingester-2", T0, 0),
                new IndexWriter("tenant-a")
                        .add(API_PROD, ref(API_PROD, "c1", 0, 99, 100))
                        .add(API_DEV, ref(API_DEV, "c3", 200, 299, 10))
                        .build()
                        .toByteArray());
        String yaml = """
                auth_enabled: true
                server:
                  http_listen_address: 127.0.0.1
                  http_listen_port: 0
                  grpc_listen_address: 127.0.0.1
                  grpc_listen_port: %d
                memberlist:
                  join_members: []
                schema_config:
                  configs:
                    - from: 2024-01-01
                      store: tsdb
                      object_store: filesystem
                      schema: v13
                      index:
                        prefix: index_
                        period: 24h
                storage_config:
                  filesystem:
                    directory: %s
                  tsdb_shipper:
                    cache_location: %s
                    cache_ttl: 1h
                """.formatted(freePort(), storeDir, dir.resolve("cache"));
        LokiConfig config = LokiConfigLoader.parse(yaml, false, name -> null, Map.of());
        context = SkaldApplication.start(
                IndexGatewayApplication.class,
                Target.INDEX_GATEWAY,
                config,
                Map.of(
                        "skald.index-gateway.refresh-interval",
                        "0s",
                        // Spring gRPC reads the port from the address when one is set.
                        "spring.grpc.server.address",
                        "127.0.0.1:" + config.server().grpcListenPort()));
        grpcPort = config.server().grpcListenPort();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort)
                .usePlaintext()
                .build();
    }

    @AfterAll
    static void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (context != null) {
            context.close();
        }
    }

    private static IndexGatewayGrpc.IndexGatewayBlockingStub stub(String tenant) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of(TenantResolver.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER), tenant);
        return IndexGatewayGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    private static LabelMatcher eq(String name, String value) {
        return LabelMatcher.newBuilder()
                .setName(name)
                .setType(LabelMatcher.Type.EQ)
                .setValue(value)
                .build();
    }

    @Test
    void answersChunkRefsForMatchersAndRangeDeduplicatedAcrossFiles() {
        var refs = stub("tenant-a")
                .getChunkRefs(ChunkRefsRequest.newBuilder()
                        .addMatchers(eq("app", "api"))
                        .setFromNanos(T0)
                        .setThroughNanos(T0 + 3600 * SECOND)
                        .build())
                .getRefsList();
        assertThat(refs)
                .extracting(r -> r.getKey(), r -> r.getLabels())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("tenant-a/chunks/c1", API_PROD.toString()),
                        org.assertj.core.groups.Tuple.tuple("tenant-a/chunks/c3", API_DEV.toString()));

        var early = stub("tenant-a")
                .getChunkRefs(ChunkRefsRequest.newBuilder()
                        .addMatchers(eq("app", "api"))
                        .setFromNanos(T0)
                        .setThroughNanos(T0 + 150 * SECOND)
                        .build())
                .getRefsList();
        assertThat(early).extracting(r -> r.getKey()).containsExactly("tenant-a/chunks/c1");
    }

    @Test
    void answersLabelsSeriesStatsAndVolume() {
        long from = T0;
        long through = T0 + 3600 * SECOND;
        assertThat(stub("tenant-a")
                        .labelNames(IndexLabelRequest.newBuilder()
                                .setFromNanos(from)
                                .setThroughNanos(through)
                                .build())
                        .getValuesList())
                .containsExactly("app", "env");
        assertThat(stub("tenant-a")
                        .labelValues(IndexLabelRequest.newBuilder()
                                .setName("app")
                                .setFromNanos(from)
                                .setThroughNanos(through)
                                .addMatchers(eq("env", "prod"))
                                .build())
                        .getValuesList())
                .containsExactly("api", "db");
        assertThat(stub("tenant-a")
                        .series(IndexSeriesRequest.newBuilder()
                                .addGroups(io.skald.proto.ingester.MatcherGroup.newBuilder()
                                        .addMatchers(eq("env", "prod")))
                                .setFromNanos(from)
                                .setThroughNanos(through)
                                .build())
                        .getSeriesList())
                .containsExactly(API_PROD.toString(), DB_PROD.toString());
        StatsResponse stats = stub("tenant-a")
                .getStats(StatsRequest.newBuilder()
                        .addMatchers(eq("env", "prod"))
                        .setFromNanos(from)
                        .setThroughNanos(through)
                        .build());
        assertThat(stats.getStreams()).isEqualTo(2);
        assertThat(stats.getChunks()).isEqualTo(2);
        assertThat(stats.getEntries()).isEqualTo(150);
        var volume = stub("tenant-a")
                .getVolume(VolumeRequest.newBuilder()
                        .addMatchers(eq("env", "prod"))
                        .setFromNanos(from)
                        .setThroughNanos(through)
                        .addTargetLabels("app")
                        .build())
                .getVolumesList();
        assertThat(volume).extracting(v -> v.getLabels()).containsExactlyInAnyOrder("{app=\"api\"}", "{app=\"db\"}");
    }

    @Test
    void theQueriersGatewayClientReadsTheSameAnswers() {
        try (GatewayIndexClient client =
                new GatewayIndexClient("127.0.0.1:" + grpcPort, 16 << 20, Duration.ofSeconds(10))) {
            long from = T0;
            long through = T0 + 3600 * SECOND;
            List<Matcher> api = List.of(Matcher.eq("app", "api"));
            assertThat(client.chunkRefs("tenant-a", api, from, through))
                    .extracting(SeriesChunks::labels)
                    .containsExactly(API_DEV, API_PROD);
            assertThat(client.chunkRefs("tenant-a", api, from, through).get(1).refs())
                    .extracting(ChunkRef::key, ChunkRef::entries)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("tenant-a/chunks/c1", 100L));
            assertThat(client.labelValues("tenant-a", "env", from, through, api))
                    .containsExactly("dev", "prod");
            assertThat(client.series("tenant-a", List.of(api), from, through)).containsExactly(API_DEV, API_PROD);
            assertThat(client.stats("tenant-a", api, from, through).entries()).isEqualTo(110);
            assertThat(client.volume("tenant-a", api, from, through, List.of("env"), VolumeAggregation.SERIES, 10))
                    .extracting(Volume::labels)
                    .containsExactlyInAnyOrder(Labels.of("env", "prod"), Labels.of("env", "dev"));
        }
    }

    @Test
    void tenantsAreIsolatedAndRequired() {
        assertThat(stub("tenant-b")
                        .labelNames(IndexLabelRequest.newBuilder()
                                .setFromNanos(T0)
                                .setThroughNanos(T0 + 3600 * SECOND)
                                .build())
                        .getValuesList())
                .isEmpty();
        assertThatThrownBy(() ->
                        IndexGatewayGrpc.newBlockingStub(channel).labelNames(IndexLabelRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void seesFilesUploadedAfterStartAndIsReady() throws Exception {
        Labels late = Labels.of("app", "late", "env", "prod");
        store.put(
                IndexKeys.uploadKey(table, "tenant-a", "ingester-3", T0, 1),
                new IndexWriter("tenant-a")
                        .add(late, ref(late, "c9", 10, 20, 5))
                        .build()
                        .toByteArray());
        // The refresher re-lists at least every second in this test's setting.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            var values = stub("tenant-a")
                    .labelValues(IndexLabelRequest.newBuilder()
                            .setName("app")
                            .setFromNanos(T0)
                            .setThroughNanos(T0 + 3600 * SECOND)
                            .build())
                    .getValuesList();
            if (values.contains("late") || System.nanoTime() > deadline) {
                assertThat(values).contains("late");
                break;
            }
            Thread.sleep(100);
        }
        String port = context.getEnvironment().getRequiredProperty("local.server.port");
        HttpResponse<String> ready = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
    }
}
