package io.skald.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Tenant A floods the query-scheduler (few querier workers, a small per-tenant queue) while tenant B keeps querying:
 * B's queries complete promptly, A is told 429 {@code too many outstanding requests} beyond its queue, and nothing
 * breaks.
 */
class SchedulerFairnessTest {
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final long NOW = System.currentTimeMillis() / 60_000L * 60_000L * 1_000_000L;

    private static SkaldCluster cluster;
    private static ClusterClient client;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        cluster = SkaldCluster.start(
                3,
                Map.of(
                        "limits_config.split_queries_by_interval", "10m",
                        // One task per split keeps the figures readable; sharding is not what this test is about.
                        "query_range.parallelise_shardable_queries", "false",
                        "querier.max_concurrent", "2",
                        "query_scheduler.max_outstanding_requests_per_tenant", "40"));
        client = new ClusterClient(cluster);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            values.append(i == 0 ? "" : ",")
                    .append("[\"")
                    .append(NOW - 60 * MINUTE_NANOS + i * MINUTE_NANOS)
                    .append("\",\"b ")
                    .append(i)
                    .append("\"]");
        }
        client.push("tenant-b", "{\"streams\":[{\"stream\":{\"app\":\"b\"},\"values\":[" + values + "]}]}");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aFloodingTenantGets429WhileAnotherTenantsQueriesComplete() throws Exception {
        long alone = queryAsTenantB();
        Map<Integer, AtomicInteger> floodStatuses = new ConcurrentHashMap<>();
        AtomicBoolean flooding = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> flood = new ArrayList<>();
        // Each of A's requests is 48h in 10m splits, 32 at a time: six of them want more than A's queue of 40 holds.
        for (int i = 0; i < 6; i++) {
            flood.add(pool.submit(() -> {
                while (flooding.get()) {
                    HttpResponse<String> response = client.get(
                            "query-frontend",
                            "tenant-a",
                            "/loki/api/v1/query_range",
                            Map.of(
                                    "query",
                                    "sum(count_over_time({app=\"a\"}[1m]))",
                                    "start",
                                    Long.toString(NOW - 48 * 60 * MINUTE_NANOS),
                                    "end",
                                    Long.toString(NOW),
                                    "step",
                                    "60s"));
                    floodStatuses
                            .computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
                            .incrementAndGet();
                    if (response.statusCode() == 429) {
                        assertThat(response.body()).isEqualTo("too many outstanding requests\n");
                    }
                }
                return null;
            }));
        }
        try {
            // Let A fill its queue first. A's requests end (429) and start again, so the length comes and goes.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            double longest = 0;
            while (longest < 10 && System.nanoTime() < deadline) {
                longest = Math.max(
                        longest,
                        client.metric("query-scheduler", "loki_query_scheduler_queue_length", "user=\"tenant-a\""));
                Thread.sleep(5);
            }
            assertThat(longest).as("tenant A's queue filled up").isGreaterThanOrEqualTo(10);

            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                millis.add(queryAsTenantB());
            }
            // B's seven sub-queries take turns with A's flood instead of waiting behind A's whole queue.
            assertThat(millis)
                    .as("B alone took %d ms", alone)
                    .allSatisfy(ms -> assertThat(ms).isLessThan(Math.max(5_000L, 20 * alone)));
        } finally {
            flooding.set(false);
            for (Future<?> f : flood) {
                f.get();
            }
            pool.shutdown();
        }
        assertThat(floodStatuses.keySet()).as("A's answers: %s", floodStatuses).containsAnyOf(429);
        assertThat(floodStatuses.keySet()).as("A's answers: %s", floodStatuses).isSubsetOf(200, 429);

        // Nothing crashed: A's own queries work again once it stops flooding, every service is ready.
        HttpResponse<String> again = client.get(
                "query-frontend",
                "tenant-a",
                "/loki/api/v1/query_range",
                Map.of(
                        "query",
                        "sum(count_over_time({app=\"a\"}[1m]))",
                        "start",
                        Long.toString(NOW - 60 * MINUTE_NANOS),
                        "end",
                        Long.toString(NOW),
                        "step",
                        "60s"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        for (String service : List.of("query-frontend", "query-scheduler", "querier")) {
            assertThat(client.get(service, "tenant-a", "/ready", Map.of()).statusCode())
                    .as(service)
                    .isEqualTo(200);
        }
    }

    /** One dashboard query of tenant B, checked; how long it took in milliseconds. */
    private long queryAsTenantB() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> b = client.get(
                "query-frontend",
                "tenant-b",
                "/loki/api/v1/query_range",
                Map.of(
                        "query",
                        "sum(count_over_time({app=\"b\"}[10m]))",
                        "start",
                        Long.toString(NOW - 60 * MINUTE_NANOS),
                        "end",
                        Long.toString(NOW),
                        "step",
                        "60s"));
        long millis = (System.nanoTime() - started) / 1_000_000L;
        assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
        JsonNode result = json.readTree(b.body()).path("data").path("result");
        assertThat(result).hasSize(1);
        assertThat(result.get(0).path("values").get(30).get(1).asString()).isEqualTo("10");
        return millis;
    }
}
