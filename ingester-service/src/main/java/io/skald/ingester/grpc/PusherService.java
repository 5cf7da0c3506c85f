package io.skald.ingester.grpc;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.skald.ingester.IncomingStream;
import io.skald.ingester.Ingester;
import io.skald.ingester.PushRejectedException;
import io.skald.proto.ingester.PusherGrpc;
import io.skald.proto.logproto.PushResponse;
import io.skald.tenant.TenantServerInterceptor;
import java.util.List;

/**
 * {@code Pusher.Push}: stores the push and answers once it is durable. Rejected entries give InvalidArgument with
 * Loki's joined messages (the other entries are stored), new streams over the tenant's limit ResourceExhausted; an
 * ingester not ready or a failed WAL gives Unavailable. The request is read by {@link PushRequestMarshaller}, straight
 * from its wire bytes; the method and its wire format are those of push.proto and ingester.proto.
 */
public final class PusherService implements BindableService {
    private static final MethodDescriptor<List<IncomingStream>, PushResponse> PUSH =
            PusherGrpc.getPushMethod().toBuilder(
                            new PushRequestMarshaller(), ProtoUtils.marshaller(PushResponse.getDefaultInstance()))
                    .build();

    private final Ingester ingester;

    public PusherService(Ingester ingester) {
        this.ingester = ingester;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return ServerServiceDefinition.builder(PusherGrpc.SERVICE_NAME)
                .addMethod(PUSH, ServerCalls.asyncUnaryCall(this::push))
                .build();
    }

    void push(List<IncomingStream> request, StreamObserver<PushResponse> responses) {
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
