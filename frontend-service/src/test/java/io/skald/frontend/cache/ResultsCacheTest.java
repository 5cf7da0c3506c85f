package io.skald.frontend.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skald.chunk.Direction;
import io.skald.frontend.split.Downstream;
import io.skald.frontend.split.EngineFixture;
import io.skald.frontend.split.RangeQuery;
import io.skald.frontend.split.SplitByInterval;
import io.skald.frontend.split.SubQuery;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Series;
import io.skald.logql.syntax.LogqlParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResultsCacheTest {
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long HOUR = EngineFixture.HOUR;
    private static final long T0 = EngineFixture.START;
    private static final String QUERY = "sum by (app) (count_over_time({app=~\".+\"}[5m]))";

    private final EngineFixture fixture = new EngineFixture(7, 12, 3000, 7);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Downstream pipeline(ResultsCache cache, long nowNanos) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(0, nowNanos), ZoneOffset.UTC);
        Duration split = Duration.ofHours(1);
        return new SplitByInterval(
                cache.wrap(fixture.downstream(), split, Duration.ofMinutes(10), clock), split, 2, registry);
    }

    private static RangeQuery query(String logql, long start, long end) {
        return EngineFixture.query(
                LogqlParser.parseSampleExpr(logql), start, end, Duration.ofMinutes(1), Direction.BACKWARD, 100);
    }

    private QueryResult run(Downstream pipeline, RangeQuery q) {
        return pipeline.run(new SubQuery(EngineFixture.TENANT, q)).join();
    }

    @Test
    void repeatedQueryIsServedFromCacheAndRefreshRecomputesOnlyNewSplits() {
        ResultsCache cache = new ResultsCache(64L << 20, Duration.ofHours(1), registry);
        Downstream pipeline = pipeline(cache, T0 + 8 * HOUR);
        RangeQuery q = query(QUERY, T0, T0 + 6 * HOUR);

        QueryResult first = run(pipeline, q);
        int afterFirst = fixture.calls.size();
        assertThat(afterFirst).isEqualTo(6);
        assertThat(same(first, fixture.direct(q))).isTrue();

        QueryResult second = run(pipeline, q);
        assertThat(fixture.calls).hasSize(afterFirst);
        assertThat(same(second, first)).isTrue();
        assertThat(cache.hits()).isEqualTo(6);

        // A dashboard refresh 30 minutes later: only the new hour is computed.
        RangeQuery shifted = query(QUERY, T0 + 30 * MINUTE, T0 + 6 * HOUR + 30 * MINUTE);
        QueryResult third = run(pipeline, shifted);
        List<SubQuery> newCalls = fixture.calls.subList(afterFirst, fixture.calls.size());
        assertThat(newCalls).hasSize(1);
        assertThat(newCalls.getFirst().query().startNanos()).isEqualTo(T0 + 6 * HOUR);
        assertThat(same(third, fixture.direct(shifted))).isTrue();
    }

    @Test
    void dataNewerThanMaxCacheFreshnessIsAskedForAgain() {
        ResultsCache cache = new ResultsCache(64L << 20, Duration.ofHours(1), registry);
        long now = T0 + 5 * HOUR + 30 * MINUTE;
        Downstream pipeline = pipeline(cache, now);
        RangeQuery q = query(QUERY, T0 + 3 * HOUR, now);

        run(pipeline, q);
        int afterFirst = fixture.calls.size();
        assertThat(afterFirst).isEqualTo(3);

        QueryResult second = run(pipeline, q);
        List<SubQuery> again = fixture.calls.subList(afterFirst, fixture.calls.size());
        // Only the steps after now - 10m are recomputed: 5h21m .. 5h30m.
        assertThat(again).hasSize(1);
        assertThat(again.getFirst().query().startNanos()).isEqualTo(now - 9 * MINUTE);
        assertThat(again.getFirst().query().endNanos()).isEqualTo(now);
        assertThat(same(second, fixture.direct(q))).isTrue();

        // A query entirely inside the freshness window bypasses the cache.
        long fetched = cache.fetchedKeys();
        run(pipeline, query(QUERY, now - 5 * MINUTE, now));
        assertThat(cache.fetchedKeys()).isEqualTo(fetched);
    }

    @Test
    void entriesLargerThanTheByteBoundAreNotKept() {
        ResultsCache cache = new ResultsCache(100, Duration.ofHours(1), registry);
        Downstream pipeline = pipeline(cache, T0 + 8 * HOUR);
        RangeQuery q = query(QUERY, T0, T0 + 2 * HOUR);
        run(pipeline, q);
        int afterFirst = fixture.calls.size();
        run(pipeline, q);
        assertThat(cache.size()).isZero();
        assertThat(fixture.calls).hasSize(2 * afterFirst);
    }

    @Test
    void keyUsesCanonicalQueryStepAndSplitStart() {
        RangeQuery a = query("sum by(app)(count_over_time({app=~\".+\"}[5m]))", T0 + 10 * MINUTE, T0 + HOUR);
        RangeQuery b = query(QUERY, T0 + 20 * MINUTE, T0 + HOUR);
        Duration split = Duration.ofHours(1);
        assertThat(ResultsCache.key("t", a, split)).isEqualTo(ResultsCache.key("t", b, split));
        assertThat(ResultsCache.key("t", a, split)).isNotEqualTo(ResultsCache.key("u", a, split));
        assertThat(ResultsCache.key("t", a, split))
                .isNotEqualTo(ResultsCache.key("t", a.withRange(T0 + HOUR, T0 + 2 * HOUR), split));
    }

    private static boolean same(QueryResult a, QueryResult b) {
        return flatten(a).equals(flatten(b));
    }

    private static List<String> flatten(QueryResult result) {
        List<String> out = new ArrayList<>();
        for (Series s : ((QueryResult.Matrix) result).series()) {
            for (int i = 0; i < s.size(); i++) {
                out.add(s.metric() + " " + s.timestampsMillis()[i] + " " + s.values()[i]);
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    @Test
    void prometheusShowsLokisExactCacheMetricNames() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ResultsCache cache = new ResultsCache(64L << 20, Duration.ofHours(1), prometheus);
        cache.put("k", new Extent(0, 0, new QueryResult.Matrix(List.of())));
        assertThat(cache.get("k")).isNotNull();
        assertThat(cache.get("missing")).isNull();

        String scrape = prometheus.scrape();
        assertThat(scrape)
                .contains("loki_cache_fetched_keys{name=\"frontend.results-cache\"} 2")
                .contains("loki_cache_hits{name=\"frontend.results-cache\"} 1")
                .doesNotContain("loki_cache_hits_total");
    }
}
