package io.skald.scheduler;

import io.grpc.Status;
import io.skald.proto.scheduler.QueryTask;
import io.skald.proto.scheduler.TaskResult;
import io.skald.scheduler.queue.RequestQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query-scheduler's role: frontends' tasks wait in per-tenant queues ({@link RequestQueue}, served round-robin
 * across tenants) until a querier worker is idle; each idle worker gets the next task in turn, its answer goes back
 * to the frontend that submitted it. Nothing blocks: submissions, answers and disconnects all match queued tasks with
 * idle workers under one lock.
 */
public final class QueryScheduler {
    private static final Logger log = LoggerFactory.getLogger(QueryScheduler.class);

    private final RequestQueue<Submission> queue;
    private final SchedulerMetrics metrics;
    private final Clock clock;
    private final ArrayDeque<QuerierConnection> idle = new ArrayDeque<>();
    private final Set<QuerierConnection> connections = new HashSet<>();
    private final Map<String, Integer> openCallsByFrontend = new HashMap<>();
    private int running;
    private boolean stopped;

    /**
     * @param maxOutstandingPerTenant {@code query_scheduler.max_outstanding_requests_per_tenant}
     */
    public QueryScheduler(int maxOutstandingPerTenant, SchedulerMetrics metrics, Clock clock) {
        this.queue = new RequestQueue<>(maxOutstandingPerTenant);
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Queues {@code task}; {@code call} gets its result (or failure) later.
     *
     * @throws TooManyOutstandingRequestsException when the tenant's queue is full
     */
    public Submission submit(QueryTask task, FrontendCall call) throws TooManyOutstandingRequestsException {
        // Outside the lock: registering a meter takes the registry's lock, which a scrape may hold while reading ours.
        metrics.trackTenant(task.getTenant(), this);
        return enqueue(task, call);
    }

    private synchronized Submission enqueue(QueryTask task, FrontendCall call)
            throws TooManyOutstandingRequestsException {
        Submission submission = new Submission(task, call, System.nanoTime());
        if (stopped) {
            submission.done();
            call.fail(Status.UNAVAILABLE.withDescription("query-scheduler is shutting down"));
            return submission;
        }
        if (!queue.enqueue(task.getTenant(), submission)) {
            throw new TooManyOutstandingRequestsException();
        }
        openCallsByFrontend.merge(task.getFrontendId(), 1, Integer::sum);
        dispatch();
        return submission;
    }

    /**
     * The frontend went away (or its deadline passed): a queued task leaves the queue, a running one is cancelled on
     * its querier, which stays busy until it answers.
     */
    public synchronized void cancel(Submission submission) {
        switch (submission.state()) {
            case QUEUED -> {
                queue.remove(submission.task().getTenant(), submission);
                finish(submission);
            }
            case RUNNING -> {
                QuerierConnection querier = submission.querier();
                finish(submission);
                if (querier != null && querier.connected()) {
                    querier.stream().cancel(submission.task().getQueryId());
                }
            }
            case DONE -> {}
        }
    }

    /** A querier worker announced itself and is ready for a task. */
    public synchronized QuerierConnection connect(String querierId, QuerierStream stream) {
        QuerierConnection connection = new QuerierConnection(querierId, stream);
        if (stopped) {
            connection.disconnected();
            stream.close();
            return connection;
        }
        connections.add(connection);
        idle.addLast(connection);
        dispatch();
        return connection;
    }

    /**
     * A querier worker answered its task.
     *
     * @param ready false when the worker is stopping and takes no further task on this stream
     */
    public synchronized void answered(QuerierConnection connection, TaskResult result, boolean ready) {
        Submission submission = connection.current();
        if (submission == null) {
            log.warn("querier {} answered {} with no task outstanding", connection.querierId(), result.getQueryId());
            return;
        }
        connection.assign(null);
        if (submission.state() == Submission.State.RUNNING) {
            finish(submission);
            submission.call().succeed(result);
        }
        if (ready && connection.connected() && !stopped) {
            idle.addLast(connection);
            dispatch();
        }
    }

    /** A querier worker's stream ended; a task it was running fails, so the frontend may retry it. */
    public synchronized void disconnect(QuerierConnection connection) {
        if (!connection.connected()) {
            return;
        }
        connection.disconnected();
        connections.remove(connection);
        idle.remove(connection);
        Submission submission = connection.current();
        connection.assign(null);
        if (submission != null && submission.state() == Submission.State.RUNNING) {
            finish(submission);
            submission
                    .call()
                    .fail(Status.UNAVAILABLE.withDescription(
                            "querier " + connection.querierId() + " disconnected while running the query"));
        }
    }

    /** Stops taking work: queued and running tasks fail with UNAVAILABLE, querier streams end. */
    public synchronized void stop() {
        stopped = true;
        List<Submission> pending = new ArrayList<>();
        for (RequestQueue.Dequeued<Submission> next = queue.dequeue(); next != null; next = queue.dequeue()) {
            pending.add(next.item());
        }
        for (QuerierConnection connection : connections) {
            Submission current = connection.current();
            if (current != null && current.state() == Submission.State.RUNNING) {
                pending.add(current);
            }
            connection.disconnected();
            connection.stream().close();
        }
        connections.clear();
        idle.clear();
        for (Submission submission : pending) {
            finish(submission);
            submission.call().fail(Status.UNAVAILABLE.withDescription("query-scheduler is shutting down"));
        }
    }

    /** Tasks queued for {@code tenant}. */
    public synchronized int queueLength(String tenant) {
        return queue.length(tenant);
    }

    /** Tasks queued over all tenants. */
    public synchronized int queued() {
        return queue.size();
    }

    /** Tasks handed to queriers and not yet answered or cancelled. */
    public synchronized int inflight() {
        return running;
    }

    /** Connected querier worker streams. */
    public synchronized int connectedQueriers() {
        return connections.size();
    }

    /** Distinct frontends with a task queued or running. */
    public synchronized int connectedFrontends() {
        return openCallsByFrontend.size();
    }

    /** Hands queued tasks to idle queriers, tenants in turn; expired tasks fail instead. */
    private void dispatch() {
        while (!idle.isEmpty()) {
            RequestQueue.Dequeued<Submission> next = queue.dequeue();
            if (next == null) {
                return;
            }
            Submission submission = next.item();
            metrics.observeQueueDuration(Duration.ofNanos(System.nanoTime() - submission.enqueuedNanos()));
            long deadline = submission.task().getDeadlineUnixMillis();
            if (deadline > 0 && clock.millis() >= deadline) {
                finish(submission);
                submission.call().fail(Status.DEADLINE_EXCEEDED.withDescription("query expired in the queue"));
                continue;
            }
            QuerierConnection querier = idle.pollFirst();
            submission.running(querier);
            querier.assign(submission);
            running++;
            querier.stream().send(submission.task());
        }
    }

    /** Marks a submission done and forgets it in the counts. */
    private void finish(Submission submission) {
        if (submission.state() == Submission.State.RUNNING) {
            running--;
        }
        submission.done();
        openCallsByFrontend.computeIfPresent(
                submission.task().getFrontendId(), (frontend, count) -> count == 1 ? null : count - 1);
    }
}
