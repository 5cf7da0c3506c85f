package io.skald.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An iterator over the blocks of several chunks of one stream (as an ingester answers a query) returns every entry
 * once, in time order, however much the blocks overlap: entries pushed out of order by concurrent clients.
 */
class EntryIteratorMergeTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyEntryOfOverlappingChunksComesBackOnceInTimeOrder(int seed) {
        Random random = new Random(seed);
        List<LogEntry> pushed = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        MemChunk chunk = newChunk();
        long base = 1_000_000_000_000L;
        for (int i = 0; i < 20_000; i++) {
            // Four clients' pushes interleave: timestamps jitter around a rising clock.
            long ts = base + i * 1_000L + random.nextInt(400_000);
            LogEntry entry = new LogEntry(ts, "line " + i + " " + "x".repeat(random.nextInt(200)));
            chunk.append(entry);
            pushed.add(entry);
            if (random.nextInt(3_000) == 0) {
                // A chunk closed early (full, idle, or a replay), the next one overlapping it in time.
                blocks.addAll(Chunk.decode(chunk.encode()).blocks());
                chunk = newChunk();
            }
        }
        blocks.addAll(chunk.snapshotBlocks());
        List<LogEntry> expected = new ArrayList<>(pushed);
        expected.sort(Comparator.comparingLong(LogEntry::timestampNanos));

        List<LogEntry> forward = EntryIterator.over(blocks, 0, Long.MAX_VALUE, Direction.FORWARD, ContentQuery.ANY)
                .toList();
        assertThat(forward).hasSize(pushed.size());
        assertThat(forward)
                .extracting(LogEntry::timestampNanos)
                .containsExactlyElementsOf(
                        expected.stream().map(LogEntry::timestampNanos).toList());
        assertThat(sorted(forward)).isEqualTo(sorted(pushed));

        List<LogEntry> backward = EntryIterator.over(blocks, 0, Long.MAX_VALUE, Direction.BACKWARD, ContentQuery.ANY)
                .toList();
        assertThat(sorted(backward)).isEqualTo(sorted(pushed));
        assertThat(backward.reversed())
                .extracting(LogEntry::timestampNanos)
                .containsExactlyElementsOf(
                        expected.stream().map(LogEntry::timestampNanos).toList());
    }

    /** Entries as text, sorted, to compare as multisets in n log n. */
    private static List<String> sorted(List<LogEntry> entries) {
        return entries.stream()
                .map(e -> e.timestampNanos() + " " + e.line())
                .sorted()
                .toList();
    }

    private static MemChunk newChunk() {
        return new MemChunk(Labels.of("app", "merge"), Codec.SNAPPY, 16 * 1024, 256 * 1024, ContentFilterSpec.DEFAULT);
    }
}
