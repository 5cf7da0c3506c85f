package io.skald.frontend.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skald.chunk.Direction;
import io.skald.frontend.split.Downstream;
import io.skald.frontend.split.EngineFixture;
import io.skald.frontend.split.RangeQuery;
import io.skald.frontend.split.SplitByInterval;
import io.skald.frontend.split.SubQuery;
import io.skald.labels.Labels;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Series;
import io.skald.logql.syntax.LogqlParser;
import io.skald.logql.syntax.SampleExpr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Like Loki's {@code TestMappingEquivalence}: for each query, split (several intervals) and sharded (several shard
 * counts) results equal the engine's unsplit, unsharded ones. Values compare with a relative tolerance of 1e-9 (sums
 * run in another order); topk/bottomk compare the sorted values per step, since tied series may be picked either way.
 */
class MappingEquivalenceTest {
    private static final double TOLERANCE = 1e-9;
    private static final long START = EngineFixture.START + 10 * 60 * 1_000_000_000L;
    private static final long END = EngineFixture.START + 5 * EngineFixture.HOUR + 17_000_000_000L;

    private static EngineFixture fixture;

    @BeforeAll
    static void data() {
        fixture = new EngineFixture(42, 30, 6000, 6);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                        // query, shardable
                        Arguments.of("count_over_time({app=~\".+\"}[5m])", true),
                        Arguments.of("rate({app=\"a\"}[1m])", true),
                        Arguments.of("bytes_over_time({app=~\".+\"}[10m])", true),
                        Arguments.of("bytes_rate({app=\"b\"}[2m])", true),
                        Arguments.of("sum_over_time({app=~\".+\"} | logfmt | unwrap latency [5m])", true),
                        Arguments.of("max_over_time({app=~\".+\"} | logfmt | unwrap latency [5m]) by (app)", true),
                        Arguments.of("min_over_time({app=~\".+\"} | logfmt | unwrap latency [5m])", true),
                        Arguments.of("sum(rate({app=~\".+\"}[5m]))", true),
                        Arguments.of("sum by (level) (count_over_time({app=~\".+\"}[5m]))", true),
                        Arguments.of("sum without (pod) (count_over_time({app=~\".+\"}[5m]))", true),
                        Arguments.of("count by (app) (rate({app=~\".+\"}[5m]))", true),
                        Arguments.of("max by (app) (count_over_time({app=~\".+\"}[5m]))", true),
                        Arguments.of("min(count_over_time({app=~\".+\"}[10m]))", true),
                        Arguments.of("avg by (app) (bytes_over_time({app=~\".+\"}[5m]))", true),
                        Arguments.of("avg(rate({app=~\".+\"} |= \"x\" [3m]))", true),
                        Arguments.of("topk(3, count_over_time({app=~\".+\"}[10m]))", true),
                        Arguments.of("bottomk(2, count_over_time({app=~\".+\"}[10m])) by (app)", true),
                        Arguments.of("topk(2, sum by (level) (rate({app=~\".+\"}[5m])))", true),
                        Arguments.of("sum(rate({app=~\".+\"}[5m])) / sum(count_over_time({app=~\".+\"}[5m]))", true),
                        Arguments.of("sum by (app) (rate({app=~\".+\"}[5m])) * 2", true),
                        Arguments.of("2 + count by (level) (count_over_time({app=~\".+\"}[5m]))", true),
                        Arguments.of("stddev(count_over_time({app=~\".+\"}[5m]))", false),
                        Arguments.of("avg_over_time({app=~\".+\"} | logfmt | unwrap latency [5m])", false),
                        Arguments.of(
                                "quantile_over_time(0.9, {app=~\".+\"} | logfmt | unwrap latency [5m]) by (app)",
                                false),
                        Arguments.of("sum(count_over_time({app=~\".+\"}[5m])) > 10", false))
                .flatMap(q -> Stream.of(
                        // split interval minutes, step seconds, shards
                        Arguments.of(q.get()[0], q.get()[1], 60, 60, 4),
                        Arguments.of(q.get()[0], q.get()[1], 30, 90, 16),
                        Arguments.of(q.get()[0], q.get()[1], 7, 60, 3),
                        Arguments.of(q.get()[0], q.get()[1], 30, 3600, 2)));
    }

    @ParameterizedTest(name = "{0} split {2}m step {3}s shards {4}")
    @MethodSource("queries")
    void splitAndShardedEqualsDirect(String query, boolean shardable, int splitMinutes, int stepSeconds, int shards) {
        SampleExpr expr = LogqlParser.parseSampleExpr(query);
        assertThat(ShardMapper.map(expr).isSharded()).as("shardable").isEqualTo(shardable);
        RangeQuery q = EngineFixture.query(expr, START, END, Duration.ofSeconds(stepSeconds), Direction.BACKWARD, 100);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Downstream pipeline = new SplitByInterval(
                new ShardingDownstream(fixture.downstream(), shards, 0, null, registry),
                Duration.ofMinutes(splitMinutes),
                4,
                registry);

        QueryResult got = pipeline.run(new SubQuery(EngineFixture.TENANT, q)).join();
        QueryResult want = fixture.direct(q);

        assertThat(want).isInstanceOf(QueryResult.Matrix.class);
        assertThat(((QueryResult.Matrix) want).series())
                .as("the query selects data")
                .isNotEmpty();
        if (query.startsWith("topk") || query.startsWith("bottomk")) {
            Map<Long, List<Double>> gotValues = valuesPerStep(got);
            Map<Long, List<Double>> wantValues = valuesPerStep(want);
            assertThat(gotValues.keySet()).isEqualTo(wantValues.keySet());
            wantValues.forEach((t, values) -> {
                assertThat(gotValues.get(t)).as("values at %d", t).hasSameSizeAs(values);
                for (int i = 0; i < values.size(); i++) {
                    assertCloseValue(gotValues.get(t).get(i), values.get(i), "value at " + t);
                }
            });
        } else {
            assertClose(points(got), points(want));
        }
        double shardQueries = registry.counter(ShardingDownstream.SHARD_QUERIES).count();
        assertThat(shardQueries > 0).as("ran per-shard queries").isEqualTo(shardable);
    }

    static Stream<Arguments> logQueries() {
        return Stream.of(
                Arguments.of("{app=~\".+\"}", Direction.BACKWARD, 100, 60),
                Arguments.of("{app=~\".+\"}", Direction.FORWARD, 100, 60),
                Arguments.of("{app=\"a\"} |= \"xx\"", Direction.BACKWARD, 1000, 30),
                Arguments.of("{app=\"b\"} | logfmt | latency > 500", Direction.FORWARD, 5000, 7),
                Arguments.of("{app=~\".+\"}", Direction.BACKWARD, 10_000, 45));
    }

    @ParameterizedTest(name = "{0} {1} limit {2} split {3}m")
    @MethodSource("logQueries")
    void splitLogQueriesEqualDirect(String query, Direction direction, int limit, int splitMinutes) {
        RangeQuery q =
                EngineFixture.query(LogqlParser.parse(query), START, END, Duration.ofSeconds(1), direction, limit);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Downstream pipeline = new SplitByInterval(
                new ShardingDownstream(fixture.downstream(), 4, 0, null, registry),
                Duration.ofMinutes(splitMinutes),
                3,
                registry);

        QueryResult.Streams got = (QueryResult.Streams)
                pipeline.run(new SubQuery(EngineFixture.TENANT, q)).join();
        QueryResult.Streams want = (QueryResult.Streams) fixture.direct(q);

        assertThat(entries(got)).isEqualTo(entries(want));
        assertThat(got.streams().stream().map(LogStream::labels).toList())
                .isEqualTo(want.streams().stream().map(LogStream::labels).toList());
    }

    private static List<String> entries(QueryResult.Streams streams) {
        List<String> out = new ArrayList<>();
        for (LogStream s : streams.streams()) {
            s.entries().forEach(e -> out.add(s.labels() + " " + e.timestampNanos() + " " + e.line()));
        }
        return out;
    }

    private static Map<Labels, Map<Long, Double>> points(QueryResult result) {
        Map<Labels, Map<Long, Double>> out = new TreeMap<>();
        for (Series s : ((QueryResult.Matrix) result).series()) {
            Map<Long, Double> byTime = new TreeMap<>();
            for (int i = 0; i < s.size(); i++) {
                byTime.put(s.timestampsMillis()[i], s.values()[i]);
            }
            out.put(s.metric(), byTime);
        }
        return out;
    }

    private static Map<Long, List<Double>> valuesPerStep(QueryResult result) {
        Map<Long, List<Double>> out = new TreeMap<>();
        for (Series s : ((QueryResult.Matrix) result).series()) {
            for (int i = 0; i < s.size(); i++) {
                out.computeIfAbsent(s.timestampsMillis()[i], k -> new ArrayList<>())
                        .add(s.values()[i]);
            }
        }
        out.values().forEach(values -> values.sort(Double::compare));
        return out;
    }

    private static void assertClose(Map<Labels, Map<Long, Double>> got, Map<Labels, Map<Long, Double>> want) {
        assertThat(got.keySet()).isEqualTo(want.keySet());
        want.forEach((labels, points) -> {
            Map<Long, Double> g = got.get(labels);
            assertThat(g.keySet()).as("steps of %s", labels).isEqualTo(points.keySet());
            points.forEach((t, v) -> assertCloseValue(g.get(t), v, labels + " at " + t));
        });
    }

    private static void assertCloseValue(double actual, double expected, String what) {
        boolean close = Double.compare(actual, expected) == 0
                || Math.abs(actual - expected) <= TOLERANCE * Math.max(Math.abs(actual), Math.abs(expected));
        assertThat(close).as("%s: got %s want %s", what, actual, expected).isTrue();
    }
}
