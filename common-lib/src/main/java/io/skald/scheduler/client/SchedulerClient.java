package io.skald.scheduler.client;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.skald.proto.scheduler.HttpRequest;
import io.skald.proto.scheduler.QueryTask;
import io.skald.proto.scheduler.SchedulerForFrontendGrpc;
import io.skald.proto.scheduler.TaskResult;
import io.skald.tenant.TenantResolver;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What a query-frontend uses to run a sub-query on some querier: submits it to one of the schedulers (in rotation) and
 * completes with the querier's result. Cancelling the returned future cancels the call, which removes the task from
 * the scheduler's queue or cancels it on its querier. A failure is a {@link io.grpc.StatusRuntimeException}: {@code
 * RESOURCE_EXHAUSTED} with {@code too many outstanding requests} when the tenant's queue is full (HTTP 429),
 * {@code DEADLINE_EXCEEDED} when the deadline passed, {@code UNAVAILABLE} when no scheduler could take it.
 */
public final class SchedulerClient implements AutoCloseable {
    private static final Metadata.Key<String> TENANT_KEY =
            Metadata.Key.of(TenantResolver.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER);

    private final String frontendId;
    private final SchedulerAddresses addresses;
    private final SchedulerChannels channels;
    private final Clock clock;
    private final AtomicLong nextQueryId = new AtomicLong();
    private final AtomicLong nextScheduler = new AtomicLong();

    /**
     * @param frontendId this frontend's identity, prefixed to query ids
     * @param addresses the schedulers ({@code frontend.scheduler_address} or the {@code scheduler} ring)
     * @param channels the channel pool; closed with this client
     */
    public SchedulerClient(String frontendId, SchedulerAddresses addresses, SchedulerChannels channels, Clock clock) {
        this.frontendId = frontendId;
        this.addresses = addresses;
        this.channels = channels;
        this.clock = clock;
    }

    /**
     * Runs {@code request} for {@code tenant} on a querier.
     *
     * @param deadline when the result is no longer wanted; the call fails with {@code DEADLINE_EXCEEDED} then
     */
    public CompletableFuture<TaskResult> submit(String tenant, HttpRequest request, Instant deadline) {
        CompletableFuture<TaskResult> future = new CompletableFuture<>();
        List<String> schedulers = addresses.current();
        if (schedulers.isEmpty()) {
            future.completeExceptionally(Status.UNAVAILABLE
                    .withDescription("no query-scheduler available")
                    .asRuntimeException());
            return future;
        }
        String address = schedulers.get((int) Math.floorMod(nextScheduler.getAndIncrement(), (long) schedulers.size()));
        String queryId = frontendId + "-" + nextQueryId.incrementAndGet();
        QueryTask task = QueryTask.newBuilder()
                .setQueryId(queryId)
                .setTenant(tenant)
                .setRequest(request)
                .setDeadlineUnixMillis(deadline.toEpochMilli())
                .setFrontendId(frontendId)
                .build();
        Metadata metadata = new Metadata();
        metadata.put(TENANT_KEY, tenant);
        long remainingMillis = Math.max(1, deadline.toEpochMilli() - clock.millis());
        try {
            SchedulerForFrontendGrpc.newStub(channels.channel(address))
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                    .withDeadlineAfter(remainingMillis, TimeUnit.MILLISECONDS)
                    .submit(task, new ResultObserver(future));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    @Override
    public void close() {
        channels.close();
    }

    /** Completes the future with the one result, and cancels the call when the future is cancelled first. */
    private static final class ResultObserver implements ClientResponseObserver<QueryTask, TaskResult> {
        private final CompletableFuture<TaskResult> future;
        private @Nullable TaskResult result;

        ResultObserver(CompletableFuture<TaskResult> future) {
            this.future = future;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<QueryTask> call) {
            var unused = future.whenComplete((value, error) -> {
                if (future.isCancelled()) {
                    call.cancel("cancelled by the frontend", null);
                }
            });
        }

        @Override
        public void onNext(TaskResult value) {
            result = value;
        }

        @Override
        public void onError(Throwable t) {
            future.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            TaskResult answer = result;
            if (answer == null) {
                future.completeExceptionally(Status.INTERNAL
                        .withDescription("query-scheduler closed the call without a result")
                        .asRuntimeException());
            } else {
                future.complete(answer);
            }
        }
    }
}
