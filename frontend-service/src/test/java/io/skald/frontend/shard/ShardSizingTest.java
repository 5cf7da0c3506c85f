package io.skald.frontend.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skald.chunk.Direction;
import io.skald.frontend.split.RangeQuery;
import io.skald.frontend.split.SubQuery;
import io.skald.logql.result.QueryResult;
import io.skald.logql.shard.StreamShard;
import io.skald.logql.syntax.LogqlParser;
import io.skald.logql.syntax.LogqlPrinter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shards are sized from the index bytes of a query's selectors: none for small queries, a power of two up to a cap. */
class ShardSizingTest {
    private static final long MINUTE = 60_000_000_000L;
    private static final long START = 1_000 * MINUTE;
    private static final long MAX_BYTES = 1_000;

    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    private List<String> run(String query, IndexBytes index) {
        ShardingDownstream sharding = new ShardingDownstream(
                sub -> {
                    sent.add(LogqlPrinter.print(sub.query().expr()));
                    return CompletableFuture.completedFuture(new QueryResult.Matrix(List.of()));
                },
                16,
                MAX_BYTES,
                index,
                new SimpleMeterRegistry());
        RangeQuery range = new RangeQuery(
                LogqlParser.parse(query), START, START + 15 * MINUTE, Duration.ofMinutes(1), Direction.FORWARD, 100);
        sharding.run(new SubQuery("t", range)).join();
        return sent;
    }

    private IndexBytes bytes(long bytesPerSelector) {
        return (tenant, selector, start, end) -> {
            asked.add(selector + " " + (START - start) / MINUTE + "m");
            return CompletableFuture.completedFuture(bytesPerSelector);
        };
    }

    @Test
    void aQueryWhoseBytesFitOneShardRunsUnsharded() {
        assertThat(run("sum by (level) (count_over_time({app=\"a\"} | json [5m]))", bytes(MAX_BYTES)))
                .containsExactly("sum by (level)(count_over_time({app=\"a\"} | json[5m]))");
        assertThat(asked).containsExactly("{app=\"a\"} 5m");
    }

    @Test
    void largerQueriesGetAPowerOfTwoOfShardsForTheirBytes() {
        List<String> queries = run("sum(rate({app=\"a\"} |= \"x\" [1m]))", bytes(5 * MAX_BYTES));
        assertThat(queries).hasSize(8);
        for (int i = 0; i < 8; i++) {
            String shard = StreamShard.LABEL + "=\"" + i + "_of_8\"";
            assertThat(queries).anySatisfy(q -> assertThat(q).contains(shard));
        }
    }

    @Test
    void everySelectorsBytesCountAndTheCapHolds() {
        // Two selectors of 9 shards' worth each: 18 → 32, capped at 16.
        List<String> queries = run("sum(rate({app=\"a\"}[1m])) / sum(rate({app=\"b\"}[10m]))", bytes(9 * MAX_BYTES));
        assertThat(asked).containsExactlyInAnyOrder("{app=\"a\"} 10m", "{app=\"b\"} 10m");
        assertThat(queries).hasSize(32); // numerator and denominator, 16 shards each
    }

    @Test
    void withoutIndexStatisticsTheCapIsUsed() {
        IndexBytes failing =
                (tenant, selector, start, end) -> CompletableFuture.failedFuture(new IllegalStateException("down"));
        assertThat(run("sum(count_over_time({app=\"a\"}[1m]))", failing)).hasSize(16);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "1000, 1", "1001, 2", "2000, 2", "2001, 4", "7999, 8", "16000, 16", "99999, 16"})
    void factor(long bytes, int shards) {
        assertThat(ShardingDownstream.factor(bytes, MAX_BYTES, 16)).isEqualTo(shards);
    }
}
