package io.skald.tenant;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/** gRPC servers (ingester, index gateway): reads the tenant from the {@code x-scope-orgid} metadata into the call's context, as Loki's gRPC middleware. */
public final class TenantServerInterceptor implements ServerInterceptor {
    static final Context.Key<String> TENANT = Context.key("skald-tenant");
    private static final Metadata.Key<String> ORG_ID =
            Metadata.Key.of(TenantResolver.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER);

    private final TenantResolver resolver;

    public TenantServerInterceptor(TenantResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String tenant;
        try {
            tenant = resolver.tenant(headers.get(ORG_ID));
        } catch (TenantException e) {
            call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(Context.current().withValue(TENANT, tenant), call, headers, next);
    }

    /** The tenant of the current call. */
    public static String tenant() {
        String tenant = TENANT.get();
        if (tenant == null) {
            throw Status.UNAUTHENTICATED.withDescription("no org id").asRuntimeException();
        }
        return tenant;
    }
}
