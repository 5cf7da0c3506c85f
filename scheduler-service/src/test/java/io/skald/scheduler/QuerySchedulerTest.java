package io.skald.scheduler;

import static io.skald.scheduler.RunningScheduler.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.skald.proto.scheduler.HttpRequest;
import io.skald.proto.scheduler.TaskResult;
import io.skald.ring.InstanceState;
import io.skald.scheduler.client.SchedulerAddresses;
import io.skald.scheduler.client.SchedulerChannels;
import io.skald.scheduler.client.SchedulerClient;
import io.skald.scheduler.client.SchedulerWorker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real query-scheduler context over real gRPC, with a real {@link SchedulerClient} (the frontend's side) and
 * {@link SchedulerWorker} (the querier's side), both finding the scheduler through the {@code scheduler} ring.
 */
class QuerySchedulerTest {
    private static final int MAX_OUTSTANDING = 500;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RunningScheduler scheduler;
    private static QueryScheduler queues;

    private RecordingHandler handler;
    private @Nullable SchedulerWorker worker;
    private SchedulerClient client;

    @BeforeAll
    static void start() {
        scheduler = RunningScheduler.start("""
                query_scheduler:
                  max_outstanding_requests_per_tenant: %d
                """.formatted(MAX_OUTSTANDING));
        queues = scheduler.bean(QueryScheduler.class);
        await(
                () -> scheduler.schedulerRing().instances().stream()
                        .anyMatch(instance -> instance.state() == InstanceState.ACTIVE),
                "the scheduler ACTIVE in the scheduler ring");
    }

    @AfterAll
    static void stop() {
        scheduler.close();
    }

    @BeforeEach
    void setUp() {
        handler = new RecordingHandler();
        client = new SchedulerClient(
                "frontend-1",
                SchedulerAddresses.ring(scheduler.schedulerRing()),
                new SchedulerChannels(64 << 20),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        handler.gate.release(10_000);
        client.close();
        if (worker != null) {
            worker.close();
        }
        await(() -> queues.connectedQueriers() == 0 && queues.queued() == 0, "workers gone, queues empty");
    }

    @Test
    void tasksFlowFromTheFrontendThroughTheSchedulerToAWorkerAndBack() throws Exception {
        startWorker(2);
        assertThat(worker.loopsPerScheduler()).containsValue(2).hasSize(1);
        List<CompletableFuture<TaskResult>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(submit("tenant-" + (i % 2), "/loki/api/v1/query_range", "query", "{app=\"x\"}", "i", "" + i));
        }
        for (int i = 0; i < 20; i++) {
            TaskResult result = results.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.getStatus()).isEqualTo(200);
            assertThat(result.getQueryId()).startsWith("frontend-1-");
            assertThat(result.getBody().toString(StandardCharsets.UTF_8))
                    .isEqualTo("tenant-" + (i % 2) + " /loki/api/v1/query_range?query={app=\"x\"}&i=" + i);
        }
        assertThat(handler.handled).hasSize(20);
        assertThat(handler.handled)
                .allSatisfy(task -> assertThat(task.getFrontendId()).isEqualTo("frontend-1"));
    }

    @Test
    void aFloodingTenantNeitherStarvesAnotherNorExceedsItsOutstandingLimit() throws Exception {
        startWorker(1);
        CompletableFuture<TaskResult> blocker = submit("A", RecordingHandler.BLOCK);
        await(() -> handler.handled.size() == 1, "the worker busy");
        List<CompletableFuture<TaskResult>> flood = new ArrayList<>();
        for (int i = 0; i < MAX_OUTSTANDING; i++) {
            flood.add(submit("A", "/a/" + i));
        }
        await(() -> queues.queueLength("A") == MAX_OUTSTANDING, "A's backlog queued");

        CompletableFuture<TaskResult> overLimit = submit("A", "/a/over");
        assertThatThrownBy(() -> overLimit.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).isEqualTo("too many outstanding requests");
                });
        assertThat(scheduler.metric("loki_query_scheduler_queue_length{user=\"A\"}"))
                .isEqualTo(MAX_OUTSTANDING);

        List<CompletableFuture<TaskResult>> fewer = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fewer.add(submit("B", "/b/" + i));
        }
        await(() -> queues.queueLength("B") == 3, "B's tasks queued");
        handler.gate.release();

        for (CompletableFuture<TaskResult> result : fewer) {
            assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus())
                    .isEqualTo(200);
        }
        // B's tasks alternate with A's from the first round on, not after A's 500.
        assertThat(handler.tenants().subList(0, 7)).containsExactly("A", "A", "B", "A", "B", "A", "B");
        assertThat(blocker.get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        for (CompletableFuture<TaskResult> result : flood) {
            assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus())
                    .isEqualTo(200);
        }
        assertThat(handler.paths()).doesNotContain("/a/over").hasSize(1 + MAX_OUTSTANDING + 3);
        assertThat(submit("A", "/a/again")
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void cancellingQueuedTasksRemovesThemFromTheQueue() throws Exception {
        startWorker(1);
        CompletableFuture<TaskResult> blocker = submit("C", RecordingHandler.BLOCK);
        await(() -> handler.handled.size() == 1, "the worker busy");
        List<CompletableFuture<TaskResult>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(submit("C", "/c/" + i));
        }
        await(() -> queues.queueLength("C") == 5, "5 tasks queued");
        assertThat(scheduler.metric("loki_query_scheduler_queue_length{user=\"C\"}"))
                .isEqualTo(5);

        for (int i = 0; i < 5; i += 2) {
            assertThat(queued.get(i).cancel(true)).isTrue();
        }
        await(() -> queues.queueLength("C") == 2, "the cancelled tasks leaving the queue");
        assertThat(scheduler.metric("loki_query_scheduler_queue_length{user=\"C\"}"))
                .isEqualTo(2);

        handler.gate.release();
        assertThat(queued.get(1).get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus())
                .isEqualTo(200);
        assertThat(queued.get(3).get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus())
                .isEqualTo(200);
        assertThat(blocker.get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        // Concurrent submissions reach the scheduler in any order.
        assertThat(handler.paths()).containsExactlyInAnyOrder(RecordingHandler.BLOCK, "/c/1", "/c/3");
    }

    @Test
    void cancellingARunningTaskInterruptsItsHandlerAndTheWorkerGoesOn() throws Exception {
        startWorker(1);
        CompletableFuture<TaskResult> running = submit("D", RecordingHandler.BLOCK);
        await(() -> handler.handled.size() == 1, "the task running");
        assertThat(queues.inflight()).isEqualTo(1);
        assertThat(scheduler.metric("loki_query_scheduler_inflight_requests")).isEqualTo(1);

        running.cancel(true);
        await(() -> handler.interrupted.get() == 1, "the handler interrupted");
        assertThat(queues.inflight()).isZero();

        TaskResult next = submit("D", "/d/next").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(next.getStatus()).isEqualTo(200);
        assertThat(queues.connectedQueriers()).isEqualTo(1);
    }

    @Test
    void aStoppingWorkerFinishesItsTaskAndTakesNoOther() throws Exception {
        startWorker(1);
        CompletableFuture<TaskResult> running = submit("H", RecordingHandler.BLOCK);
        await(() -> handler.handled.size() == 1, "the task running");
        CompletableFuture<TaskResult> queued = submit("H", "/h/queued");
        await(() -> queues.queueLength("H") == 1, "a task queued");

        SchedulerWorker stopping = worker;
        Thread closer = Thread.ofPlatform().start(stopping::close);
        // Joining its loops: the stop request was made while the task still runs.
        await(() -> closer.getState() == Thread.State.TIMED_WAITING, "the worker stopping");
        handler.gate.release();
        assertThat(running.get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        closer.join(WAIT.toMillis());
        assertThat(closer.isAlive()).isFalse();
        await(() -> queues.connectedQueriers() == 0, "the worker gone");
        assertThat(queued).isNotDone();
        assertThat(queues.queueLength("H")).isEqualTo(1);

        startWorker(1);
        assertThat(queued.get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(handler.paths()).containsExactly(RecordingHandler.BLOCK, "/h/queued");
    }

    @Test
    void aTaskWhoseDeadlinePassesInTheQueueIsNeverRun() throws Exception {
        startWorker(1);
        CompletableFuture<TaskResult> blocker = submit("E", RecordingHandler.BLOCK);
        await(() -> handler.handled.size() == 1, "the worker busy");
        CompletableFuture<TaskResult> expiring =
                client.submit("E", request("/e/late"), Instant.now().plusMillis(300));
        assertThatThrownBy(() -> expiring.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        await(() -> queues.queueLength("E") == 0, "the expired task leaving the queue");
        handler.gate.release();
        assertThat(submit("E", "/e/on-time")
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                        .getStatus())
                .isEqualTo(200);
        assertThat(blocker.get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(handler.paths()).containsExactly(RecordingHandler.BLOCK, "/e/on-time");
    }

    @Test
    void metricsShowClientsAndHowLongTasksWaited() throws Exception {
        double countBefore = Math.max(0, scheduler.metric("loki_query_scheduler_queue_duration_seconds_count"));
        double sumBefore = Math.max(0, scheduler.metric("loki_query_scheduler_queue_duration_seconds_sum"));
        startWorker(3);
        assertThat(scheduler.metric("loki_query_scheduler_connected_querier_clients"))
                .isEqualTo(3);
        List<CompletableFuture<TaskResult>> blockers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            blockers.add(submit("F", RecordingHandler.BLOCK));
        }
        await(() -> handler.handled.size() == 3, "every worker loop busy");
        List<CompletableFuture<TaskResult>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(submit("F", "/f/" + i));
        }
        await(() -> queues.queueLength("F") == 3, "3 tasks queued");
        assertThat(scheduler.metric("loki_query_scheduler_connected_frontend_clients"))
                .isEqualTo(1);
        assertThat(scheduler.metric("loki_query_scheduler_inflight_requests")).isEqualTo(3);
        Thread.sleep(300);
        handler.gate.release(3);
        for (CompletableFuture<TaskResult> result : waiting) {
            assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus())
                    .isEqualTo(200);
        }
        for (CompletableFuture<TaskResult> result : blockers) {
            assertThat(result.get(WAIT.toSeconds(), TimeUnit.SECONDS).getStatus())
                    .isEqualTo(200);
        }

        assertThat(scheduler.metric("loki_query_scheduler_queue_duration_seconds_count") - countBefore)
                .isEqualTo(6);
        // The three queued behind the blockers waited at least 300ms each.
        assertThat(scheduler.metric("loki_query_scheduler_queue_duration_seconds_sum") - sumBefore)
                .isGreaterThanOrEqualTo(0.9);
        await(() -> queues.connectedFrontends() == 0, "no frontend with open tasks");
        assertThat(scheduler.metric("loki_query_scheduler_connected_frontend_clients"))
                .isZero();
        assertThat(scheduler.metric("loki_query_scheduler_queue_length{user=\"F\"}"))
                .isZero();
    }

    @Test
    void theSchedulerIsReadyAndListedOnItsRingPage() {
        assertThat(scheduler.get("/ready").statusCode()).isEqualTo(200);
        String address = scheduler.schedulerRing().instances().getFirst().address();
        assertThat(address).startsWith("127.0.0.1:");
        assertThat(scheduler.get("/scheduler/ring").body()).contains(address);
    }

    @Test
    void withoutSchedulersTheClientFailsUnavailable() {
        try (SchedulerClient none = new SchedulerClient(
                "frontend-2", SchedulerAddresses.fixed(""), new SchedulerChannels(1 << 20), Clock.systemUTC())) {
            assertThatThrownBy(
                            () -> none.submit("G", request("/g"), Instant.now().plusSeconds(5))
                                    .get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        }
    }

    private void startWorker(int concurrency) {
        worker = new SchedulerWorker(
                "querier-1",
                concurrency,
                SchedulerAddresses.ring(scheduler.schedulerRing()),
                new SchedulerChannels(64 << 20),
                handler,
                new SchedulerWorker.Settings(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(1)));
        worker.start();
        await(() -> queues.connectedQueriers() == concurrency, concurrency + " worker loops connected");
    }

    private CompletableFuture<TaskResult> submit(String tenant, String path, String... params) {
        return client.submit(tenant, request(path, params), Instant.now().plus(WAIT));
    }

    private static HttpRequest request(String path, String... params) {
        HttpRequest.Builder request = HttpRequest.newBuilder().setMethod("GET").setPath(path);
        for (int i = 0; i + 1 < params.length; i += 2) {
            request.addParams(RecordingHandler.param(params[i], params[i + 1]));
        }
        return request.build();
    }
}
