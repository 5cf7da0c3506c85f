package io.skald.ingester;

import static io.skald.ingester.IngesterGrpcTest.eq;
import static io.skald.ingester.IngesterGrpcTest.lines;
import static io.skald.ingester.IngesterGrpcTest.query;
import static io.skald.ingester.IngesterProcess.entry;
import static io.skald.ingester.IngesterProcess.push;
import static org.assertj.core.api.Assertions.assertThat;

import io.skald.chunk.Chunk;
import io.skald.chunk.Codec;
import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import io.skald.index.ChunkRef;
import io.skald.index.IndexFile;
import io.skald.index.IndexReader;
import io.skald.index.Matcher;
import io.skald.labels.Labels;
import io.skald.storage.FilesystemObjectStore;
import io.skald.storage.ObjectStore;
import io.skald.storage.S3ObjectStore;
import io.skald.storage.S3Settings;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunks reach the object store, content-addressed under the tenant, from /flush and from the flush loop. */
class IngesterFlushTest {
    private static final long BASE = 1_760_000_000_000_000_000L;

    @TempDir
    Path dataDir;

    @Test
    void flushEndpointWritesEveryChunkToTheFilesystemStoreAndKeepsItQueryableDuringRetention() {
        // No schema_config: the filesystem store under <path_prefix>/chunks.
        try (IngesterProcess ingester =
                IngesterProcess.start(dataDir, "", Map.of("ingester.chunk_retain_period", "1h"))) {
            ingester.pusher("team-a").push(push("{app=\"api\"}", entry(BASE + 1, "first"), entry(BASE + 2, "second")));
            ingester.pusher("team-a").push(push("{app=\"web\"}", entry(BASE + 5, "web line")));

            HttpResponse<String> flush = ingester.http("POST", "/flush");
            assertThat(flush.statusCode()).isEqualTo(204);

            ObjectStore store = new FilesystemObjectStore(dataDir.resolve("chunks"));
            List<String> keys = store.list("team-a/chunks/");
            assertThat(keys).hasSize(2);
            for (String key : keys) {
                byte[] bytes = store.get(key);
                assertThat(key).isEqualTo("team-a/chunks/" + Chunk.contentHash(bytes));
                Chunk chunk = Chunk.decode(bytes);
                assertThat(chunk.codec()).isEqualTo(Codec.SNAPPY);
                // ingester.chunk_content_filter_bits defaults to 2: every flushed block carries its content filter.
                assertThat(chunk.hasContentFilters()).isTrue();
                List<String> lines = chunk.iterator(0, Long.MAX_VALUE, Direction.FORWARD).toList().stream()
                        .map(LogEntry::line)
                        .toList();
                if (chunk.labels().equals(Labels.of("app", "api"))) {
                    assertThat(lines).containsExactly("first", "second");
                } else {
                    assertThat(chunk.labels()).isEqualTo(Labels.of("app", "web"));
                    assertThat(lines).containsExactly("web line");
                }
            }

            // The refs went to an index file of the day's table, named for this ingester.
            List<String> indexKeys = store.list("index/");
            long table = Math.floorDiv(BASE, Duration.ofHours(24).toNanos());
            assertThat(indexKeys)
                    .singleElement()
                    .satisfies(key -> assertThat(key).startsWith("index/index_" + table + "/team-a/ingester-test-"));
            IndexReader index = new IndexReader(List.of(IndexFile.open(store.get(indexKeys.getFirst()))));
            List<ChunkRef> refs = index.chunkRefs(List.of(Matcher.re("app", ".+")), 0, Long.MAX_VALUE);
            assertThat(refs).extracting(ChunkRef::key).containsExactlyInAnyOrderElementsOf(keys);
            ChunkRef api = index.chunkRefs(List.of(Matcher.eq("app", "api")), 0, Long.MAX_VALUE)
                    .getFirst();
            assertThat(api.tenant()).isEqualTo("team-a");
            assertThat(api.fingerprint()).isEqualTo(Labels.of("app", "api").hash());
            assertThat(api.from()).isEqualTo(BASE + 1);
            assertThat(api.through()).isEqualTo(BASE + 2);
            assertThat(api.entries()).isEqualTo(2);
            assertThat(index.series(List.of(Matcher.re("app", ".+")), 0, Long.MAX_VALUE))
                    .containsExactlyInAnyOrder(Labels.of("app", "api"), Labels.of("app", "web"));

            // Retained after the flush: still answered from memory.
            assertThat(lines(query(
                            "team-a",
                            eq("app", "api"),
                            BASE,
                            BASE + 10,
                            io.skald.proto.ingester.Direction.FORWARD,
                            0,
                            ingester)))
                    .containsExactly("first", "second");

            String metrics = ingester.http("GET", "/metrics").body();
            assertThat(metrics)
                    .contains("loki_ingester_chunks_flushed_total{reason=\"forced\"} 2.0")
                    .contains("loki_ingester_memory_streams 2.0")
                    .contains("loki_ingester_chunks_flush_failures_total 0.0")
                    .containsPattern("loki_ingester_wal_logged_bytes_total [1-9]");

            // A second flush has nothing new to write.
            assertThat(ingester.http("POST", "/flush").statusCode()).isEqualTo(204);
            assertThat(store.list("team-a/chunks/")).hasSize(2);
            assertThat(store.list("index/")).hasSize(1);
        }
    }

