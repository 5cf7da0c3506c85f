package io.skald.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A chunk [100, 200] (inclusive) against query ranges [from, through) (through exclusive), as in Loki. */
class TimeRangeTest {
    private static final Labels EARLY = Labels.of("app", "early");
    private static final Labels GAPPY = Labels.of("app", "gappy");

    private final IndexReader reader = new IndexReader(List.of(new IndexWriter(RandomIndex.TENANT)
            .add(EARLY, RandomIndex.ref(EARLY, 100, 200, 10, 1))
            // Two chunks with a hole between them: the series' span overlaps [400, 500) but no chunk does.
            .add(GAPPY, RandomIndex.ref(GAPPY, 300, 350, 10, 1))
            .add(GAPPY, RandomIndex.ref(GAPPY, 600, 700, 10, 1))
            .build()));

    @ParameterizedTest(name = "[{0}, {1}) overlaps [100, 200]: {2}")
    @CsvSource({
        "0, 100, false", // through is exclusive: the entry at 100 is not in [0, 100)
        "0, 101, true",
        "100, 101, true",
        "150, 160, true",
        "200, 201, true", // the chunk's through is inclusive
        "201, 300, false",
        "0, 1000, true",
        "-1000, 0, false"
    })
    void overlapRule(long from, long through, boolean overlaps) {
        List<Matcher> early = List.of(Matcher.eq("app", "early"));
        assertThat(reader.chunkRefs(early, from, through)).hasSize(overlaps ? 1 : 0);
        assertThat(reader.series(early, from, through)).hasSize(overlaps ? 1 : 0);
        assertThat(reader.labelValues("app", from, through).contains("early")).isEqualTo(overlaps);
        assertThat(reader.stats(early, from, through).chunks()).isEqualTo(overlaps ? 1 : 0);
    }

    @ParameterizedTest(name = "gappy series in [{0}, {1}): {2}")
    @CsvSource({"400, 500, false", "340, 500, true", "400, 601, true", "351, 600, false", "0, 300, false"})
    void seriesNeedsAChunkInTheRangeNotJustASpanAroundIt(long from, long through, boolean present) {
        List<Matcher> gappy = List.of(Matcher.eq("app", "gappy"));
        assertThat(reader.series(gappy, from, through)).hasSize(present ? 1 : 0);
        assertThat(reader.labelNames(from, through, gappy)).hasSize(present ? 1 : 0);
        assertThat(reader.labelValues("app", from, through).contains("gappy")).isEqualTo(present);
        assertThat(reader.chunkRefs(gappy, from, through).isEmpty()).isEqualTo(!present);
    }
}
