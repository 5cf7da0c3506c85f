package io.skald.scheduler.client;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.skald.proto.scheduler.QuerierHello;
import io.skald.proto.scheduler.QuerierToScheduler;
import io.skald.proto.scheduler.QueryTask;
import io.skald.proto.scheduler.SchedulerForQuerierGrpc;
import io.skald.proto.scheduler.SchedulerToQuerier;
import io.skald.proto.scheduler.TaskResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One querier worker's stream to one scheduler, run on its own thread: announce, take a task, run it, answer, repeat;
 * reconnect with exponential backoff when the stream breaks. Stopping lets a running task finish and answer first.
 */
final class WorkerLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);

    /** What a querier answers for a task it abandoned (nginx's "client closed request", which Loki uses too). */
    static final int STATUS_CLIENT_CLOSED_REQUEST = 499;

    private static final Object END_OF_STREAM = new Object();
    private static final Duration END_WAIT = Duration.ofSeconds(2);

    private final String querierId;
    private final String address;
    private final SchedulerChannels channels;
    private final TaskHandler handler;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Object lock = new Object();
    private final Thread thread;

    private volatile boolean stopping;
    // Guarded by lock: the task being handled, the id the scheduler cancelled last, and the open call.
    private @Nullable String runningQueryId;
    private @Nullable String cancelledQueryId;
    private @Nullable ClientCallStreamObserver<QuerierToScheduler> call;

    WorkerLoop(
            String querierId,
            String address,
            SchedulerChannels channels,
            TaskHandler handler,
            Duration minBackoff,
            Duration maxBackoff,
            String threadName) {
        this.querierId = querierId;
        this.address = address;
        this.channels = channels;
        this.handler = handler;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this);
    }

    void start() {
        thread.start();
    }

    String address() {
        return address;
    }

    /** Asks the loop to end: at once when idle, after answering its task when busy. */
    void stop() {
        stopping = true;
        synchronized (lock) {
            if (runningQueryId == null) {
                ClientCallStreamObserver<QuerierToScheduler> open = call;
                if (open != null) {
                    open.cancel("querier worker stopping", null);
                }
                thread.interrupt();
            }
        }
    }

    /** Waits up to {@code timeout} for the loop's thread to end. */
    void join(Duration timeout) throws InterruptedException {
        thread.join(timeout);
    }

    @Override
    public void run() {
        long backoffNanos = minBackoff.toNanos();
        while (!stopping) {
            long started = System.nanoTime();
            boolean served = false;
            try {
                served = session();
            } catch (InterruptedException e) {
                // Not stopping: a cancellation that arrived as the task ended; the throw cleared it.
                if (stopping) {
                    return;
                }
            } catch (RuntimeException e) {
                log.debug("querier loop to scheduler {} failed: {}", address, e.toString());
            }
            if (stopping) {
                return;
            }
            if (served || System.nanoTime() - started > Duration.ofSeconds(1).toNanos()) {
                backoffNanos = minBackoff.toNanos();
            }
            try {
                Thread.sleep(Duration.ofNanos(backoffNanos));
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
            }
            backoffNanos = Math.min(maxBackoff.toNanos(), backoffNanos * 2);
        }
    }

    /** One stream, until it ends; whether at least one task was served. */
    private boolean session() throws InterruptedException {
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        ClientCallStreamObserver<QuerierToScheduler> requests;
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            requests = (ClientCallStreamObserver<QuerierToScheduler>)
                    SchedulerForQuerierGrpc.newStub(channels.channel(address)).querierLoop(new Inbound(inbox));
            call = requests;
        }
        boolean served = false;
        boolean halfClosed = false;
        try {
            requests.onNext(QuerierToScheduler.newBuilder()
                    .setHello(QuerierHello.newBuilder().setQuerierId(querierId))
                    .build());
            while (!stopping) {
                Object next = inbox.take();
                if (next == END_OF_STREAM) {
                    return served;
                }
                if (next instanceof Throwable error) {
                    log.debug("querier loop to scheduler {} ended: {}", address, error.toString());
                    return served;
                }
                QueryTask task = ((SchedulerToQuerier) next).getTask();
                TaskResult result = run(task);
                // Stopping while the task ran: this answer is the last, so the scheduler sends nothing more.
                requests.onNext(QuerierToScheduler.newBuilder()
                        .setResult(result)
                        .setShuttingDown(stopping)
                        .build());
                served = true;
            }
            requests.onCompleted();
            halfClosed = true;
            awaitEnd(inbox);
            return served;
        } finally {
            synchronized (lock) {
                call = null;
            }
            if (!halfClosed) {
                requests.cancel("querier loop ended", null);
            }
        }
    }

    /** Waits briefly for the scheduler to end a half-closed stream, so the last answer is surely delivered. */
    private static void awaitEnd(BlockingQueue<Object> inbox) throws InterruptedException {
        long deadline = System.nanoTime() + END_WAIT.toNanos();
        while (true) {
            Object next = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null || next == END_OF_STREAM || next instanceof Throwable) {
                return;
            }
        }
    }

    private TaskResult run(QueryTask task) {
        String queryId = task.getQueryId();
        synchronized (lock) {
            if (queryId.equals(cancelledQueryId)) {
                return failure(queryId, STATUS_CLIENT_CLOSED_REQUEST, "context canceled");
            }
            runningQueryId = queryId;
        }
        try {
            return handler.handle(task).toBuilder().setQueryId(queryId).build();
        } catch (InterruptedException e) {
            return failure(queryId, STATUS_CLIENT_CLOSED_REQUEST, "context canceled");
        } catch (Exception e) {
            return failure(queryId, 500, String.valueOf(e.getMessage()));
        } finally {
            synchronized (lock) {
                runningQueryId = null;
                // A cancel that raced with the end of the task must not break the next wait.
                boolean unused = Thread.interrupted();
            }
        }
    }

    /** The stream broke: the scheduler has already failed the running task, so nobody waits for it. */
    private void abandonRunning() {
        synchronized (lock) {
            if (runningQueryId != null) {
                cancelledQueryId = runningQueryId;
                thread.interrupt();
            }
        }
    }

    private void cancel(String queryId) {
        synchronized (lock) {
            cancelledQueryId = queryId;
            if (queryId.equals(runningQueryId)) {
                thread.interrupt();
            }
        }
    }

    private static TaskResult failure(String queryId, int status, String message) {
        return TaskResult.newBuilder()
                .setQueryId(queryId)
                .setStatus(status)
                .setBody(ByteString.copyFrom(message, StandardCharsets.UTF_8))
                .build();
    }

    /** Hands tasks and the end of the stream to the loop's thread; cancellations act at once. */
    private final class Inbound implements ClientResponseObserver<QuerierToScheduler, SchedulerToQuerier> {
        private final BlockingQueue<Object> inbox;

        Inbound(BlockingQueue<Object> inbox) {
            this.inbox = inbox;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<QuerierToScheduler> requestStream) {}

        @Override
        public void onNext(SchedulerToQuerier message) {
            switch (message.getMessageCase()) {
                case TASK -> inbox.add(message);
                case CANCEL -> cancel(message.getCancel().getQueryId());
                case MESSAGE_NOT_SET -> {}
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!(t instanceof StatusRuntimeException e && e.getStatus().getCode() == Status.Code.CANCELLED)) {
                log.debug("querier loop to scheduler {}: {}", address, t.toString());
            }
            abandonRunning();
            inbox.add(t);
        }

        @Override
        public void onCompleted() {
            abandonRunning();
            inbox.add(END_OF_STREAM);
        }
    }
}