    @Test
    void idleChunksAreFlushedToS3ByTheFlushLoop() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
                .build();
        proxy.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            String endpoint = "http://127.0.0.1:" + proxy.getPort();
            S3Settings settings = new S3Settings(endpoint, "us-east-1", "access", "secret", List.of("chunks"), true);
            try (S3ObjectStore s3 = new S3ObjectStore(settings)) {
                s3.createBucketsIfMissing();
                String yaml = """
                        schema_config:
                          configs:
                            - from: 2020-01-01
                              store: tsdb
                              object_store: s3
                              schema: v13
                              index:
                                prefix: index_
                                period: 24h
                        storage_config:
                          aws:
                            endpoint: %s
                            region: us-east-1
                            access_key_id: access
                            secret_access_key: secret
                            bucketnames: chunks
                            s3forcepathstyle: true
                        """.formatted(endpoint);
                try (IngesterProcess ingester = IngesterProcess.start(
                        dataDir,
                        yaml,
                        Map.of("ingester.chunk_idle_period", "300ms", "ingester.chunk_encoding", "zstd"))) {
                    ingester.pusher("s3-tenant")
                            .push(push("{app=\"idle\"}", entry(BASE, "quiet"), entry(BASE + 1, "then silence")));

                    long flushDeadline =
                            System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (s3.list("s3-tenant/chunks/").isEmpty() && System.nanoTime() < flushDeadline) {
                        Thread.sleep(50);
                    }
                    List<String> keys = s3.list("s3-tenant/chunks/");
                    assertThat(keys).hasSize(1);
                    byte[] bytes = s3.get(keys.getFirst());
                    assertThat(keys.getFirst()).isEqualTo("s3-tenant/chunks/" + Chunk.contentHash(bytes));
                    Chunk chunk = Chunk.decode(bytes);
                    assertThat(chunk.codec()).isEqualTo(Codec.ZSTD);
                    assertThat(chunk.iterator(0, Long.MAX_VALUE, Direction.FORWARD)
                                    .toList())
                            .extracting(LogEntry::line)
                            .containsExactly("quiet", "then silence");
                    long metricsDeadline =
                            System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    String metrics = "";
                    while (System.nanoTime() < metricsDeadline) {
                        metrics = ingester.http("GET", "/metrics").body();
                        if (metrics.contains("loki_ingester_chunks_flushed_total{reason=\"idle\"} 1.0")) {
                            break;
                        }
                        Thread.sleep(20);
                    }
                    assertThat(metrics).contains("loki_ingester_chunks_flushed_total{reason=\"idle\"} 1.0");
                    // The index file goes to the same store at the next upload; /flush uploads at once.
                    assertThat(ingester.http("POST", "/flush").statusCode()).isEqualTo(204);
                    List<String> indexKeys = s3.list("index/");
                    assertThat(indexKeys)
                            .singleElement()
                            .satisfies(key -> assertThat(key).contains("/s3-tenant/"));
                    assertThat(IndexFile.open(s3.get(indexKeys.getFirst())).chunkRefCount())
                            .isEqualTo(1);
                }
            }
        } finally {
            proxy.stop();
        }
    }
}
