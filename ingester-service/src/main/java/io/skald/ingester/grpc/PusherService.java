package io.skald.ingester.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.skald.ingester.Ingester;
import io.skald.ingester.PushRejectedException;
import io.skald.proto.ingester.PusherGrpc;
import io.skald.proto.logproto.PushRequest;
import io.skald.proto.logproto.PushResponse;
import io.skald.tenant.TenantServerInterceptor;

/**
 * {@code Pusher.Push}: stores the push and answers once it is durable. Rejected entries give InvalidArgument with
 * Loki's joined messages (the other entries are stored), new streams over the tenant's limit ResourceExhausted; an
 * ingester not ready or a failed WAL gives Unavailable.
 */
public final class PusherService extends PusherGrpc.PusherImplBase {
    private final Ingester ingester;

    public PusherService(Ingester ingester) {
        this.ingester = ingester;
    }

    @Override
    public void push(PushRequest request, StreamObserver<PushResponse> responses) {
        try {
            ingester.push(TenantServerInterceptor.tenant(), request);
        } catch (PushRejectedException e) {
            Status status = e.limited() ? Status.RESOURCE_EXHAUSTED : Status.INVALID_ARGUMENT;
            responses.onError(status.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (IllegalStateException e) {
            responses.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        responses.onNext(PushResponse.getDefaultInstance());
        responses.onCompleted();
    }
}
