package io.skald.scheduler;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.skald.proto.scheduler.QueryTask;
import io.skald.proto.scheduler.SchedulerForFrontendGrpc;
import io.skald.proto.scheduler.TaskResult;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code SchedulerForFrontend}: queues each submitted task and answers the call with its result. The call's
 * cancellation (the frontend went away, or its deadline passed) cancels the task.
 */
public final class FrontendService extends SchedulerForFrontendGrpc.SchedulerForFrontendImplBase {
    private final QueryScheduler scheduler;

    public FrontendService(QueryScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void submit(QueryTask task, StreamObserver<TaskResult> responseObserver) {
        ServerCallStreamObserver<TaskResult> call = (ServerCallStreamObserver<TaskResult>) responseObserver;
        AtomicReference<Submission> submitted = new AtomicReference<>();
        call.setOnCancelHandler(() -> {
            Submission submission = submitted.get();
            if (submission != null) {
                scheduler.cancel(submission);
            }
        });
        if (task.getTenant().isBlank()) {
            call.onError(Status.INVALID_ARGUMENT.withDescription("no org id").asRuntimeException());
            return;
        }
        try {
            submitted.set(scheduler.submit(task, new GrpcFrontendCall(call)));
        } catch (TooManyOutstandingRequestsException e) {
            call.onError(Status.RESOURCE_EXHAUSTED
                    .withDescription(TooManyOutstandingRequestsException.MESSAGE)
                    .asRuntimeException());
        }
    }

    /** Answers the frontend's call, unless it was cancelled meanwhile. */
    private record GrpcFrontendCall(ServerCallStreamObserver<TaskResult> call) implements FrontendCall {
        @Override
        public void succeed(TaskResult result) {
            if (call.isCancelled()) {
                return;
            }
            try {
                call.onNext(result);
                call.onCompleted();
            } catch (RuntimeException e) {
                // Cancelled between the check and the send: nobody waits for the result.
            }
        }

        @Override
        public void fail(Status status) {
            if (call.isCancelled()) {
                return;
            }
            try {
                call.onError(status.asRuntimeException());
            } catch (RuntimeException e) {
                // As above.
            }
        }
    }
}
