package io.skald.distributor.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.skald.distributor.replication.IngesterPush;
import io.skald.distributor.replication.IngesterPusher;
import io.skald.proto.logproto.PushResponse;
import io.skald.tenant.TenantResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of gRPC channels to ingesters, one per address, created on first use. The tenant travels in the
 * {@code x-scope-orgid} metadata key; every push has the remote timeout as its deadline.
 */
public final class IngesterClients implements IngesterPusher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngesterClients.class);
    private static final Metadata.Key<String> TENANT_KEY =
            Metadata.Key.of(TenantResolver.GRPC_METADATA_KEY, Metadata.ASCII_STRING_MARSHALLER);

    private final int maxInboundMessageSize;
    private final Duration remoteTimeout;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param maxInboundMessageSize the largest response accepted from an ingester
     * @param remoteTimeout the deadline of each push
     */
    public IngesterClients(long maxInboundMessageSize, Duration remoteTimeout) {
        this.maxInboundMessageSize = (int) Math.min(Integer.MAX_VALUE, maxInboundMessageSize);
        this.remoteTimeout = remoteTimeout;
    }

    @Override
    public CompletableFuture<Void> push(String address, String tenant, IngesterPush request) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        Metadata metadata = new Metadata();
        metadata.put(TENANT_KEY, tenant);
        try {
            Channel channel =
                    ClientInterceptors.intercept(channel(address), MetadataUtils.newAttachHeadersInterceptor(metadata));
            ClientCalls.asyncUnaryCall(
                    channel.newCall(
                            IngesterPushMarshaller.PUSH,
                            CallOptions.DEFAULT.withDeadlineAfter(remoteTimeout.toMillis(), TimeUnit.MILLISECONDS)),
                    request,
                    new StreamObserver<PushResponse>() {
                        @Override
                        public void onNext(PushResponse value) {}

                        @Override
                        public void onError(Throwable t) {
                            result.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            result.complete(null);
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** The addresses with an open channel. */
    public Set<String> addresses() {
        return Set.copyOf(channels.keySet());
    }

    /** Closes the channels of addresses no longer wanted (ingesters that left the ring). */
    public void retainOnly(Set<String> wanted) {
        List<String> stale = new ArrayList<>();
        for (String address : channels.keySet()) {
            if (!wanted.contains(address)) {
                stale.add(address);
            }
        }
        for (String address : stale) {
            ManagedChannel channel = channels.remove(address);
            if (channel != null) {
                log.debug("closing the channel to {}, no longer in the ingester ring", address);
                channel.shutdown();
            }
        }
    }

    private ManagedChannel channel(String address) {
        if (closed) {
            throw new IllegalStateException("ingester clients are closed");
        }
        return channels.computeIfAbsent(
                address,
                target -> NettyChannelBuilder.forTarget(target)
                        .usePlaintext()
                        .maxInboundMessageSize(maxInboundMessageSize)
                        .build());
    }

    /** Shuts every channel down, waiting briefly for calls in flight. */
    @Override
    public void close() {
        closed = true;
        List<ManagedChannel> all = new ArrayList<>(channels.values());
        channels.clear();
        all.forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : all) {
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
