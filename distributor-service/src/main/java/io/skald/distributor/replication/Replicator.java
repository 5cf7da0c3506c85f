package io.skald.distributor.replication;

import io.skald.push.ValidatedStream;
import io.skald.ring.InstanceDesc;
import io.skald.ring.Operation;
import io.skald.ring.ReplicationSet;
import io.skald.ring.Ring;
import io.skald.ring.RingException;
import io.skald.server.LokiHttpException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicates validated streams to the ingester ring: each stream's token picks its replicas, streams are grouped per
 * ingester, and each ingester gets one batched push, all in parallel. A stream is written once a quorum of its
 * replicas acknowledged it; when one cannot be, the push fails with the error of the ingester that decided it.
 */
public final class Replicator {
    private static final Logger log = LoggerFactory.getLogger(Replicator.class);

    private final Ring ring;
    private final IngesterPusher pusher;
    private final AppendMetrics metrics;
    private final Duration timeout;

    /** @param timeout how long to wait for a decision; the ingester pushes have their own, shorter deadline */
    public Replicator(Ring ring, IngesterPusher pusher, AppendMetrics metrics, Duration timeout) {
        this.ring = ring;
        this.pusher = pusher;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    /**
     * Writes {@code streams} for {@code tenant} and returns once every stream reached its quorum.
     *
     * @throws LokiHttpException 500 when the ring cannot place a stream ({@code empty ring}, too few healthy
     *     replicas) or no decision came in time; the deciding ingester's error ({@link IngesterPushException}) when a
     *     quorum failed
     */
    public void replicate(String tenant, List<ValidatedStream> streams) {
        if (streams.isEmpty()) {
            return;
        }
        int[] minSuccess = new int[streams.size()];
        int[] maxFailures = new int[streams.size()];
        Map<String, List<Integer>> streamsByIngester = new LinkedHashMap<>();
        for (int i = 0; i < streams.size(); i++) {
            ReplicationSet replicas;
            try {
                // The validated token is Loki's TokenFor(tenant, labels), the same value as Tokens.forStream.
                replicas = ring.get(streams.get(i).token(), Operation.WRITE);
            } catch (RingException e) {
                throw new LokiHttpException(500, e.getMessage());
            }
            minSuccess[i] = replicas.minSuccess();
            maxFailures[i] = replicas.maxErrors();
            for (InstanceDesc instance : replicas.instances()) {
                streamsByIngester
                        .computeIfAbsent(instance.address(), a -> new ArrayList<>())
                        .add(i);
            }
        }
        byte[][] encoded = new byte[streams.size()][];
        StreamEncoder encoder = new StreamEncoder();
        for (int i = 0; i < streams.size(); i++) {
            encoded[i] = encoder.encode(streams.get(i));
        }
        PushTracker tracker = new PushTracker(minSuccess, maxFailures);
        streamsByIngester.forEach((address, indices) -> send(tenant, address, indices, encoded, tracker));
        await(tenant, tracker);
    }

    private void send(String tenant, String address, List<Integer> indices, byte[][] encoded, PushTracker tracker) {
        int[] streamIndices = indices.stream().mapToInt(Integer::intValue).toArray();
        List<byte[]> request = new ArrayList<>(streamIndices.length);
        for (int index : streamIndices) {
            request.add(encoded[index]);
        }
        CompletableFuture<Void> unused = pusher.push(address, tenant, new IngesterPush(request))
                .whenComplete((ignored, error) -> {
                    if (error == null) {
                        metrics.appended(address);
                        tracker.succeeded(streamIndices);
                    } else {
                        metrics.appendFailed(address);
                        IngesterPushException failure = IngesterPushException.from(address, error);
                        log.warn("push to ingester {} failed for tenant {}: {}", address, tenant, failure.getMessage());
                        tracker.failed(streamIndices, failure);
                    }
                });
    }

    private void await(String tenant, PushTracker tracker) {
        try {
            tracker.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IngesterPushException failure) {
                throw failure;
            }
            throw new LokiHttpException(500, String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            log.warn("push for tenant {} got no quorum within {}", tenant, timeout);
            throw new LokiHttpException(500, "context deadline exceeded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LokiHttpException(500, "push interrupted");
        }
    }
}
