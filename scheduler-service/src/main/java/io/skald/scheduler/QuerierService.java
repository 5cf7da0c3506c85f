package io.skald.scheduler;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.skald.proto.scheduler.CancelTask;
import io.skald.proto.scheduler.QuerierToScheduler;
import io.skald.proto.scheduler.QueryTask;
import io.skald.proto.scheduler.SchedulerForQuerierGrpc;
import io.skald.proto.scheduler.SchedulerToQuerier;
import org.jspecify.annotations.Nullable;

/**
 * {@code SchedulerForQuerier}: one stream per querier worker. The hello makes the worker idle; each result answers its
 * task and makes it idle again; the stream's end disconnects it.
 */
public final class QuerierService extends SchedulerForQuerierGrpc.SchedulerForQuerierImplBase {
    private final QueryScheduler scheduler;

    public QuerierService(QueryScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public StreamObserver<QuerierToScheduler> querierLoop(StreamObserver<SchedulerToQuerier> responseObserver) {
        GrpcQuerierStream stream =
                new GrpcQuerierStream((ServerCallStreamObserver<SchedulerToQuerier>) responseObserver);
        return new StreamObserver<>() {
            // Inbound messages of one call are delivered one at a time.
            private @Nullable QuerierConnection connection;

            @Override
            public void onNext(QuerierToScheduler message) {
                QuerierConnection current = connection;
                switch (message.getMessageCase()) {
                    case HELLO -> {
                        if (current == null) {
                            connection = scheduler.connect(message.getHello().getQuerierId(), stream);
                        }
                    }
                    case RESULT -> {
                        if (current == null) {
                            stream.fail(Status.FAILED_PRECONDITION.withDescription("expected a hello first"));
                        } else {
                            scheduler.answered(current, message.getResult(), !message.getShuttingDown());
                        }
                    }
                    case MESSAGE_NOT_SET -> {}
                }
            }

            @Override
            public void onError(Throwable t) {
                disconnect();
            }

            @Override
            public void onCompleted() {
                disconnect();
                stream.close();
            }

            private void disconnect() {
                QuerierConnection current = connection;
                if (current != null) {
                    scheduler.disconnect(current);
                }
            }
        };
    }

    /** Sends to one querier stream; synchronized because the scheduler and the stream's own end both close it. */
    private static final class GrpcQuerierStream implements QuerierStream {
        private final ServerCallStreamObserver<SchedulerToQuerier> call;
        private boolean closed;

        GrpcQuerierStream(ServerCallStreamObserver<SchedulerToQuerier> call) {
            this.call = call;
        }

        @Override
        public synchronized void send(QueryTask task) {
            emit(SchedulerToQuerier.newBuilder().setTask(task).build());
        }

        @Override
        public synchronized void cancel(String queryId) {
            emit(SchedulerToQuerier.newBuilder()
                    .setCancel(CancelTask.newBuilder().setQueryId(queryId))
                    .build());
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                try {
                    call.onCompleted();
                } catch (RuntimeException e) {
                    // Already cancelled by the querier.
                }
            }
        }

        synchronized void fail(Status status) {
            if (!closed) {
                closed = true;
                try {
                    call.onError(status.asRuntimeException());
                } catch (RuntimeException e) {
                    // Already cancelled by the querier.
                }
            }
        }

        private void emit(SchedulerToQuerier message) {
            if (closed || call.isCancelled()) {
                return;
            }
            try {
                call.onNext(message);
            } catch (RuntimeException e) {
                // The querier went away; its stream's end disconnects it.
            }
        }
    }
}
