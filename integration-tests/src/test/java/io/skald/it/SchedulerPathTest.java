package io.skald.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code query_range} through query-frontend → query-scheduler → querier, split by 10m, sharded and cached, against
 * the same query asked of the querier directly; and the results cache in front of the scheduler.
 */
class SchedulerPathTest {
    private static final String TENANT = "sched";
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final int PODS = 10;
    /**
     * Whole minutes, so metric queries over [FROM, TO] are step-aligned the same way on both paths; never on a 10m
     * boundary, so the split counts below hold whatever the time of day (a range starting on a boundary folds its
     * last step into the part before it and has one part fewer).
     */
    private static final long NOW = notOnATenMinuteBoundary(System.currentTimeMillis() / 60_000L * 60_000L);

    private static final long FROM = NOW - 110 * MINUTE_NANOS;
    private static final long TO = NOW;

    /** {@code query|direction|limit}: the separators are the bars before a direction or a number. */
    private static final Pattern SPEC = Pattern.compile("\\|(?=forward|backward|\\d)");

    private static SkaldCluster cluster;
    private static ClusterClient client;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        cluster = SkaldCluster.start(
                3,
                Map.of(
                        "limits_config.split_queries_by_interval", "10m",
                        // One byte per shard: every split holding data gets the most shards, 16.
                        "limits_config.tsdb_max_bytes_per_shard", "1",
                        "query_range.cache_results", "true",
                        "query_range.results_cache.cache.embedded_cache.enabled", "true"));
        client = new ClusterClient(cluster);
        // Pod i logs every 5(i+1) seconds, levels alternating; every timestamp in the tenant is distinct.
        for (int pod = 0; pod < PODS; pod++) {
            for (String level : List.of("info", "error")) {
                StringBuilder values = new StringBuilder();
                long every = 5L * (pod + 1) * 1_000_000_000L;
                int n = 0;
                for (long ts = FROM + pod * 1000L + (level.equals("error") ? 500 : 0);
                        ts < TO - 30_000_000_000L;
                        ts += every) {
                    if (n > 0) {
                        values.append(',');
                    }
                    values.append("[\"")
                            .append(ts)
                            .append("\",\"level=")
                            .append(level)
                            .append(" pod=p")
                            .append(pod)
                            .append(" n=")
                            .append(n++)
                            .append("\"]");
                }
                client.push(
                        TENANT,
                        "{\"streams\":[{\"stream\":{\"app\":\"shop\",\"pod\":\"p" + pod + "\",\"level\":\"" + level
                                + "\"},\"values\":[" + values + "]}]}");
            }
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sum by (pod) (count_over_time({app=\"shop\"}[5m]))",
                "sum(rate({app=\"shop\", level=\"error\"}[2m]))",
                "topk(3, sum by (pod) (count_over_time({app=\"shop\"}[10m])))",
                "count_over_time({app=\"shop\", pod=\"p1\"} |= \"error\" [1m])",
                "avg by (level) (count_over_time({app=\"shop\"}[5m]))",
                "max by (level) (count_over_time({app=\"shop\"}[3m])) / 2",
                "quantile_over_time(0.5, {app=\"shop\", pod=\"p2\"} | logfmt | unwrap n [5m])"
            })
    void metricQueriesAnswerAsTheQuerierDoes(String query) throws Exception {
        Map<String, String> params =
                Map.of("query", query, "start", Long.toString(FROM), "end", Long.toString(TO), "step", "60s");
        JsonNode viaScheduler = result("query-frontend", params);
        JsonNode direct = result("querier", params);
        assertThat(viaScheduler.path("resultType").asString()).isEqualTo("matrix");
        assertThat(viaScheduler.path("result").size()).isPositive();
        assertSameMatrix(viaScheduler.path("result"), direct.path("result"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{app=\"shop\", pod=\"p3\"}|forward|5000",
                "{app=\"shop\"} |= \"error\"|backward|100",
                "{app=\"shop\"} | logfmt | n > 50|forward|300",
                "{app=\"shop\"}|backward|5000"
            })
    void logQueriesAnswerAsTheQuerierDoes(String spec) throws Exception {
        String[] parts = SPEC.split(spec, -1);
        Map<String, String> params = Map.of(
                "query", parts[0],
                "start", Long.toString(FROM),
                "end", Long.toString(TO),
                "direction", parts[1],
                "limit", parts[2]);
        JsonNode viaScheduler = result("query-frontend", params);
        JsonNode direct = result("querier", params);
        assertThat(viaScheduler.path("resultType").asString()).isEqualTo("streams");
        assertThat(streams(viaScheduler.path("result"))).isEqualTo(streams(direct.path("result")));
        assertThat(streams(viaScheduler.path("result"))).isNotEmpty();
    }

    @Test
    void splitAndShardCountsAndQuerierTasksShowTheWay() throws Exception {
        double tasks = tasks();
        double stats = statsTasks();
        double splits = client.metric("query-frontend", "loki_query_frontend_split_queries_total");
        double shards = client.metric("query-frontend", "loki_query_frontend_shard_queries_total");
        double queries = client.metric(
                "query-frontend", "loki_query_frontend_queries_total", "op=\"query_range\",user=\"" + TENANT + "\"");
        result(
                "query-frontend",
                Map.of(
                        "query",
                        "sum by (level) (bytes_over_time({app=\"shop\"}[1m]))",
                        "start",
                        Long.toString(FROM),
                        "end",
                        Long.toString(FROM + 30 * MINUTE_NANOS),
                        "step",
                        "60s"));
        // Steps 0..30m in 10m splits: [0, 9m], [10m, 19m], [20m, 29m], [30m, 30m]. With one byte per shard, a split
        // whose index bytes are not zero gets 16 shards; one whose prorated bytes round to zero runs unsharded.
        assertThat(client.metric("query-frontend", "loki_query_frontend_split_queries_total") - splits)
                .isEqualTo(4);
        double shardQueries = client.metric("query-frontend", "loki_query_frontend_shard_queries_total") - shards;
        assertThat(shardQueries % 16).isZero();
        assertThat(shardQueries).as("most splits hold bytes").isGreaterThanOrEqualTo(3 * 16);
        assertThat(tasks() - tasks).isEqualTo(shardQueries + (4 - shardQueries / 16));
        assertThat(statsTasks() - stats)
                .as("one index stats task per split sizes its shards")
                .isEqualTo(4);
        assertThat(client.metric(
                                "query-frontend",
                                "loki_query_frontend_queries_total",
                                "op=\"query_range\",user=\"" + TENANT + "\"")
                        - queries)
                .isEqualTo(1);
    }

    @Test
    void otherEndpointsRunUnsplitOnAQuerier() throws Exception {
        double tasks = client.metric("querier", "skald_querier_worker_tasks_total", "path=\"/loki/api/v1/series\"");
        HttpResponse<String> series = client.get(
                "query-frontend",
                TENANT,
                "/loki/api/v1/series",
                Map.of("match[]", "{app=\"shop\"}", "start", Long.toString(FROM), "end", Long.toString(TO)));
        assertThat(series.statusCode()).as(series.body()).isEqualTo(200);
        assertThat(json.readTree(series.body()).path("data")).hasSize(2 * PODS);
        assertThat(client.metric("querier", "skald_querier_worker_tasks_total", "path=\"/loki/api/v1/series\"") - tasks)
                .isEqualTo(1);

        HttpResponse<String> bad = client.get(
                "query-frontend",
                TENANT,
                "/loki/api/v1/query",
                Map.of("query", "sum(rate({app=\"shop\"}[1m])", "time", Long.toString(TO)));
        assertThat(bad.statusCode()).isEqualTo(400);
        HttpResponse<String> badDirect = client.get(
                "querier",
                TENANT,
                "/loki/api/v1/query",
                Map.of("query", "sum(rate({app=\"shop\"}[1m])", "time", Long.toString(TO)));
        assertThat(bad.body()).isEqualTo(badDirect.body());
    }

    @Test
    void aSplitWithoutIndexBytesRunsUnsharded() throws Exception {
        double tasks = tasks();
        double shards = client.metric("query-frontend", "loki_query_frontend_shard_queries_total");
        JsonNode answer = result(
                "query-frontend",
                Map.of(
                        "query",
                        "sum by (level) (count_over_time({app=\"nothing-here\"}[1m]))",
                        "start",
                        Long.toString(FROM),
                        "end",
                        Long.toString(FROM + 30 * MINUTE_NANOS),
                        "step",
                        "60s"));
        assertThat(answer.path("result")).isEmpty();
        // The index has no bytes for the selector: one task per split, no shard (16 per split without statistics).
        assertThat(client.metric("query-frontend", "loki_query_frontend_shard_queries_total") - shards)
                .isZero();
        assertThat(tasks() - tasks).isEqualTo(4);
    }

    @Test
    void aRepeatedDashboardQueryIsServedFromTheResultsCache() throws Exception {
        Map<String, String> params = Map.of(
                "query",
                "sum by (level) (count_over_time({app=\"shop\"}[1m]))",
                "start",
                Long.toString(FROM),
                "end",
                Long.toString(FROM + 60 * MINUTE_NANOS),
                "step",
                "60s");
        double tasksBefore = tasks();
        double shardsBefore = client.metric("query-frontend", "loki_query_frontend_shard_queries_total");
        double hitsBefore = client.metric("query-frontend", "loki_cache_hits");
        JsonNode first = result("query-frontend", params);
        double tasksAfterFirst = tasks();
        // Steps 0..60m: six whole 10m splits and the last step alone, 16 shards each when they hold index bytes.
        double sharded =
                (client.metric("query-frontend", "loki_query_frontend_shard_queries_total") - shardsBefore) / 16;
        assertThat(sharded).isGreaterThanOrEqualTo(6);
        assertThat(tasksAfterFirst - tasksBefore).isEqualTo(sharded * 16 + (7 - sharded));

        JsonNode second = result("query-frontend", params);
        assertThat(tasks()).as("no querier task for cached splits").isEqualTo(tasksAfterFirst);
        assertThat(client.metric("query-frontend", "loki_cache_hits") - hitsBefore)
                .isEqualTo(7);
        assertThat(client.metric("query-frontend", "loki_cache_fetched_keys")).isGreaterThanOrEqualTo(14);
        assertThat(second.path("result")).isEqualTo(first.path("result"));
        assertSameMatrix(second.path("result"), result("querier", params).path("result"));
    }

    @Test
    void aQueryCrossingMaxCacheFreshnessReasksOnlyTheFreshPart() throws Exception {
        // The last 40 minutes: splits before now - 10m (max_cache_freshness_per_query) are cached, the rest is not.
        Map<String, String> params = Map.of(
                "query",
                "sum by (pod) (count_over_time({app=\"shop\", level=\"info\"}[2m]))",
                "start",
                Long.toString(TO - 40 * MINUTE_NANOS),
                "end",
                Long.toString(TO),
                "step",
                "60s");
        double before = tasks();
        double shardsBefore = client.metric("query-frontend", "loki_query_frontend_shard_queries_total");
        result("query-frontend", params);
        double warmUp = tasks() - before;
        double sharded =
                (client.metric("query-frontend", "loki_query_frontend_shard_queries_total") - shardsBefore) / 16;
        assertThat(sharded).isGreaterThanOrEqualTo(4);
        assertThat(warmUp).isEqualTo(sharded * 16 + (5 - sharded));

        double again = tasks();
        JsonNode second = result("query-frontend", params);
        double reasked = tasks() - again;
        // The fresh 10 minutes touch at most two splits, each one sharded sub-query; the older ones come from cache.
        assertThat(reasked).isPositive().isLessThanOrEqualTo(2 * 16).isLessThan(warmUp);
        assertSameMatrix(second.path("result"), result("querier", params).path("result"));
    }

    private static long notOnATenMinuteBoundary(long minuteMillis) {
        long millis = minuteMillis % 600_000L == 0 ? minuteMillis - 60_000L : minuteMillis;
        return millis * 1_000_000L;
    }

    private static double tasks() throws Exception {
        return client.metric("querier", "skald_querier_worker_tasks_total", "path=\"/loki/api/v1/query_range\"");
    }

    private static double statsTasks() throws Exception {
        return client.metric("querier", "skald_querier_worker_tasks_total", "path=\"/loki/api/v1/index/stats\"");
    }

    private JsonNode result(String service, Map<String, String> params) throws Exception {
        HttpResponse<String> response = client.get(service, TENANT, "/loki/api/v1/query_range", params);
        assertThat(response.statusCode())
                .as(service + " " + params + " " + response.body())
                .isEqualTo(200);
        return json.readTree(response.body()).path("data");
    }

    /** Streams keyed by their labels, entries in their order: the frontend may order streams differently. */
    private static Map<String, List<String>> streams(JsonNode result) {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode stream : result) {
            List<String> entries = new ArrayList<>();
            for (JsonNode entry : stream.path("values")) {
                entries.add(entry.get(0).asString() + " " + entry.get(1).asString());
            }
            out.put(stream.path("stream").toString(), entries);
        }
        return out;
    }

    /** The same series with the same timestamps; values equal up to float rounding (shards add in another order). */
    private static void assertSameMatrix(JsonNode actual, JsonNode expected) {
        Map<String, JsonNode> a = byMetric(actual);
        Map<String, JsonNode> e = byMetric(expected);
        assertThat(a.keySet()).isEqualTo(e.keySet());
        a.forEach((metric, values) -> {
            JsonNode want = e.get(metric);
            assertThat(values.size()).as(metric).isEqualTo(want.size());
            for (int i = 0; i < values.size(); i++) {
                assertThat(values.get(i).get(0).asString())
                        .as(metric)
                        .isEqualTo(want.get(i).get(0).asString());
                double got = Double.parseDouble(values.get(i).get(1).asString());
                double expect = Double.parseDouble(want.get(i).get(1).asString());
                assertThat(got)
                        .as(metric + " at " + want.get(i).get(0))
                        .isCloseTo(expect, within(1e-9 * Math.max(1, Math.abs(expect))));
            }
        });
    }

    private static Map<String, JsonNode> byMetric(JsonNode result) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode series : result) {
            out.put(series.path("metric").toString(), series.path("values"));
        }
        return out;
    }
}
