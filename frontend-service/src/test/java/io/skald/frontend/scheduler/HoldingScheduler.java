package io.skald.frontend.scheduler;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.skald.proto.scheduler.QueryTask;
import io.skald.proto.scheduler.SchedulerForFrontendGrpc;
import io.skald.proto.scheduler.TaskResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in query-scheduler on a real gRPC port that holds every submitted task (no querier answers) and records
 * which the frontend cancelled; it can also refuse tasks as a full tenant queue does.
 */
public final class HoldingScheduler implements AutoCloseable {
    public final List<QueryTask> received = new CopyOnWriteArrayList<>();
    public final List<String> cancelled = new CopyOnWriteArrayList<>();
    private final Map<String, ServerCallStreamObserver<TaskResult>> held = new ConcurrentHashMap<>();
    private volatile @Nullable Status refuseWith;
    private final Server server;

    public HoldingScheduler() throws IOException {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(new SchedulerForFrontendGrpc.SchedulerForFrontendImplBase() {
                    @Override
                    public void submit(QueryTask task, StreamObserver<TaskResult> responses) {
                        ServerCallStreamObserver<TaskResult> call = (ServerCallStreamObserver<TaskResult>) responses;
                        received.add(task);
                        call.setOnCancelHandler(() -> {
                            held.remove(task.getQueryId());
                            cancelled.add(task.getQueryId());
                        });
                        Status refuse = refuseWith;
                        if (refuse != null) {
                            call.onError(refuse.asRuntimeException());
                            return;
                        }
                        held.put(task.getQueryId(), call);
                    }
                })
                .build()
                .start();
    }

    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Answers every later task with {@code status} at once. */
    public void refuseWith(@Nullable Status status) {
        refuseWith = status;
    }

    /** Tasks held right now (submitted, neither answered nor cancelled). */
    public int held() {
        return held.size();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
