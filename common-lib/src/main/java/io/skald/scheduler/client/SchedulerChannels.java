package io.skald.scheduler.client;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One plaintext gRPC channel per scheduler address, created on first use with whatever transport is on the class path
 * (Netty in the services), or by a caller-supplied factory.
 */
public final class SchedulerChannels implements AutoCloseable {
    private final Function<String, ManagedChannel> factory;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Channels whose inbound messages may be up to {@code maxInboundMessageSize} bytes (results can be large). */
    public SchedulerChannels(int maxInboundMessageSize) {
        this(address -> Grpc.newChannelBuilder(address, InsecureChannelCredentials.create())
                .maxInboundMessageSize(maxInboundMessageSize)
                .build());
    }

    /** Channels made by {@code factory}, e.g. in-process ones in tests. */
    public SchedulerChannels(Function<String, ManagedChannel> factory) {
        this.factory = factory;
    }

    /** The channel to {@code address}, created when missing. */
    public ManagedChannel channel(String address) {
        if (closed) {
            throw new IllegalStateException("scheduler channels are closed");
        }
        return channels.computeIfAbsent(address, factory);
    }

    /** Shuts down the channels of addresses not in {@code wanted} (schedulers that left). */
    public void retainOnly(Set<String> wanted) {
        for (String address : List.copyOf(channels.keySet())) {
            if (!wanted.contains(address)) {
                ManagedChannel channel = channels.remove(address);
                if (channel != null) {
                    channel.shutdown();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        List<ManagedChannel> all = new ArrayList<>(channels.values());
        channels.clear();
        all.forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel channel : all) {
            try {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
