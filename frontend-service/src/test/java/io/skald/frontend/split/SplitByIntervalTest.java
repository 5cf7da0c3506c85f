package io.skald.frontend.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skald.chunk.Direction;
import io.skald.config.LimitsConfig;
import io.skald.labels.Labels;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Series;
import io.skald.logql.syntax.LogqlParser;
import io.skald.server.LokiHttpException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SplitByIntervalTest {
    private static final long T0 = EngineFixture.START;
    private static final long HOUR = EngineFixture.HOUR;

    private final EngineFixture fixture = new EngineFixture(11, 10, 6000, 6);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void logQueryStopsOnceTheLimitIsReached(Direction direction) {
        RangeQuery q = EngineFixture.query(
                LogqlParser.parse("{app=~\".+\"}"), T0, T0 + 6 * HOUR, Duration.ofSeconds(1), direction, 1200);
        Duration split = Duration.ofMinutes(30);
        Downstream pipeline = new SplitByInterval(fixture.downstream(), split, 1, registry);

        QueryResult.Streams got = (QueryResult.Streams)
                pipeline.run(new SubQuery(EngineFixture.TENANT, q)).join();

        // With parallelism 1 exactly the splits needed to reach the limit run, in direction order.
        List<RangeQuery> parts = new ArrayList<>(IntervalSplitter.split(q, split));
        if (direction == Direction.BACKWARD) {
            java.util.Collections.reverse(parts);
        }
        int needed = 0;
        int entries = 0;
        while (entries < q.limit()) {
            entries += StreamsMerge.entryCount((QueryResult.Streams) fixture.direct(parts.get(needed++)));
        }
        List<RangeQuery> asked = fixture.calls.stream().map(SubQuery::query).toList();
        assertThat(asked).isEqualTo(parts.subList(0, needed));
        assertThat(needed).isLessThan(parts.size());
        assertThat(StreamsMerge.entryCount(got)).isEqualTo(1200);
        assertThat(lines(got)).isEqualTo(lines((QueryResult.Streams) fixture.direct(q)));
        assertThat(registry.counter(SplitByInterval.SPLIT_QUERIES).count()).isEqualTo(parts.size());
    }

    @Test
    void handlerKeepsAtMostMaxQueryParallelismInFlight() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            Downstream slow = sub -> {
                maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                CompletableFuture<QueryResult> done = new CompletableFuture<>();
                java.util.concurrent.ScheduledFuture<?> unused = timer.schedule(
                        () -> {
                            inFlight.decrementAndGet();
                            done.complete(fixture.direct(sub.query()));
                        },
                        5,
                        TimeUnit.MILLISECONDS);
                return done;
            };
            QueryRangeHandler handler = handler(slow, 3);
            RangeQuery q = EngineFixture.query(
                    LogqlParser.parse("sum by (app) (rate({app=~\".+\"}[5m]))"),
                    T0,
                    T0 + 6 * HOUR,
                    Duration.ofMinutes(1),
                    Direction.BACKWARD,
                    100);
            QueryResult got = handler.handle(EngineFixture.TENANT, q).join();
            assertThat(((QueryResult.Matrix) got).series()).hasSize(3);
            assertThat(maxSeen.get()).isEqualTo(3);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void transientFailuresAreRetriedAndClientErrorsAreNot() {
        Map<RangeQuery, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Downstream flaky = sub -> {
            int n = attempts.computeIfAbsent(sub.query(), k -> new AtomicInteger())
                    .incrementAndGet();
            return n < 3
                    ? CompletableFuture.failedFuture(new LokiHttpException(500, "querier went away"))
                    : fixture.downstream().run(sub);
        };
        RangeQuery q = EngineFixture.query(
                LogqlParser.parse("count_over_time({app=\"a\"}[5m])"),
                T0,
                T0 + 2 * HOUR,
                Duration.ofMinutes(1),
                Direction.BACKWARD,
                100);
        QueryResult got = handler(flaky, 4).handle(EngineFixture.TENANT, q).join();
        assertThat(((QueryResult.Matrix) got).series()).isNotEmpty();
        assertThat(attempts.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(3));

        AtomicInteger badCalls = new AtomicInteger();
        Downstream bad = sub -> {
            badCalls.incrementAndGet();
            return CompletableFuture.failedFuture(new LokiHttpException(400, "bad query"));
        };
        RangeQuery one = q.withRange(T0, T0 + 30 * 60_000_000_000L);
        assertThatThrownBy(
                        () -> handler(bad, 1).handle(EngineFixture.TENANT, one).join())
                .isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("bad query");
        // One call per shard (the handler shards 4 ways), none retried.
        assertThat(badCalls.get()).isEqualTo(4);
    }

    @Test
    void handlerEnforcesQueryLengthAndEntriesLimits() {
        QueryRangeHandler handler = handler(fixture.downstream(), 4);
        RangeQuery tooLong = EngineFixture.query(
                LogqlParser.parse("count_over_time({app=\"a\"}[5m])"),
                T0,
                T0 + 800 * HOUR,
                Duration.ofHours(1),
                Direction.BACKWARD,
                100);
        assertThatThrownBy(() -> handler.handle(EngineFixture.TENANT, tooLong))
                .isInstanceOf(LokiHttpException.class)
                .hasMessage("the query time range exceeds the limit (query length: 800h0m0s, limit: 30d1h)");
        RangeQuery tooMany = EngineFixture.query(
                LogqlParser.parse("{app=\"a\"}"), T0, T0 + HOUR, Duration.ofSeconds(1), Direction.BACKWARD, 6000);
        assertThatThrownBy(() -> handler.handle(EngineFixture.TENANT, tooMany))
                .isInstanceOf(LokiHttpException.class)
                .hasMessage("max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)");
        assertThat(fixture.calls).isEmpty();
    }

    @Test
    void thousandsOfSynchronouslyAnsweredPartsKeepTheStackFlat() throws Exception {
        // A 30-day query at one step per part, every part answered at once as cache hits are: before parts were
        // queued, each answer started the next part from inside its callback and the stack overflowed.
        Downstream immediate = sub -> CompletableFuture.completedFuture(new QueryResult.Matrix(List.of(new Series(
                Labels.of("app", "a"), new long[] {sub.query().startNanos() / 1_000_000L}, new double[] {1}))));
        RangeQuery q = EngineFixture.query(
                LogqlParser.parse("count_over_time({app=\"a\"}[5m])"),
                T0,
                T0 + 720 * HOUR,
                Duration.ofMinutes(10),
                Direction.BACKWARD,
                100);
        QueryResult.Matrix got = (QueryResult.Matrix)
                new SplitByInterval(new LimitedDownstream(immediate, 1), Duration.ofMinutes(10), 1, registry)
                        .run(new SubQuery(EngineFixture.TENANT, q))
                        .get(30, TimeUnit.SECONDS);
        assertThat(got.series().getFirst().size()).isEqualTo(720 * 6 + 1);
    }

    @Test
    void cancellingTheQueryCancelsItsParts() {
        List<CompletableFuture<QueryResult>> parts = new java.util.concurrent.CopyOnWriteArrayList<>();
        Downstream never = sub -> {
            CompletableFuture<QueryResult> part = new CompletableFuture<>();
            parts.add(part);
            return part;
        };
        RangeQuery q = EngineFixture.query(
                LogqlParser.parse("count_over_time({app=\"a\"}[5m])"),
                T0,
                T0 + 6 * HOUR,
                Duration.ofMinutes(1),
                Direction.BACKWARD,
                100);
        CompletableFuture<QueryResult> result =
                new SplitByInterval(never, Duration.ofHours(1), 3, registry).run(new SubQuery(EngineFixture.TENANT, q));
        assertThat(parts).hasSize(3);
        result.cancel(false);
        assertThat(parts).allSatisfy(part -> assertThat(part).isCancelled());
    }

    @Test
    void mergedResultIsCheckedAgainstMaxQuerySeries() {
        RangeQuery q = EngineFixture.query(
                LogqlParser.parse("count_over_time({app=~\".+\"}[5m])"),
                T0,
                T0 + 2 * HOUR,
                Duration.ofMinutes(1),
                Direction.BACKWARD,
                100);
        assertThat(((QueryResult.Matrix) handler(fixture.downstream(), 2, 10)
                                .handle(EngineFixture.TENANT, q)
                                .join())
                        .series())
                .hasSize(10);
        assertThatThrownBy(() -> handler(fixture.downstream(), 2, 9)
                        .handle(EngineFixture.TENANT, q)
                        .join())
                .hasRootCauseInstanceOf(LokiHttpException.class)
                .hasRootCauseMessage("maximum number of series (9) reached for a single query; consider reducing query"
                        + " cardinality by adding more specific stream selectors, reducing the time range, or"
                        + " aggregating results with functions like sum(), count() or topk()");
    }

    private QueryRangeHandler handler(Downstream querier, int parallelism) {
        return handler(querier, parallelism, LimitsConfig.defaults().maxQuerySeries());
    }

    private QueryRangeHandler handler(Downstream querier, int parallelism, int maxSeries) {
        LimitsConfig limits = LimitsConfig.defaults();
        FrontendSettings settings = new FrontendSettings(
                Duration.ofMinutes(30),
                parallelism,
                limits.maxQueryLength(),
                limits.maxEntriesLimitPerQuery(),
                maxSeries,
                limits.maxCacheFreshnessPerQuery(),
                5,
                true,
                4,
                limits.tsdbMaxBytesPerShard());
        return new QueryRangeHandler(querier, tenant -> settings, null, registry, Clock.systemUTC());
    }

    private static List<String> lines(QueryResult.Streams streams) {
        List<String> out = new ArrayList<>();
        for (LogStream s : streams.streams()) {
            s.entries().forEach(e -> out.add(s.labels() + " " + e.timestampNanos() + " " + e.line()));
        }
        return out;
    }
}
