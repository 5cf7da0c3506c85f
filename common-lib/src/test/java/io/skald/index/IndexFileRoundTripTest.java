package io.skald.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.labels.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexFileRoundTripTest {
    private final RandomIndex data = new RandomIndex(1, 300, 5);

    @Test
    void everySeriesComesBackWithItsLabelsFingerprintAndChunks() {
        IndexFile file = data.write();
        assertThat(file.tenant()).isEqualTo(RandomIndex.TENANT);
        assertThat(file.seriesCount()).isEqualTo(data.series.size());
        assertThat(file.chunkRefCount())
                .isEqualTo(data.series.values().stream().mapToInt(List::size).sum());

        Map<Labels, List<ChunkRef>> read = new HashMap<>();
        Labels previous = null;
        for (int id = 0; id < file.seriesCount(); id++) {
            Labels labels = file.labels(id);
            if (previous != null) {
                assertThat(labels).as("series ids follow label order").isGreaterThan(previous);
            }
            previous = labels;
            assertThat(file.fingerprint(id)).isEqualTo(labels.hash());
            read.put(labels, file.chunkRefs(id));
        }
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(data.series.keySet());
        data.series.forEach((labels, refs) -> {
            List<ChunkRef> sorted = new ArrayList<>(refs);
            sorted.sort(ChunkRef.ORDER);
            assertThat(read.get(labels)).isEqualTo(sorted);
        });
        long min = data.series.values().stream()
                .flatMap(List::stream)
                .mapToLong(ChunkRef::from)
                .min()
                .orElseThrow();
        long max = data.series.values().stream()
                .flatMap(List::stream)
                .mapToLong(ChunkRef::through)
                .max()
                .orElseThrow();
        assertThat(file.minTime()).isEqualTo(min);
        assertThat(file.maxTime()).isEqualTo(max);
    }

    @Test
    void labelTablesAndPostingsMatchTheInput() {
        IndexFile file = data.write();
        TreeMap<String, TreeMap<String, List<Integer>>> expected = new TreeMap<>();
        for (int id = 0; id < file.seriesCount(); id++) {
            int seriesId = id;
            file.labels(id)
                    .forEach((n, v) -> expected.computeIfAbsent(n, k -> new TreeMap<>())
                            .computeIfAbsent(v, k -> new ArrayList<>())
                            .add(seriesId));
        }
        assertThat(file.labelNames()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, values) -> {
            assertThat(file.labelValues(name)).containsExactlyElementsOf(values.keySet());
            values.forEach((value, ids) -> assertThat(file.postings(name, value))
                    .containsExactly(ids.stream().mapToInt(Integer::intValue).toArray()));
        });
        assertThat(file.labelValues("nope")).isEmpty();
        assertThat(file.postings("app", "nope")).isEmpty();
        assertThat(file.postings("nope", "api")).isEmpty();
    }

    @Test
    void reopeningTheBytesGivesTheSameFile() throws IOException {
        IndexFile file = data.write();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.writeTo(out);
        assertThat(out.toByteArray()).isEqualTo(file.toByteArray());
        IndexFile reopened = IndexFile.open(file.toByteArray());
        assertThat(reopened.sizeBytes()).isEqualTo(file.sizeBytes());
        for (int id = 0; id < file.seriesCount(); id++) {
            assertThat(reopened.labels(id)).isEqualTo(file.labels(id));
            assertThat(reopened.chunkRefs(id)).isEqualTo(file.chunkRefs(id));
        }
    }

    @Test
    void writingIsDeterministicWhateverTheInsertionOrder() {
        IndexWriter forward = new IndexWriter(RandomIndex.TENANT);
        data.series.forEach(forward::addAll);
        IndexWriter backward = new IndexWriter(RandomIndex.TENANT);
        List<Labels> keys = new ArrayList<>(data.series.keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            List<ChunkRef> refs = new ArrayList<>(data.series.get(keys.get(i)));
            java.util.Collections.reverse(refs);
            backward.addAll(keys.get(i), refs);
        }
        assertThat(backward.build().toByteArray()).isEqualTo(forward.build().toByteArray());
    }

    @Test
    void sameChunkKeyInASeriesIsKeptOnce() {
        Labels labels = Labels.of("app", "api");
        ChunkRef ref = RandomIndex.ref(labels, 10, 20, 100, 5);
        IndexFile file = new IndexWriter(RandomIndex.TENANT)
                .add(labels, ref)
                .add(labels, ref)
                .build();
        assertThat(file.chunkRefCount()).isEqualTo(1);
        assertThat(file.chunkRefs(0)).containsExactly(ref);
    }

    @Test
    void emptyFileOpensAndAnswersNothing() {
        IndexFile file = new IndexWriter("t").build();
        assertThat(file.seriesCount()).isZero();
        assertThat(file.labelNames()).isEmpty();
        IndexReader reader = new IndexReader(List.of(file));
        assertThat(reader.series(List.of(), 0, Long.MAX_VALUE)).isEmpty();
        assertThat(reader.labelNames(0, Long.MAX_VALUE)).isEmpty();
        assertThat(reader.stats(List.of(), 0, Long.MAX_VALUE)).isEqualTo(IndexStats.EMPTY);
    }

    @Test
    void stringsWithAnyCharactersSurvive() {
        Labels labels = Labels.of("app", "ünï \"q\" \\ \n 🚀", "empty_next", "x");
        ChunkRef ref = new ChunkRef("t", labels.hash(), -5, 7, "t/🚀/key", 1, 2, 3);
        IndexFile file = new IndexWriter("t").add(labels, ref).build();
        assertThat(file.labels(0)).isEqualTo(labels);
        assertThat(file.chunkRefs(0)).containsExactly(ref);
        assertThat(new TreeSet<>(file.labelValues("app"))).containsExactly("ünï \"q\" \\ \n 🚀");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "t/chunks/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "t/chunks/00",
                "t/chunks/ABCDEF",
                "t/chunks/abc",
                "t/chunks/abcdefg0",
                "t/chunks/",
                "plainkey",
                "deadbeef",
                "a/b/c/ünï-ключ"
            })
    void chunkKeysOfEveryShapeSurvive(String key) {
        Labels labels = Labels.of("app", "api");
        ChunkRef ref = new ChunkRef("t", labels.hash(), 1, 2, key, 3, 4, 5);
        ChunkRef other = new ChunkRef("t", labels.hash(), 5, 6, key + "0", 3, 4, 5);
        IndexFile file =
                new IndexWriter("t").add(labels, ref).add(labels, other).build();
        assertThat(file.chunkRefs(0)).containsExactly(ref, other);
    }

    @Test
    void writerRefusesRefsOfAnotherTenantOrStream() {
        Labels labels = Labels.of("app", "api");
        IndexWriter writer = new IndexWriter("t");
        assertThatThrownBy(() -> writer.add(labels, new ChunkRef("other", labels.hash(), 0, 1, "k", 1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant other");
        assertThatThrownBy(() -> writer.add(labels, new ChunkRef("t", 42, 0, 1, "k", 1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the hash of {app=\"api\"}");
        assertThatThrownBy(() -> writer.add(Labels.EMPTY, new ChunkRef("t", Labels.EMPTY.hash(), 0, 1, "k", 1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkRef("t", 1, 10, 9, "k", 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
