package io.skald.distributor.replication;

import java.util.concurrent.CompletableFuture;

/** Sends one batched push to one ingester. Implementations must not block the caller. */
public interface IngesterPusher {
    /**
     * Pushes {@code request} for {@code tenant} to the ingester at {@code address}.
     *
     * @return completes normally once the ingester acknowledged, exceptionally with its gRPC error otherwise
     */
    CompletableFuture<Void> push(String address, String tenant, IngesterPush request);
}
