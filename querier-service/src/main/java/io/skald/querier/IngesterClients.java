package io.skald.querier;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.skald.proto.ingester.IngesterQuerierGrpc;
import io.skald.tenant.TenantResolver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** gRPC channels to ingesters, one per address, created on first use; stubs carry the tenant in the metadata. */
final class IngesterClients implements AutoCloseable {
    private static final Metadata.Key<String> TENANT_KEY =
            Metadata.Key.of(TenantResolver.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER);

    private final int maxInboundMessageSize;
    private final Duration timeout;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    IngesterClients(long maxInboundMessageSize, Duration timeout) {
        this.maxInboundMessageSize = (int) Math.min(Integer.MAX_VALUE, maxInboundMessageSize);
        this.timeout = timeout;
    }

    /** A blocking stub for the ingester at {@code address}, with the tenant and the query timeout. */
    IngesterQuerierGrpc.IngesterQuerierBlockingStub blocking(String address, String tenant) {
        return IngesterQuerierGrpc.newBlockingStub(channel(address))
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(tenantMetadata(tenant)))
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An async stub without deadline, for tail streams. */
    IngesterQuerierGrpc.IngesterQuerierStub async(String address, String tenant) {
        return IngesterQuerierGrpc.newStub(channel(address))
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(tenantMetadata(tenant)));
    }

    static Metadata tenantMetadata(String tenant) {
        Metadata metadata = new Metadata();
        metadata.put(TENANT_KEY, tenant);
        return metadata;
    }

    private ManagedChannel channel(String address) {
        return channels.computeIfAbsent(
                address,
                a -> NettyChannelBuilder.forTarget(a)
                        .usePlaintext()
                        .maxInboundMessageSize(maxInboundMessageSize)
                        .build());
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
