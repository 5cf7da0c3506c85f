package io.skald.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.chunk.Chunk;
import io.skald.chunk.Codec;
import io.skald.chunk.ContentFilterSpec;
import io.skald.chunk.ContentQuery;
import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import io.skald.chunk.MemChunk;
import io.skald.labels.Labels;
import io.skald.storage.FilesystemObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The store path with content filters: a stored chunk read through the fetcher skips blocks, lines stay the same. */
class ContentSkippingStoreTest {
    private static final String NEEDLE = "request_id=5f0c2a9e-needle";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Direction.class)
    void aNeedleReadsFewerBlocksAndFindsTheSameLines(Direction direction) {
        FilesystemObjectStore store = new FilesystemObjectStore(dir);
        MemChunk chunk = new MemChunk(Labels.of("app", "api"), Codec.ZSTD, 4096, 0, ContentFilterSpec.DEFAULT);
        Random random = new Random(11);
        long start = 1_767_225_600_000_000_000L;
        for (int i = 0; i < 5_000; i++) {
            String line = String.format(
                    Locale.ROOT, "level=info msg=\"served\" request_id=%016x bytes=%d", random.nextLong(), i);
            chunk.append(start + i * 1_000_000L, i == 2_500 ? line + " " + NEEDLE : line, Labels.EMPTY);
        }
        byte[] encoded = chunk.encode();
        String key = "chunks/" + Chunk.contentHash(encoded);
        store.put(key, encoded);
        ChunkFetcher fetcher = new ChunkFetcher(store, 0, Duration.ZERO);
        long through = start + 5_000 * 1_000_000L;
        ContentQuery query = ContentQuery.of(List.of(List.of(NEEDLE)));

        List<LogEntry> skipping =
                needleLines(EntrySource.chunk(fetcher, key, start, through, start, through + 1, direction, query));
        List<LogEntry> reading =
                needleLines(EntrySource.chunk(fetcher, key, start, through, start, through + 1, direction));
        assertThat(skipping).hasSize(1).isEqualTo(reading);
        assertThat(skipping.getFirst().timestampNanos()).isEqualTo(start + 2_500 * 1_000_000L);

        Chunk decoded = fetcher.fetch(key);
        long read = decoded.blocks().stream().filter(b -> b.mayMatch(query)).count();
        assertThat(decoded.blocks()).hasSizeGreaterThan(50);
        assertThat(read).isBetween(1L, 3L);
    }

    private static List<LogEntry> needleLines(EntrySource source) {
        List<LogEntry> out = new ArrayList<>();
        Iterator<LogEntry> it = source.opener().get();
        while (it.hasNext()) {
            LogEntry e = it.next();
            if (e.line().contains(NEEDLE)) {
                out.add(e);
            }
        }
        return out;
    }
}
