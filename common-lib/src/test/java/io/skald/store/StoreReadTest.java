package io.skald.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.chunk.Chunk;
import io.skald.chunk.Codec;
import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import io.skald.chunk.MemChunk;
import io.skald.config.SchemaConfig;
import io.skald.index.ChunkRef;
import io.skald.index.IndexKeys;
import io.skald.index.IndexWriter;
import io.skald.index.Matcher;
import io.skald.index.SeriesChunks;
import io.skald.labels.Labels;
import io.skald.storage.FilesystemObjectStore;
import io.skald.storage.ObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoreReadTest {
    private static final long T0 = 1_767_607_200_000_000_000L; // 2026-01-05T10:00:00Z
    private static final long SECOND = 1_000_000_000L;
    private static final Labels STREAM = Labels.of("app", "api", "env", "prod");

    @TempDir
    Path dir;

    /** Encodes a chunk of {@code line-i} at T0 + i s for i in [from, to) and stores it; returns its ref. */
    private static ChunkRef storeChunk(ObjectStore store, String tenant, Labels labels, int from, int to) {
        MemChunk chunk = new MemChunk(labels, Codec.SNAPPY, 4096, 1 << 20);
        for (int i = from; i < to; i++) {
            chunk.append(T0 + i * SECOND, "line-" + i, Labels.EMPTY);
        }
        byte[] bytes = chunk.encode();
        String key = tenant + "/chunks/" + Chunk.contentHash(bytes);
        store.put(key, bytes);
        return new ChunkRef(
                tenant,
                labels.hash(),
                T0 + from * SECOND,
                T0 + (to - 1) * SECOND,
                key,
                bytes.length,
                bytes.length,
                to - from);
    }

    private static List<Long> seconds(Iterator<LogEntry> it) {
        List<Long> out = new ArrayList<>();
        it.forEachRemaining(e -> {
            assertThat(e.line()).isEqualTo("line-" + (e.timestampNanos() - T0) / SECOND);
            out.add((e.timestampNanos() - T0) / SECOND);
        });
        return out;
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void overlappingChunksAndReplicasMergeInOrderWithoutDuplicates(Direction direction) {
        ObjectStore store = new FilesystemObjectStore(dir.resolve("store"));
        ChunkRef a = storeChunk(store, "t", STREAM, 0, 60);
        ChunkRef b = storeChunk(store, "t", STREAM, 30, 90); // overlaps a on [30, 60)
        ChunkFetcher fetcher = new ChunkFetcher(store, 1 << 20, Duration.ofMinutes(1));
        // An ingester replica holding [80, 100) in memory, already ordered.
        List<LogEntry> recent = new ArrayList<>();
        for (int i = 80; i < 100; i++) {
            recent.add(new LogEntry(T0 + i * SECOND, "line-" + i));
        }
        if (direction == Direction.BACKWARD) {
            java.util.Collections.reverse(recent);
        }
        long from = T0 + 10 * SECOND;
        long through = T0 + 95 * SECOND;
        List<EntrySource> sources = new ArrayList<>();
        for (ChunkRef ref : List.of(a, b)) {
            sources.add(EntrySource.chunk(fetcher, ref.key(), ref.from(), ref.through(), from, through, direction));
        }
        List<LogEntry> inRange = recent.stream()
                .filter(e -> e.timestampNanos() >= from && e.timestampNanos() < through)
                .toList();
        sources.add(EntrySource.of(inRange.iterator(), inRange.getFirst().timestampNanos()));
        sources.add(EntrySource.of(inRange.iterator(), inRange.getFirst().timestampNanos())); // second replica

        List<Long> got = seconds(new DedupMerge(sources, direction));

        List<Long> expected = new ArrayList<>();
        for (long i = 10; i < 95; i++) {
            expected.add(i);
        }
        if (direction == Direction.BACKWARD) {
            java.util.Collections.reverse(expected);
        }
        assertThat(got).isEqualTo(expected);
        assertThat(fetcher.downloads()).isEqualTo(2);
    }

    @Test
    void chunkCacheServesRepeatedFetchesAndIsBoundedByBytes() {
        ObjectStore store = new FilesystemObjectStore(dir.resolve("store"));
        ChunkRef a = storeChunk(store, "t", STREAM, 0, 100);
        ChunkFetcher fetcher = new ChunkFetcher(store, 1 << 20, Duration.ofMinutes(1));
        fetcher.fetch(a.key());
        fetcher.fetch(a.key());
        assertThat(fetcher.downloads()).isEqualTo(1);
        assertThat(fetcher.cachedBytes()).isGreaterThanOrEqualTo(a.compressedBytes());

        ChunkFetcher tiny = new ChunkFetcher(store, 0, Duration.ofMinutes(1));
        tiny.fetch(a.key());
        tiny.fetch(a.key());
        assertThat(tiny.downloads()).isEqualTo(2);
    }

    @Test
    void indexCacheSeesNewUploadsAfterRefreshAndKeepsLocalCopies() {
        ObjectStore store = new FilesystemObjectStore(dir.resolve("store"));
        Duration day = Duration.ofHours(24);
        String table = IndexKeys.tableFor(T0, day, "index_");
        ChunkRef a = storeChunk(store, "t", STREAM, 0, 60);
        store.put(
                IndexKeys.uploadKey(table, "t", "ingester-1", T0, 0),
                new IndexWriter("t").add(STREAM, a).build().toByteArray());
        Path cacheDir = dir.resolve("cache");
        IndexCache cache = new IndexCache(
                d -> store, new SchemaConfig(List.of()), cacheDir, Duration.ofHours(1), day, Clock.systemUTC());
        LocalIndex index = new LocalIndex(cache);
        List<Matcher> matchers = List.of(Matcher.eq("app", "api"));
        long from = T0;
        long through = T0 + 3600 * SECOND;

        assertThat(index.chunkRefs("t", matchers, from, through))
                .extracting(SeriesChunks::labels)
                .containsExactly(STREAM);
        assertThat(index.labelNames("t", from, through, List.of())).containsExactly("app", "env");
        assertThat(index.chunkRefs("other", matchers, from, through)).isEmpty();

        Labels second = Labels.of("app", "api", "env", "dev");
        ChunkRef b = storeChunk(store, "t", second, 0, 10);
        store.put(
                IndexKeys.uploadKey(table, "t", "ingester-2", T0, 0),
                new IndexWriter("t").add(second, b).build().toByteArray());
        // Within the refresh interval the listing is reused ...
        assertThat(index.chunkRefs("t", matchers, from, through)).hasSize(1);
        cache.refreshAll();
        // ... and after a refresh the new file is seen.
        assertThat(index.labelValues("t", "env", from, through, List.of())).containsExactly("dev", "prod");
        assertThat(index.stats("t", matchers, from, through).entries()).isEqualTo(70);
        assertThat(cacheDir.resolve(IndexKeys.uploadKey(table, "t", "ingester-2", T0, 0)))
                .exists();
    }

    @Test
    void labelQueriesAnswerFromWholeOverlappingIndexFilesAsLokisTsdb() {
        ObjectStore store = new FilesystemObjectStore(dir.resolve("store"));
        Duration day = Duration.ofHours(24);
        String table = IndexKeys.tableFor(T0, day, "index_");
        Labels ended = Labels.of("app", "ended");
        Labels running = Labels.of("app", "running");
        Labels later = Labels.of("app", "later");
        store.put(
                IndexKeys.uploadKey(table, "t", "ingester-1", T0, 0),
                new IndexWriter("t")
                        .add(ended, storeChunk(store, "t", ended, 0, 10))
                        .add(running, storeChunk(store, "t", running, 0, 100))
                        .build()
                        .toByteArray());
        store.put(
                IndexKeys.uploadKey(table, "t", "ingester-1", T0 + 200 * SECOND, 1),
                new IndexWriter("t")
                        .add(later, storeChunk(store, "t", later, 200, 210))
                        .build()
                        .toByteArray());
        LocalIndex index = new LocalIndex(
                new IndexCache(d -> store, new SchemaConfig(List.of()), null, Duration.ZERO, day, Clock.systemUTC()));
        long from = T0 + 50 * SECOND;
        long through = T0 + 60 * SECOND;
        // "ended" has no entry in the range but shares a file with "running", which has: Loki lists both.
        assertThat(index.labelValues("t", "app", from, through, List.of())).containsExactly("ended", "running");
        // Series and chunk lookups still check each chunk's time.
        assertThat(index.series("t", List.of(), from, through)).containsExactly(running);
    }
}
