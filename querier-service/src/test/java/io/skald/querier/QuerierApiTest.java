package io.skald.querier;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.skald.chunk.Chunk;
import io.skald.chunk.Codec;
import io.skald.chunk.LogEntry;
import io.skald.chunk.MemChunk;
import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.index.ChunkRef;
import io.skald.index.IndexKeys;
import io.skald.index.IndexWriter;
import io.skald.labels.Labels;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.arrow.ArrowResultCodec;
import io.skald.ring.HazelcastRingStore;
import io.skald.ring.InstanceDesc;
import io.skald.ring.InstanceState;
import io.skald.ring.Ring;
import io.skald.ring.RingConfig;
import io.skald.ring.autoconfigure.RingRegistry;
import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import io.skald.storage.FilesystemObjectStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A real querier reading recent data from two replicated fake ingesters registered in the ingester ring and older
 * data from chunks and index files in a filesystem store.
 */
class QuerierApiTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Labels API = Labels.of("app", "api", "env", "prod");
    private static final Labels WORKER = Labels.of("app", "worker", "env", "dev");
    private static final Labels DB = Labels.of("app", "db", "env", "prod", "team", "x");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static long now;
    private static long recentStart;
    private static long oldStart;
    private static final List<FakeIngester> ingesters = new ArrayList<>();
    private static ConfigurableApplicationContext context;
    private static String baseUrl;
    private static final HttpClient http = HttpClient.newHttpClient();

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<LogEntry> entries(long start, String prefix, int count) {
        List<LogEntry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new LogEntry(start + i * SECOND, prefix + i));
        }
        return out;
    }

    private static void storeChunk(FilesystemObjectStore store, Labels labels, List<LogEntry> entries) {
        MemChunk chunk = new MemChunk(labels, Codec.GZIP, 4096, 1 << 20);
        entries.forEach(chunk::append);
        byte[] bytes = chunk.encode();
        String key = "tenant-a/chunks/" + Chunk.contentHash(bytes);
        store.put(key, bytes);
        long from = entries.getFirst().timestampNanos();
        ChunkRef ref = new ChunkRef(
                "tenant-a",
                labels.hash(),
                from,
                entries.getLast().timestampNanos(),
                key,
                bytes.length,
                bytes.length * 3L,
                entries.size());
        String table = IndexKeys.tableFor(from, Duration.ofHours(24), "index_");
        store.put(
                IndexKeys.uploadKey(table, "tenant-a", "ingester-x", from, Math.floorMod(key.hashCode(), 1_000_000)),
                new IndexWriter("tenant-a").add(labels, ref).build().toByteArray());
    }

    @BeforeAll
    static void start() throws Exception {
        now = System.currentTimeMillis() * 1_000_000L;
        recentStart = now - 600 * SECOND;
        oldStart = now - 5 * 3600 * SECOND;
        List<LogEntry> recent = entries(recentStart, "recent-", 100);
        // Two replicas of the same stream, one of them also holding another stream.
        ingesters.add(new FakeIngester("tenant-a", Map.of(API, recent, WORKER, entries(recentStart, "w-", 10))));
        ingesters.add(new FakeIngester("tenant-a", Map.of(API, recent)));
        // Drilldown data of its own tenant: JSON and logfmt lines.
        List<LogEntry> web = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            web.add(new LogEntry(
                    recentStart + i * SECOND,
                    i % 2 == 0
                            ? "{\"status\":" + (200 + i % 3) + ",\"path\":\"/p" + i % 5 + "\",\"took\":\"" + i + "ms\"}"
                            : "status=" + (200 + i % 3) + " path=/p" + i % 5 + " size=" + i + "KB"));
        }
        ingesters.add(new FakeIngester(
                "tenant-d",
                Map.of(Labels.of("app", "web", "pod", "web-1"), web, Labels.of("app", "db", "pod", "db-1"), web)));

        Path storeDir = Files.createDirectories(dir.resolve("store"));
        FilesystemObjectStore store = new FilesystemObjectStore(storeDir);
        storeChunk(store, API, entries(oldStart, "old-", 50));
        storeChunk(store, API, recent.subList(0, 20)); // already flushed, still held by the ingesters
        storeChunk(store, DB, entries(oldStart, "db-", 5));

        int grpcPort = freePort();
        Path overridesFile = Files.writeString(
                dir.resolve("overrides.yaml"), "overrides:\n  tenant-b:\n    max_entries_limit_per_query: 10\n");
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
                    - from: 2020-01-01
                      store: tsdb
                      object_store: filesystem
                      schema: v13
                      index:
                        prefix: index_
                        period: 24h
                storage_config:
                  filesystem:
                    directory: %s
                limits_config:
                  max_entries_limit_per_query: 5000
                runtime_config:
                  file: %s
                """.formatted(grpcPort, storeDir, overridesFile);
        LokiConfig config = LokiConfigLoader.parse(yaml, false, name -> null, Map.of());
        context = SkaldApplication.start(
                QuerierApplication.class,
                Target.QUERIER,
                config,
                Map.of("spring.grpc.server.address", "127.0.0.1:" + grpcPort));
        baseUrl = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");

        HazelcastRingStore ringStore = new HazelcastRingStore(context.getBean(HazelcastInstance.class), "ingester");
        int i = 0;
        for (FakeIngester ingester : ingesters) {
            i++;
            ringStore.put(new InstanceDesc(
                    "ingester-" + i,
                    ingester.address(),
                    "",
                    "",
                    InstanceState.ACTIVE,
                    List.of(i * 1000),
                    System.currentTimeMillis(),
                    System.currentTimeMillis()));
        }
        Ring ring = context.getBean(RingRegistry.class)
                .ring(RingConfig.ingester(config.ingester().lifecycler()));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ring.instances().size() < ingesters.size() && System.nanoTime() < deadline) {
            ring.refresh();
            Thread.sleep(50);
        }
        assertThat(ring.instances()).hasSize(ingesters.size());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        ingesters.forEach(FakeIngester::close);
    }

    private static HttpResponse<String> get(String path, Map<String, String> params, String tenant) throws Exception {
        String query = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path + "?" + query));
        if (tenant != null) {
            request.header("X-Scope-OrgID", tenant);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> range(Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("start", Long.toString(now - 6 * 3600 * SECOND));
        params.put("end", Long.toString(now + SECOND));
        params.putAll(extra);
        return params;
    }

    private static List<String> lines(JsonNode body) {
        List<String> lines = new ArrayList<>();
        for (JsonNode stream : body.get("data").get("result")) {
            for (JsonNode value : stream.get("values")) {
                lines.add(value.get(1).asString());
            }
        }
        return lines;
    }

    @Test
    void aFrontendAcceptingArrowGetsTheSameResultAsArrowColumns() throws Exception {
        Map<String, String> params = range(Map.of("query", "{env=\"prod\"}", "limit", "1000", "direction", "forward"));
        String query = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/loki/api/v1/query_range?" + query))
                        .header("X-Scope-OrgID", "tenant-a")
                        .header("Accept", ArrowResultCodec.MEDIA_TYPE)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(ArrowResultCodec.MEDIA_TYPE));
        QueryResult.Streams fromArrow;
        try (ArrowResultCodec codec = new ArrowResultCodec()) {
            fromArrow = (QueryResult.Streams) codec.decode(response.body());
        }
        JsonNode json = JSON.readTree(
                get("/loki/api/v1/query_range", params, "tenant-a").body());
        List<String> arrowLines = new ArrayList<>();
        fromArrow.streams().forEach(st -> st.entries().forEach(e -> arrowLines.add(e.line())));
        assertThat(arrowLines).isNotEmpty().containsExactlyElementsOf(lines(json));
        assertThat(fromArrow.streams())
                .extracting(st -> st.labels().toString())
                .containsExactly(java.util.stream.StreamSupport.stream(
                                json.get("data").get("result").spliterator(), false)
                        .map(st -> labelsOf(st.get("stream")))
                        .toArray(String[]::new));
    }

    private static String labelsOf(JsonNode stream) {
        Labels.Builder b = Labels.builder();
        stream.properties().forEach(e -> b.set(e.getKey(), e.getValue().asString()));
        return b.build().toString();
    }

    @Test
    void queryRangeMergesStoreAndReplicatedIngestersWithoutDuplicates() throws Exception {
        HttpResponse<String> response = get(
                "/loki/api/v1/query_range",
                range(Map.of("query", "{app=\"api\"}", "limit", "1000", "direction", "forward")),
                "tenant-a");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asString()).isEqualTo("success");
        assertThat(body.get("data").get("resultType").asString()).isEqualTo("streams");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("old-" + i);
        }
        for (int i = 0; i < 100; i++) {
            expected.add("recent-" + i);
        }
        assertThat(lines(body)).containsExactlyElementsOf(expected);
        assertThat(body.get("data")
                        .get("result")
                        .get(0)
                        .get("stream")
                        .get("app")
                        .asString())
                .isEqualTo("api");
        assertThat(ingesters.getFirst().tenantsSeen).contains("tenant-a");
    }

    @Test
    void statsReportWhatWasReadFromChunksAndIngesters() throws Exception {
        JsonNode stats = JSON.readTree(get(
                                "/loki/api/v1/query_range",
                                range(Map.of("query", "{app=\"api\"}", "limit", "1000")),
                                "tenant-a")
                        .body())
                .get("data")
                .get("stats");
        long oldBytes = 0;
        long flushedBytes = 0;
        long recentBytes = 0;
        for (int i = 0; i < 100; i++) {
            oldBytes += i < 50 ? ("old-" + i).length() : 0;
            flushedBytes += i < 20 ? ("recent-" + i).length() : 0;
            recentBytes += ("recent-" + i).length();
        }
        JsonNode store = stats.get("querier").get("store");
        assertThat(store.get("totalChunksRef").asLong()).isEqualTo(2);
        assertThat(store.get("totalChunksDownloaded").asLong()).isEqualTo(2);
        assertThat(store.get("chunk").get("decompressedLines").asLong()).isEqualTo(70);
        assertThat(store.get("chunk").get("decompressedBytes").asLong()).isEqualTo(oldBytes + flushedBytes);
        assertThat(store.get("chunk").get("compressedBytes").asLong()).isPositive();
        // 270 lines read (70 from chunks, 100 from each of two replicas), 150 returned.
        assertThat(store.get("chunk").get("totalDuplicates").asLong()).isEqualTo(120);
        JsonNode ingester = stats.get("ingester");
        assertThat(ingester.get("totalReached").asLong()).isEqualTo(ingesters.size());
        assertThat(ingester.get("totalLinesSent").asLong()).isEqualTo(200);
        assertThat(ingester.get("totalBatches").asLong()).isPositive();
        assertThat(ingester.get("store").get("chunk").get("decompressedBytes").asLong())
                .isEqualTo(2 * recentBytes);
        JsonNode summary = stats.get("summary");
        assertThat(summary.get("totalLinesProcessed").asLong()).isEqualTo(270);
        assertThat(summary.get("totalBytesProcessed").asLong()).isEqualTo(oldBytes + flushedBytes + 2 * recentBytes);
        assertThat(summary.get("totalEntriesReturned").asLong()).isEqualTo(150);
        assertThat(summary.get("execTime").asDouble()).isPositive();
        assertThat(summary.get("linesProcessedPerSecond").asLong()).isPositive();
        assertThat(stats.get("cache").get("chunk").get("requests").asLong()).isZero();
    }

    @Test
    void metricQueriesRunThroughTheEngineOverDeduplicatedData() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", "sum(count_over_time({app=\"api\"}[1h]))");
        params.put("time", Long.toString(now));
        HttpResponse<String> instant = get("/loki/api/v1/query", params, "tenant-a");
        assertThat(instant.statusCode()).as(instant.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(instant.body()).get("data");
        assertThat(result.get("resultType").asString()).isEqualTo("vector");
        assertThat(result.get("result").get(0).get("value").get(1).asString()).isEqualTo("100");

        HttpResponse<String> filtered = get(
                "/loki/api/v1/query_range",
                range(Map.of("query", "{app=\"api\"} |= \"old-4\"", "limit", "100")),
                "tenant-a");
        assertThat(lines(JSON.readTree(filtered.body())))
                .containsExactlyInAnyOrder(
                        "old-4", "old-40", "old-41", "old-42", "old-43", "old-44", "old-45", "old-46", "old-47",
                        "old-48", "old-49");
    }

    @Test
    void tailSendsHistoryThenLiveEntriesOnceAcrossReplicas() throws Exception {
        java.util.concurrent.BlockingQueue<String> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        String query = URLEncoder.encode("{app=\"api\"} |= \"-\"", StandardCharsets.UTF_8);
        URI uri = URI.create(baseUrl.replace("http://", "ws://") + "/loki/api/v1/tail?query=" + query
                + "&limit=3&start=" + (recentStart + 50 * SECOND));
        java.net.http.WebSocket socket = http.newWebSocketBuilder()
                .header("X-Scope-OrgID", "tenant-a")
                .buildAsync(uri, new java.net.http.WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(
                            java.net.http.WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            messages.add(text.toString());
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        try {
            String history = messages.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(history).isNotNull();
            List<String> historyLines = new ArrayList<>();
            for (JsonNode stream : JSON.readTree(history).get("streams")) {
                for (JsonNode value : stream.get("values")) {
                    historyLines.add(value.get(1).asString());
                }
            }
            assertThat(historyLines).containsExactly("recent-50", "recent-51", "recent-52");

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ingesters.stream().anyMatch(i -> i.openTails() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            LogEntry live = new LogEntry(System.currentTimeMillis() * 1_000_000L, "live-1");
            ingesters.forEach(i -> i.emit(API, live));
            ingesters.forEach(i -> i.emit(API, new LogEntry(live.timestampNanos() + 1, "filtered out")));
            String message = messages.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            JsonNode stream = JSON.readTree(message).get("streams").get(0);
            assertThat(stream.get("stream").get("app").asString()).isEqualTo("api");
            assertThat(stream.get("values").get(0).get(1).asString()).isEqualTo("live-1");
            assertThat(messages.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isNull();
        } finally {
            socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye")
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void backwardWithLimitReturnsTheNewestEntries() throws Exception {
        HttpResponse<String> response = get(
                "/loki/api/v1/query_range", range(Map.of("query", "{env=~\"prod|dev\"}", "limit", "3")), "tenant-a");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(lines(JSON.readTree(response.body()))).containsExactly("recent-99", "recent-98", "recent-97");
    }

    @Test
    void postFormBodyIsAccepted() throws Exception {
        String form = "query=" + URLEncoder.encode("{app=\"db\"}", StandardCharsets.UTF_8) + "&limit=10&start="
                + (now - 6 * 3600 * SECOND) + "&end=" + now;
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/loki/api/v1/query_range"))
                        .header("X-Scope-OrgID", "tenant-a")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(lines(JSON.readTree(response.body()))).containsExactly("db-4", "db-3", "db-2", "db-1", "db-0");
    }

    @Test
    void labelsValuesAndSeriesUniteIngestersAndStore() throws Exception {
        HttpResponse<String> labels = get("/loki/api/v1/labels", range(Map.of()), "tenant-a");
        assertThat(labels.body()).isEqualTo("{\"status\":\"success\",\"data\":[\"app\",\"env\",\"team\"]}");

        HttpResponse<String> values = get("/loki/api/v1/label/app/values", range(Map.of()), "tenant-a");
        assertThat(values.body()).isEqualTo("{\"status\":\"success\",\"data\":[\"api\",\"db\",\"worker\"]}");

        HttpResponse<String> scoped =
                get("/loki/api/v1/label/app/values", range(Map.of("query", "{env=\"dev\"}")), "tenant-a");
        assertThat(scoped.body()).isEqualTo("{\"status\":\"success\",\"data\":[\"worker\"]}");

        HttpResponse<String> series =
                get("/loki/api/v1/series", range(Map.of("match[]", "{env=\"prod\"}")), "tenant-a");
        JsonNode data = JSON.readTree(series.body()).get("data");
        List<Map<String, String>> got = new ArrayList<>();
        for (JsonNode s : data) {
            Map<String, String> m = new HashMap<>();
            s.properties().forEach(e -> m.put(e.getKey(), e.getValue().asString()));
            got.add(m);
        }
        assertThat(got)
                .containsExactlyInAnyOrder(
                        Map.of("app", "api", "env", "prod"), Map.of("app", "db", "env", "prod", "team", "x"));

        HttpResponse<String> nothing = get("/loki/api/v1/labels", range(Map.of()), "tenant-b");
        assertThat(nothing.body()).isEqualTo("{\"status\":\"success\"}");
    }

    @Test
    void multiTenantReadsTagStreamsWithTheTenant() throws Exception {
        HttpResponse<String> response = get(
                "/loki/api/v1/query_range", range(Map.of("query", "{app=\"db\"}", "limit", "2")), "tenant-a|tenant-b");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode stream =
                JSON.readTree(response.body()).get("data").get("result").get(0);
        assertThat(stream.get("stream").get("__tenant_id__").asString()).isEqualTo("tenant-a");
        assertThat(lines(JSON.readTree(response.body()))).containsExactly("db-4", "db-3");

        HttpResponse<String> excluded = get(
                "/loki/api/v1/query_range",
                range(Map.of("query", "{app=\"db\", __tenant_id__=\"tenant-b\"}")),
                "tenant-a|tenant-b");
        assertThat(JSON.readTree(excluded.body()).get("data").get("result")).isEmpty();

        HttpResponse<String> values = get("/loki/api/v1/label/app/values", range(Map.of()), "tenant-b|tenant-a");
        assertThat(values.body()).isEqualTo("{\"status\":\"success\",\"data\":[\"api\",\"db\",\"worker\"]}");
    }

    @Test
    void perTenantOverridesApply() throws Exception {
        assertThat(context.getBean(io.skald.limits.Overrides.class)
                        .forTenant("tenant-b")
                        .maxEntriesLimitPerQuery())
                .isEqualTo(10);
        Map<String, String> params = range(Map.of("query", "{app=\"api\"}", "limit", "20"));
        assertThat(get("/loki/api/v1/query_range", params, "tenant-a").statusCode())
                .isEqualTo(200);
        HttpResponse<String> limited = get("/loki/api/v1/query_range", params, "tenant-b");
        assertThat(limited.statusCode()).isEqualTo(400);
        assertThat(limited.body())
                .isEqualTo("max entries limit per query exceeded, limit > max_entries_limit_per_query (20 > 10)\n");
    }

    @Test
    void indexStatsAddTheIngestersStreamsOnceAcrossReplicasAndStore() throws Exception {
        // Store: api (2 chunks, 70 entries) and db (1 chunk, 5); ingesters: api on both replicas (100 entries, the
        // fake reports all it holds as unflushed) and worker on one (10).
        JsonNode api =
                JSON.readTree(get("/loki/api/v1/index/stats", range(Map.of("query", "{app=\"api\"}")), "tenant-a")
                        .body());
        assertThat(api.get("streams").asLong()).isEqualTo(1);
        assertThat(api.get("chunks").asLong()).isEqualTo(3);
        assertThat(api.get("entries").asLong()).isEqualTo(170);

        JsonNode all =
                JSON.readTree(get("/loki/api/v1/index/stats", range(Map.of("query", "{app=~\".+\"}")), "tenant-a")
                        .body());
        assertThat(all.get("streams").asLong()).isEqualTo(3);
        assertThat(all.get("chunks").asLong()).isEqualTo(5);
        assertThat(all.get("entries").asLong()).isEqualTo(185);
    }

    @Test
    void volumeAddsTheIngestersBytesOncePerStream() throws Exception {
        long workerBytes = 0;
        for (int i = 0; i < 10; i++) {
            workerBytes += ("w-" + i).length();
        }
        JsonNode body = JSON.readTree(get(
                        "/loki/api/v1/index/volume",
                        range(Map.of("query", "{app=~\"worker|db\"}", "targetLabels", "app")),
                        "tenant-a")
                .body());
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (JsonNode sample : body.get("data").get("result")) {
            bytes.put(
                    sample.get("metric").get("app").asString(),
                    Long.parseLong(sample.get("value").get(1).asString()));
        }
        // db only in the store (the test's ChunkRef records 3x the encoded size as uncompressed bytes).
        assertThat(bytes).containsOnlyKeys("worker", "db");
        assertThat(bytes.get("worker")).isEqualTo(workerBytes);
    }

    @Test
    void detectedFieldsComeFromTheQuerysNewestLines() throws Exception {
        HttpResponse<String> response = get(
                "/loki/api/v1/detected_fields",
                range(Map.of("query", "{app=\"web\"}", "line_limit", "30")),
                "tenant-d");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        body.get("fields").forEach(f -> fields.put(f.get("label").asString(), f));
        assertThat(fields).containsOnlyKeys("status", "path", "took", "size");
        assertThat(fields.get("status").get("type").asString()).isEqualTo("int");
        assertThat(fields.get("status").get("cardinality").asLong()).isEqualTo(3);
        assertThat(fields.get("status").get("parsers").toString())
                .isIn("[\"json\",\"logfmt\"]", "[\"logfmt\",\"json\"]");
        assertThat(fields.get("path").get("cardinality").asLong()).isEqualTo(5);
        assertThat(fields.get("took").get("type").asString()).isEqualTo("duration");
        assertThat(fields.get("size").get("type").asString()).isEqualTo("bytes");
        assertThat(body.get("limit").asInt()).isEqualTo(1000);

        // line_limit samples the newest lines only: the 5 newest have 3 distinct paths.
        JsonNode few = JSON.readTree(get(
                        "/loki/api/v1/detected_field/path/values",
                        range(Map.of("query", "{app=\"web\"}", "line_limit", "3")),
                        "tenant-d")
                .body());
        assertThat(few.get("values").toString()).isEqualTo("[\"/p2\",\"/p3\",\"/p4\"]");

        HttpResponse<String> metric = get(
                "/loki/api/v1/detected_fields",
                range(Map.of("query", "count_over_time({app=\"web\"}[1m])")),
                "tenant-d");
        assertThat(metric.statusCode()).isEqualTo(400);
    }

    @Test
    void detectedLabelsPatternsAndDrilldownLimits() throws Exception {
        JsonNode labels = JSON.readTree(
                get("/loki/api/v1/detected_labels", range(Map.of()), "tenant-d").body());
        assertThat(labels.get("detectedLabels").toString())
                .isEqualTo("[{\"label\":\"app\",\"cardinality\":2},{\"label\":\"pod\",\"cardinality\":2}]");

        JsonNode patterns = JSON.readTree(
                get("/loki/api/v1/patterns", range(Map.of("query", "{app=\"web\"}", "step", "3600s")), "tenant-d")
                        .body());
        assertThat(patterns.get("status").asString()).isEqualTo("success");
        long total = 0;
        for (JsonNode pattern : patterns.get("data")) {
            assertThat(pattern.get("pattern").asString()).isNotBlank();
            assertThat(pattern.get("level").asString()).isEqualTo("unknown");
            for (JsonNode sample : pattern.get("samples")) {
                assertThat(sample.get(0).asLong() % 3600).isZero();
                total += sample.get(1).asLong();
            }
        }
        assertThat(total).isEqualTo(30);
        assertThat(patterns.get("data")).hasSize(2);

        JsonNode limits = JSON.readTree(
                get("/loki/api/v1/drilldown-limits", Map.of(), "tenant-d").body());
        assertThat(limits.get("pattern_ingester_enabled").asBoolean()).isTrue();
    }

    @Test
    void formatQueryPrintsCanonicalForm() throws Exception {
        HttpResponse<String> response =
                get("/loki/api/v1/format_query", Map.of("query", "vector(1)+vector(1)"), "tenant-a");
        assertThat(response.body())
                .isEqualTo("{\"status\":\"success\",\"data\":\"(vector(1.000000) + vector(1.000000))\"}");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/loki/api/v1/query|{app=\"api\"}|||400|log queries are not supported as an instant query type,"
                        + " please change your query to a range query type",
                "/loki/api/v1/query_range|{app=\"api\"}|-5||400|limit must be a positive value",
                "/loki/api/v1/query_range|{app=\"api\"}|abc||400|could not parse 'limit' parameter: strconv.ParseInt:"
                        + " parsing \"abc\": invalid syntax",
                "/loki/api/v1/query_range|{app=\"api\"}|6000||400|max entries limit per query exceeded, limit >"
                        + " max_entries_limit_per_query (6000 > 5000)",
                "/loki/api/v1/query_range|{app=\"api\"||tenant-a|400|parse error at line 1, col 11: syntax error:"
                        + " unexpected $end, expecting } or ,",
                "/loki/api/v1/query_range|{app=\"api\"}|||401|no org id",
            })
    void parameterErrorsAnswerLokisTexts(
            String path, String query, String limit, String tenant, int status, String text) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("query", query);
        if (limit != null) {
            params.put("limit", limit);
        }
        boolean noTenant = status == 401;
        HttpResponse<String> response = get(path, params, noTenant ? null : "tenant-a");
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(text + "\n");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    }
}
