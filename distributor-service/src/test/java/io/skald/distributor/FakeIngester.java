package io.skald.distributor;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.skald.proto.ingester.PusherGrpc;
import io.skald.proto.logproto.PushRequest;
import io.skald.proto.logproto.PushResponse;
import io.skald.tenant.TenantResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** A real gRPC server standing in for an ingester: records every push with its tenant, or fails as told. */
final class FakeIngester implements AutoCloseable {
    private static final Metadata.Key<String> TENANT =
            Metadata.Key.of(TenantResolver.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> TENANT_IN_CONTEXT = Context.key("tenant");

    /** One push as the ingester saw it. */
    record Received(@Nullable String tenant, PushRequest request) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile @Nullable Status failure;
    private final Server server;

    FakeIngester() throws IOException {
        PusherGrpc.PusherImplBase service = new PusherGrpc.PusherImplBase() {
            @Override
            public void push(PushRequest request, StreamObserver<PushResponse> response) {
                Status fail = failure;
                if (fail != null) {
                    response.onError(fail.asRuntimeException());
                    return;
                }
                received.add(new Received(TENANT_IN_CONTEXT.get(), request));
                response.onNext(PushResponse.getDefaultInstance());
                response.onCompleted();
            }
        };
        ServerInterceptor tenantCapture = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                Context context = Context.current().withValue(TENANT_IN_CONTEXT, headers.get(TENANT));
                return Contexts.interceptCall(context, call, headers, next);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(ServerInterceptors.intercept(service, tenantCapture))
                .build()
                .start();
    }

    String address() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    /** Answers every push with {@code status} from now on; null to accept again. */
    void failWith(@Nullable Status status) {
        failure = status;
    }

    /** The pushes received for {@code tenant}, in arrival order. */
    List<Received> received(String tenant) {
        return received.stream().filter(r -> tenant.equals(r.tenant())).toList();
    }

    /** Every line received for {@code tenant}, over all pushes and streams. */
    List<String> lines(String tenant) {
        return received.stream()
                .filter(r -> tenant.equals(r.tenant()))
                .flatMap(r -> r.request().getStreamsList().stream())
                .flatMap(s -> s.getEntriesList().stream())
                .map(e -> e.getLine())
                .toList();
    }

    void reset() {
        received.clear();
        failure = null;
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
