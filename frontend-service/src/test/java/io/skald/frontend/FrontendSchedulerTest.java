package io.skald.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.frontend.scheduler.HoldingScheduler;
import io.skald.proto.scheduler.NameValue;
import io.skald.proto.scheduler.QueryTask;
import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A real frontend submitting to a stand-in scheduler over real gRPC: task shape, 429s, cancellation at timeout. */
class FrontendSchedulerTest {
    private static HoldingScheduler scheduler;
    private static ConfigurableApplicationContext context;
    private static int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        scheduler = new HoldingScheduler();
        String yaml = """
                auth_enabled: true
                server:
                  http_listen_address: 127.0.0.1
                  http_listen_port: 0
                  grpc_listen_address: 127.0.0.1
                  grpc_listen_port: %d
                memberlist:
                  join_members: []
                limits_config:
                  split_queries_by_interval: 1h
                  query_timeout: 3s
                frontend:
                  scheduler_address: %s
                """.formatted(FrontendForwardingTest.freePort(), scheduler.address());
        LokiConfig config = LokiConfigLoader.parse(yaml, false, name -> null, Map.of());
        context = SkaldApplication.start(
                QueryFrontendApplication.class,
                Target.QUERY_FRONTEND,
                config,
                Map.of(
                        "spring.grpc.server.address",
                        "127.0.0.1:" + config.server().grpcListenPort()));
        port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        scheduler.close();
    }

    @AfterEach
    void reset() {
        scheduler.refuseWith(null);
    }

    @Test
    void atQueryTimeoutTheClientGets504AndTheSubmittedTasksAreCancelled() throws Exception {
        int before = scheduler.received.size();
        // Three hours in 1h splits: the splits are submitted and held (no querier answers them).
        long started = System.nanoTime();
        HttpResponse<String> response = get(
                "/loki/api/v1/query_range?query=" + URLEncoder.encode("{app=\"x\"}", StandardCharsets.UTF_8)
                        + "&start=0&end=10800000000000&limit=10",
                "late");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        assertThat(response.body()).startsWith("request timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(scheduler.received.size()).isGreaterThan(before);
        QueryTask task = scheduler.received.get(before);
        assertThat(task.getTenant()).isEqualTo("late");
        assertThat(task.getDeadlineUnixMillis()).isPositive();
        assertThat(task.getRequest().getPath()).isEqualTo("/loki/api/v1/query_range");
        assertThat(task.getRequest().getParamsList())
                .extracting(NameValue::getName)
                .containsExactly("query", "start", "end", "step", "limit", "direction");
        assertThat(task.getRequest().getHeadersList())
                .contains(NameValue.newBuilder()
                        .setName("X-Scope-OrgID")
                        .setValue("late")
                        .build());
        await(() -> scheduler.held() == 0, "the held tasks cancelled");
    }

    @Test
    void aFullSchedulerQueueIs429() throws Exception {
        scheduler.refuseWith(Status.RESOURCE_EXHAUSTED.withDescription("too many outstanding requests"));
        HttpResponse<String> response = get("/loki/api/v1/labels", "t");
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).isEqualTo("too many outstanding requests\n");
        HttpResponse<String> range =
                get("/loki/api/v1/query_range?query=" + URLEncoder.encode("{app=\"x\"}", StandardCharsets.UTF_8), "t");
        assertThat(range.statusCode()).isEqualTo(429);
        assertThat(range.body()).isEqualTo("too many outstanding requests\n");
    }

    @Test
    void badRequestsAreAnsweredWithoutSubmittingAnything() throws Exception {
        int before = scheduler.received.size();
        assertThat(get("/loki/api/v1/query_range?query=%7B", "t").statusCode()).isEqualTo(400);
        assertThat(get("/loki/api/v1/labels", null).statusCode()).isEqualTo(401);
        HttpResponse<String> tooMany = get(
                "/loki/api/v1/query_range?limit=100000&query="
                        + URLEncoder.encode("{app=\"x\"}", StandardCharsets.UTF_8),
                "t");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("max entries limit per query exceeded");
        assertThat(scheduler.received).hasSize(before);
    }

    private HttpResponse<String> get(String pathAndQuery, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(20));
        if (tenant != null) {
            request.header("X-Scope-OrgID", tenant);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
