package io.skald.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skald.proto.scheduler.QueryTask;
import io.skald.proto.scheduler.TaskResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@link QueryScheduler}'s bookkeeping with hand-written fakes for the frontend calls and querier streams. */
class QuerySchedulerCoreTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final SchedulerMetrics metrics = new SchedulerMetrics(new SimpleMeterRegistry());
    private final QueryScheduler scheduler = new QueryScheduler(2, metrics, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aQuerierThatDisconnectsWhileRunningATaskFailsItUnavailable() throws Exception {
        FakeQuerier querier = new FakeQuerier();
        QuerierConnection connection = scheduler.connect("q", querier);
        FakeFrontend frontend = new FakeFrontend();
        scheduler.submit(task("t", "1", 0), frontend);
        assertThat(querier.sent).containsExactly("1");

        scheduler.disconnect(connection);
        assertThat(frontend.failure).isNotNull();
        assertThat(frontend.failure.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(scheduler.inflight()).isZero();
        assertThat(scheduler.connectedQueriers()).isZero();
        assertThat(scheduler.connectedFrontends()).isZero();
    }

    @Test
    void anAnswerToACancelledTaskIsDroppedAndTheQuerierGetsTheNextTask() throws Exception {
        FakeQuerier querier = new FakeQuerier();
        QuerierConnection connection = scheduler.connect("q", querier);
        FakeFrontend gone = new FakeFrontend();
        Submission first = scheduler.submit(task("t", "1", 0), gone);
        FakeFrontend waiting = new FakeFrontend();
        scheduler.submit(task("t", "2", 0), waiting);

        scheduler.cancel(first);
        assertThat(querier.cancelled).containsExactly("1");
        assertThat(querier.sent).containsExactly("1"); // still busy until it answers

        scheduler.answered(
                connection,
                TaskResult.newBuilder().setQueryId("1").setStatus(499).build(),
                true);
        assertThat(gone.result).isNull();
        assertThat(querier.sent).containsExactly("1", "2");
        scheduler.answered(
                connection,
                TaskResult.newBuilder().setQueryId("2").setStatus(200).build(),
                true);
        assertThat(waiting.result).isNotNull();
        assertThat(waiting.result.getStatus()).isEqualTo(200);
    }

    @Test
    void aQuerierAnsweringItsLastTaskGetsNoOther() throws Exception {
        FakeQuerier querier = new FakeQuerier();
        QuerierConnection connection = scheduler.connect("q", querier);
        scheduler.submit(task("t", "1", 0), new FakeFrontend());
        scheduler.submit(task("t", "2", 0), new FakeFrontend());

        scheduler.answered(
                connection,
                TaskResult.newBuilder().setQueryId("1").setStatus(200).build(),
                false);
        assertThat(querier.sent).containsExactly("1");
        assertThat(scheduler.queueLength("t")).isEqualTo(1);
        FakeQuerier next = new FakeQuerier();
        scheduler.connect("q2", next);
        assertThat(next.sent).containsExactly("2");
    }

    @Test
    void aTaskPastItsDeadlineWhenDequeuedFailsWithoutReachingAQuerier() throws Exception {
        FakeFrontend expired = new FakeFrontend();
        scheduler.submit(task("t", "old", NOW.toEpochMilli() - 1), expired);
        FakeFrontend fresh = new FakeFrontend();
        scheduler.submit(task("t", "new", NOW.toEpochMilli() + 60_000), fresh);

        FakeQuerier querier = new FakeQuerier();
        scheduler.connect("q", querier);
        assertThat(expired.failure).isNotNull();
        assertThat(expired.failure.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(querier.sent).containsExactly("new");
    }

    @Test
    void theOutstandingLimitCountsQueuedTasksOnly() throws Exception {
        FakeQuerier querier = new FakeQuerier();
        scheduler.connect("q", querier);
        scheduler.submit(task("t", "running", 0), new FakeFrontend());
        scheduler.submit(task("t", "queued-1", 0), new FakeFrontend());
        scheduler.submit(task("t", "queued-2", 0), new FakeFrontend());
        assertThatThrownBy(() -> scheduler.submit(task("t", "too-many", 0), new FakeFrontend()))
                .isInstanceOf(TooManyOutstandingRequestsException.class)
                .hasMessage("too many outstanding requests");
        scheduler.submit(task("other", "fine", 0), new FakeFrontend());
        assertThat(scheduler.queueLength("t")).isEqualTo(2);
    }

    @Test
    void stoppingFailsQueuedAndRunningTasksAndClosesQuerierStreams() throws Exception {
        FakeQuerier querier = new FakeQuerier();
        scheduler.connect("q", querier);
        FakeFrontend running = new FakeFrontend();
        scheduler.submit(task("t", "1", 0), running);
        FakeFrontend queued = new FakeFrontend();
        scheduler.submit(task("t", "2", 0), queued);

        scheduler.stop();
        assertThat(running.failure.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(queued.failure.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(querier.closed).isTrue();
        assertThat(scheduler.queued()).isZero();
        assertThat(scheduler.inflight()).isZero();
    }

    private static QueryTask task(String tenant, String id, long deadline) {
        return QueryTask.newBuilder()
                .setTenant(tenant)
                .setQueryId(id)
                .setFrontendId("f")
                .setDeadlineUnixMillis(deadline)
                .build();
    }

    private static final class FakeFrontend implements FrontendCall {
        @Nullable
        TaskResult result;

        @Nullable
        Status failure;

        @Override
        public void succeed(TaskResult value) {
            assertThat(result == null && failure == null).as("answered once").isTrue();
            result = value;
        }

        @Override
        public void fail(Status status) {
            assertThat(result == null && failure == null).as("answered once").isTrue();
            failure = status;
        }
    }

    private static final class FakeQuerier implements QuerierStream {
        final List<String> sent = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();
        boolean closed;

        @Override
        public void send(QueryTask task) {
            sent.add(task.getQueryId());
        }

        @Override
        public void cancel(String queryId) {
            cancelled.add(queryId);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
