package io.skald.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small hand-built example across two files that share a replicated chunk:
 *
 * <pre>
 * A {app="api", env="prod"}                 c1 [0,100] 10 entries 1000 B, c2 [200,300] 20/2000, c5 [400,500] 1/100 (file 2)
 * B {app="api", env="dev"}                  c3 [0,100]  5/500
 * C {app="web", env="prod", level="error"}  c4 [50,150] 8/800
 * file 2 repeats c1 (a replica's upload)
 * </pre>
 */
class StatsAndVolumeTest {
    private static final String T = "t";
    private static final Labels A = Labels.of("app", "api", "env", "prod");
    private static final Labels B = Labels.of("app", "api", "env", "dev");
    private static final Labels C = Labels.of("app", "web", "env", "prod", "level", "error");
    private static final long ALL_FROM = 0;
    private static final long ALL_THROUGH = 1000;

    private static ChunkRef ref(Labels labels, String key, long from, long through, long entries, long bytes) {
        return new ChunkRef(T, labels.hash(), from, through, key, bytes / 4, bytes, entries);
    }

    private static final ChunkRef C1 = ref(A, "t/c1", 0, 100, 10, 1000);
    private static final ChunkRef C2 = ref(A, "t/c2", 200, 300, 20, 2000);
    private static final ChunkRef C3 = ref(B, "t/c3", 0, 100, 5, 500);
    private static final ChunkRef C4 = ref(C, "t/c4", 50, 150, 8, 800);
    private static final ChunkRef C5 = ref(A, "t/c5", 400, 500, 1, 100);

    private final IndexFile first =
            new IndexWriter(T).add(A, C1).add(A, C2).add(B, C3).add(C, C4).build();
    private final IndexFile second = new IndexWriter(T).add(A, C1).add(A, C5).build();
    private final IndexReader reader = new IndexReader(List.of(first, second));

    @Test
    void chunkRefsAreDeduplicatedAcrossFiles() {
        assertThat(reader.chunkRefs(List.of(Matcher.eq("app", "api")), ALL_FROM, ALL_THROUGH))
                .containsExactlyInAnyOrder(C1, C2, C3, C5);
        IndexReader replicated = new IndexReader(List.of(first, first, second, IndexFile.open(first.toByteArray())));
        assertThat(replicated.chunkRefs(List.of(), ALL_FROM, ALL_THROUGH))
                .containsExactlyInAnyOrder(C1, C2, C3, C4, C5);
        assertThat(replicated.series(List.of(), ALL_FROM, ALL_THROUGH)).containsExactly(B, A, C);
        assertThat(replicated.seriesChunks(List.of(Matcher.eq("env", "prod")), ALL_FROM, ALL_THROUGH))
                .containsExactly(new SeriesChunks(A, List.of(C1, C2, C5)), new SeriesChunks(C, List.of(C4)));
        assertThat(replicated.stats(List.of(), ALL_FROM, ALL_THROUGH))
                .isEqualTo(reader.stats(List.of(), ALL_FROM, ALL_THROUGH));
    }

    @Test
    void statsCountDistinctStreamsAndChunks() {
        assertThat(reader.stats(List.of(Matcher.eq("app", "api")), ALL_FROM, ALL_THROUGH))
                .isEqualTo(new IndexStats(2, 4, 36, 3600));
        assertThat(reader.stats(List.of(Matcher.eq("env", "prod")), ALL_FROM, ALL_THROUGH))
                .isEqualTo(new IndexStats(2, 4, 39, 3900));
        assertThat(reader.stats(List.of(Matcher.re("app", "nope.*")), ALL_FROM, ALL_THROUGH))
                .isEqualTo(IndexStats.EMPTY);
    }

    @Test
    void statsProrateChunksThatStraddleTheRange() {
        // [50, 250): c1 and c3 are half in (50 of 100 ns), c2 half in (trailing 50 ns out), c5 out.
        // c3's 5 entries * 0.5 round down to 2.
        assertThat(reader.stats(List.of(Matcher.eq("app", "api")), 50, 250))
                .isEqualTo(new IndexStats(2, 3, 5 + 10 + 2, 500 + 1000 + 250));
    }

    @Test
    void volumeWithoutTargetsGroupsByTheMatchedLabels() {
        assertThat(reader.volume(
                        List.of(Matcher.eq("app", "api")),
                        ALL_FROM,
                        ALL_THROUGH,
                        List.of(),
                        VolumeAggregation.SERIES,
                        0))
                .containsExactly(new Volume("{app=\"api\"}", Labels.of("app", "api"), 3600));
        assertThat(reader.volume(
                        List.of(Matcher.re("app", ".+")),
                        ALL_FROM,
                        ALL_THROUGH,
                        List.of(),
                        VolumeAggregation.SERIES,
                        0))
                .containsExactly(
                        new Volume("{app=\"api\"}", Labels.of("app", "api"), 3600),
                        new Volume("{app=\"web\"}", Labels.of("app", "web"), 800));
    }

    @Test
    void volumeOfMatchAllGroupsByWholeSeries() {
        assertThat(reader.volume(List.of(), ALL_FROM, ALL_THROUGH, List.of(), VolumeAggregation.SERIES, 0))
                .extracting(Volume::labels, Volume::bytes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(A, 3100L),
                        org.assertj.core.groups.Tuple.tuple(C, 800L),
                        org.assertj.core.groups.Tuple.tuple(B, 500L));
    }

    @Test
    void volumeWithTargetsRequiresAndGroupsByThem() {
        assertThat(reader.volume(
                        List.of(Matcher.re("app", ".+")),
                        ALL_FROM,
                        ALL_THROUGH,
                        List.of("env"),
                        VolumeAggregation.SERIES,
                        0))
                .containsExactly(
                        new Volume("{env=\"prod\"}", Labels.of("env", "prod"), 3900),
                        new Volume("{env=\"dev\"}", Labels.of("env", "dev"), 500));
        // level is required once it is a target: only C has it.
        assertThat(reader.volume(List.of(), ALL_FROM, ALL_THROUGH, List.of("level"), VolumeAggregation.SERIES, 0))
                .containsExactly(new Volume("{level=\"error\"}", Labels.of("level", "error"), 800));
        assertThat(reader.volume(
                        List.of(Matcher.eq("app", "api")),
                        ALL_FROM,
                        ALL_THROUGH,
                        List.of("level"),
                        VolumeAggregation.SERIES,
                        0))
                .isEmpty();
    }

    @Test
    void volumeByLabelsSumsPerLabelName() {
        assertThat(reader.volume(
                        List.of(Matcher.re("app", ".+")),
                        ALL_FROM,
                        ALL_THROUGH,
                        List.of(),
                        VolumeAggregation.LABELS,
                        0))
                .containsExactly(
                        new Volume("app", Labels.EMPTY, 4400),
                        new Volume("env", Labels.EMPTY, 4400),
                        new Volume("level", Labels.EMPTY, 800));
        assertThat(reader.volume(
                        List.of(Matcher.re("app", ".+")),
                        ALL_FROM,
                        ALL_THROUGH,
                        List.of("level"),
                        VolumeAggregation.LABELS,
                        0))
                .containsExactly(new Volume("level", Labels.EMPTY, 800));
    }

    @Test
    void volumeLimitKeepsTheLargest() {
        assertThat(reader.volume(List.of(), ALL_FROM, ALL_THROUGH, List.of(), VolumeAggregation.SERIES, 1))
                .extracting(Volume::labels)
                .containsExactly(A);
        assertThat(reader.volume(List.of(), 250, 400, List.of(), VolumeAggregation.SERIES, 5))
                .as("only the second half of c2 is in [250, 400)")
                .containsExactly(new Volume(A.toString(), A, 1000));
        assertThat(reader.volume(List.of(), 450, 460, List.of(), VolumeAggregation.SERIES, 5))
                .as("as in Loki, a series whose prorated entries round to 0 (c5: 1 entry * 0.1) is left out")
                .isEmpty();
        assertThat(VolumeAggregation.parse("")).isEqualTo(VolumeAggregation.SERIES);
        assertThat(VolumeAggregation.parse("labels")).isEqualTo(VolumeAggregation.LABELS);
    }
}
