package io.skald.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexMergerTest {
    private final RandomIndex data = new RandomIndex(21, 300, 6);

    /** Three overlapping uploads: every chunk goes to two of them at random, as with replication. */
    private List<IndexFile> uploads() {
        Random random = new Random(4);
        List<IndexWriter> writers = List.of(
                new IndexWriter(RandomIndex.TENANT),
                new IndexWriter(RandomIndex.TENANT),
                new IndexWriter(RandomIndex.TENANT));
        data.series.forEach((labels, refs) -> {
            for (ChunkRef ref : refs) {
                int skip = random.nextInt(3);
                for (int w = 0; w < 3; w++) {
                    if (w != skip) {
                        writers.get(w).add(labels, ref);
                    }
                }
            }
        });
        return writers.stream().map(IndexWriter::build).toList();
    }

    @Test
    void mergedFileAnswersLikeItsInputs() {
        List<IndexFile> uploads = uploads();
        IndexFile merged = IndexMerger.merge(uploads);
        assertThat(merged.seriesCount()).isEqualTo(data.series.size());
        assertThat(merged.chunkRefCount())
                .isEqualTo(data.series.values().stream().mapToInt(List::size).sum());
        assertThat(merged.toByteArray())
                .as("same bytes as writing the data directly")
                .isEqualTo(data.write().toByteArray());

        IndexReader before = new IndexReader(uploads);
        IndexReader after = new IndexReader(List.of(merged));
        Random random = new Random(8);
        for (int round = 0; round < 100; round++) {
            List<Matcher> matchers = List.of(RandomIndex.randomMatcher(random), RandomIndex.randomMatcher(random));
            long from = random.nextInt(10_000);
            long through = from + random.nextInt(4000);
            assertThat(after.chunkRefs(matchers, from, through)).isEqualTo(before.chunkRefs(matchers, from, through));
            assertThat(after.stats(matchers, from, through)).isEqualTo(before.stats(matchers, from, through));
            assertThat(after.volume(matchers, from, through, List.of(), VolumeAggregation.SERIES, 0))
                    .isEqualTo(before.volume(matchers, from, through, List.of(), VolumeAggregation.SERIES, 0));
        }
    }

    @Test
    void retentionDropsOldChunksAndReportsThem() {
        long cutoff = 5000;
        IndexMerger.Result result = IndexMerger.merge(uploads(), ChunkFilter.olderThan(cutoff));
        List<ChunkRef> expectedDropped = new ArrayList<>();
        List<ChunkRef> expectedKept = new ArrayList<>();
        for (List<ChunkRef> refs : data.series.values()) {
            for (ChunkRef ref : refs) {
                (ref.through() < cutoff ? expectedDropped : expectedKept).add(ref);
            }
        }
        assertThat(result.dropped()).containsExactlyInAnyOrderElementsOf(expectedDropped);
        assertThat(new IndexReader(List.of(result.file())).chunkRefs(List.of(), Long.MIN_VALUE, Long.MAX_VALUE))
                .containsExactlyInAnyOrderElementsOf(expectedKept);
    }

    @Test
    void deleteRequestDropsOnlyWhollyCoveredChunksOfMatchingSeries() {
        List<Matcher> selector = List.of(Matcher.eq("app", "api"), Matcher.re("env", "prod|dev"));
        long from = 2000;
        long through = 6000;
        IndexMerger.Result result = IndexMerger.merge(uploads(), ChunkFilter.deleteRequest(selector, from, through));
        List<ChunkRef> expectedDropped = new ArrayList<>();
        for (Map.Entry<Labels, List<ChunkRef>> e : data.series.entrySet()) {
            if (RandomIndex.matchesAll(selector, e.getKey())) {
                e.getValue().stream()
                        .filter(r -> r.from() >= from && r.through() <= through)
                        .forEach(expectedDropped::add);
            }
        }
        assertThat(expectedDropped).isNotEmpty();
        assertThat(result.dropped()).containsExactlyInAnyOrderElementsOf(expectedDropped);
        assertThat(result.file().chunkRefCount() + result.dropped().size())
                .isEqualTo(data.series.values().stream().mapToInt(List::size).sum());
    }

    @Test
    void filtersCombine() {
        ChunkFilter filter = ChunkFilter.olderThan(3000).or(ChunkFilter.deleteRequest(List.of(), 8000, 20_000));
        IndexMerger.Result result = IndexMerger.merge(uploads(), filter);
        assertThat(result.dropped()).isNotEmpty().allMatch(r -> r.through() < 3000 || r.from() >= 8000);
        assertThat(new IndexReader(List.of(result.file())).chunkRefs(List.of(), Long.MIN_VALUE, Long.MAX_VALUE))
                .allMatch(r -> r.through() >= 3000 && r.from() < 8000);
    }

    @Test
    void refusesMixedTenantsAndNothing() {
        assertThatThrownBy(() -> IndexMerger.merge(List.of())).isInstanceOf(IllegalArgumentException.class);
        IndexFile other = new IndexWriter("other").build();
        assertThatThrownBy(() -> IndexMerger.merge(List.of(data.write(), other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenants");
        assertThatThrownBy(() -> new IndexReader(List.of(data.write(), other)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
