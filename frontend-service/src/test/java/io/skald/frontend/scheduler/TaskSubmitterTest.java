package io.skald.frontend.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.skald.proto.scheduler.HttpRequest;
import io.skald.scheduler.client.SchedulerAddresses;
import io.skald.scheduler.client.SchedulerChannels;
import io.skald.scheduler.client.SchedulerClient;
import io.skald.server.LokiHttpException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The frontend's submissions over real gRPC: its per-tenant bound, the scheduler's refusal, cancellation by scope. */
class TaskSubmitterTest {
    private static final HttpRequest REQUEST = HttpRequest.newBuilder()
            .setMethod("GET")
            .setPath("/loki/api/v1/labels")
            .build();

    private HoldingScheduler scheduler;
    private TaskSubmitter submitter;

    @BeforeEach
    void start() throws Exception {
        scheduler = new HoldingScheduler();
        submitter = new TaskSubmitter(
                new SchedulerClient(
                        "frontend-test",
                        SchedulerAddresses.fixed(scheduler.address()),
                        new SchedulerChannels(1 << 20),
                        Clock.systemUTC()),
                3);
    }

    @AfterEach
    void stop() throws Exception {
        submitter.close();
        scheduler.close();
    }

    @Test
    void beyondMaxOutstandingPerTenantTheFrontendAnswers429WithoutSubmitting() throws Exception {
        RequestScope scope = submitter.scope(Instant.now().plusSeconds(30));
        List<CompletableFuture<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(scope.submit("a", REQUEST));
        }
        await(() -> scheduler.held() == 3);
        CompletableFuture<?> fourth = scope.submit("a", REQUEST);
        assertThat(failure(fourth)).isInstanceOf(LokiHttpException.class).satisfies(e -> {
            assertThat(((LokiHttpException) e).status()).isEqualTo(429);
            assertThat(e).hasMessage("too many outstanding requests");
        });
        // Another tenant has its own bound.
        CompletableFuture<?> other = scope.submit("b", REQUEST);
        await(() -> scheduler.held() == 4);
        assertThat(other).isNotDone();
        assertThat(submitter.outstanding("a")).isEqualTo(3);

        scope.cancel();
        await(() -> scheduler.cancelled.size() == 4);
        await(() -> submitter.outstanding("a") == 0 && submitter.outstanding("b") == 0);
        assertThat(tasks).allSatisfy(t -> assertThat(t).isCancelled());
        // A cancelled scope submits nothing more.
        assertThat(scope.submit("a", REQUEST)).isCompletedExceptionally();
        assertThat(scheduler.received).hasSize(4);
    }

    @Test
    void theSchedulersFullQueueIs429() throws Exception {
        scheduler.refuseWith(Status.RESOURCE_EXHAUSTED.withDescription("too many outstanding requests"));
        Throwable error = failure(submitter.scope(Instant.now().plusSeconds(30)).submit("a", REQUEST));
        assertThat(error).isInstanceOf(LokiHttpException.class).hasMessage("too many outstanding requests");
        assertThat(((LokiHttpException) error).status()).isEqualTo(429);
        assertThat(submitter.outstanding("a")).isZero();
    }

    @Test
    void aPassedDeadlineIs504() throws Exception {
        Throwable error = failure(submitter.scope(Instant.now().plusMillis(200)).submit("a", REQUEST));
        assertThat(error).isInstanceOf(LokiHttpException.class);
        assertThat(((LokiHttpException) error).status()).isEqualTo(504);
        assertThat(error).hasMessageStartingWith("request timed out");
        await(() -> submitter.outstanding("a") == 0);
    }

    private static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got " + future.get());
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(10);
        }
    }
}
