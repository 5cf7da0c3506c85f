package io.skald.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QueryStatsTest {
    private static QueryStats random(Random r) {
        QueryStats.Store store = new QueryStats.Store(
                r.nextInt(1000),
                r.nextInt(1000),
                r.nextInt(1_000_000),
                new QueryStats.Chunk(
                        r.nextInt(9999), r.nextInt(9999), r.nextInt(9999), r.nextInt(9999), r.nextInt(9999), 7));
        QueryStats.Store ingesterStore = new QueryStats.Store(
                1, 2, 3, new QueryStats.Chunk(r.nextInt(50), r.nextInt(50), 0, 0, 0, r.nextInt(3)));
        return new QueryStats(
                new QueryStats.Summary(
                        r.nextLong(1L << 40), r.nextInt(1 << 20), r.nextDouble(), 0.25, r.nextInt(100), 1),
                store,
                new QueryStats.Ingester(3, r.nextInt(9), r.nextInt(9), r.nextInt(9), ingesterStore));
    }

    @Test
    void everyFigureSurvivesTheHeader() {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            QueryStats stats = random(r);
            assertThat(QueryStats.fromHeader(stats.toHeader())).isEqualTo(stats);
        }
        assertThat(QueryStats.fromHeader(QueryStats.EMPTY.toHeader())).isEqualTo(QueryStats.EMPTY);
    }

    @Test
    void plusAddsEveryFigure() {
        Random r = new Random(11);
        QueryStats a = random(r);
        QueryStats b = random(r);
        QueryStats sum = a.plus(b);
        assertThat(sum.totalBytesProcessed()).isEqualTo(a.totalBytesProcessed() + b.totalBytesProcessed());
        assertThat(sum.totalLinesProcessed()).isEqualTo(a.totalLinesProcessed() + b.totalLinesProcessed());
        assertThat(sum.summary().subqueries()).isEqualTo(2);
        assertThat(sum.ingester().totalReached()).isEqualTo(6);
        assertThat(sum.querier().chunk().decompressedBytes())
                .isEqualTo(a.querier().chunk().decompressedBytes()
                        + b.querier().chunk().decompressedBytes());
        assertThat(sum.ingester().store().chunk().headChunkLines())
                .isEqualTo(a.ingester().store().chunk().headChunkLines()
                        + b.ingester().store().chunk().headChunkLines());
        assertThat(QueryStats.EMPTY.plus(a)).isEqualTo(a);
    }

    @Test
    void aValueThatIsNoHeaderIsRejected() {
        assertThatThrownBy(() -> QueryStats.fromHeader("1,2,3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> QueryStats.fromHeader(QueryStats.EMPTY.toHeader().replace("0,", "x,")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
