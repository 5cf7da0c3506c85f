package io.skald.querier;

import io.grpc.StatusRuntimeException;
import io.skald.proto.ingester.LabelRequest;
import io.skald.proto.ingester.QueryRequest;
import io.skald.proto.ingester.SeriesRequest;
import io.skald.proto.ingester.StreamStat;
import io.skald.proto.ingester.StreamStatsRequest;
import io.skald.ring.InstanceDesc;
import io.skald.ring.Operation;
import io.skald.ring.ReplicationSet;
import io.skald.ring.Ring;
import io.skald.ring.RingException;
import io.skald.server.LokiHttpException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks every ingester of the ring (all replicas, as Loki's querier does) in parallel and collects the answers,
 * tolerating as many failed ingesters as the replication factor allows.
 */
final class IngesterFanout {
    private static final Logger log = LoggerFactory.getLogger(IngesterFanout.class);

    private final Ring ring;
    private final IngesterClients clients;
    private final Duration queryIngestersWithin;
    private final Clock clock;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    IngesterFanout(Ring ring, IngesterClients clients, Duration queryIngestersWithin, Clock clock) {
        this.ring = ring;
        this.clients = clients;
        this.queryIngestersWithin = queryIngestersWithin;
        this.clock = clock;
    }

    /** The part of {@code [from, through)} ingesters are asked about, or null when none. */
    long @Nullable [] range(long from, long through) {
        if (queryIngestersWithin.isZero() || queryIngestersWithin.isNegative()) {
            return new long[] {from, through};
        }
        long nowNanos = clock.millis() * 1_000_000L;
        long earliest = nowNanos - queryIngestersWithin.toNanos();
        if (through <= earliest) {
            return null;
        }
        return new long[] {Math.max(from, earliest), through};
    }

    /** The ingesters a read goes to (all healthy ones); none when the ring is empty or unusable. */
    List<InstanceDesc> instances() {
        try {
            return ring.getReplicationSetForOperation(Operation.READ).instances();
        } catch (RingException e) {
            return List.of();
        }
    }

    /**
     * Every ingester's answer to {@code request}, opened in parallel and read on demand (see {@link IngesterAnswer});
     * the caller closes them. Fails as {@link #fanout} does when more ingesters fail than the replication allows,
     * counting failures while the answers are read as well.
     */
    List<IngesterAnswer> open(String tenant, QueryRequest request) {
        ReplicationSet set = readSet();
        if (set == null) {
            return List.of(); // no ingester: only the store answers
        }
        QueryStatistics stats = QueryStatistics.current();
        List<String> addresses = new ArrayList<>();
        List<Future<IngesterAnswer>> futures = new ArrayList<>();
        for (InstanceDesc instance : set.instances()) {
            addresses.add(instance.address());
        }
        List<IngesterAnswer> answers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        // Failures at open and later while reading share one budget.
        IngesterAnswer.ReadErrors budget = new IngesterAnswer.ReadErrors(set.maxErrors());
        for (String address : addresses) {
            futures.add(executor.submit(
                    () -> IngesterAnswer.open(address, clients.blocking(address, tenant), request, budget, stats)));
        }
        for (Future<IngesterAnswer> future : futures) {
            try {
                answers.add(future.get());
            } catch (ExecutionException e) {
                failures.add(e.getCause());
                log.warn("ingester query failed: {}", String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answers.forEach(IngesterAnswer::close);
                throw new LokiHttpException(500, "interrupted");
            }
        }
        try {
            for (Throwable failure : failures) {
                budget.failed(failure);
            }
        } catch (LokiHttpException e) {
            answers.forEach(IngesterAnswer::close);
            throw e;
        }
        return answers;
    }

    List<List<String>> labelNames(String tenant, LabelRequest request) {
        return fanout(a -> clients.blocking(a, tenant).labelNames(request).getValuesList());
    }

    List<List<String>> labelValues(String tenant, LabelRequest request) {
        return fanout(a -> clients.blocking(a, tenant).labelValues(request).getValuesList());
    }

    List<List<String>> series(String tenant, SeriesRequest request) {
        return fanout(a -> clients.blocking(a, tenant).series(request).getSeriesList());
    }

    List<List<StreamStat>> streamStats(String tenant, StreamStatsRequest request) {
        return fanout(a -> clients.blocking(a, tenant).streamStats(request).getStreamsList());
    }

    /** The ingesters a read asks; null when the ring has none, a 500 when the ring cannot serve a read. */
    private @Nullable ReplicationSet readSet() {
        try {
            return ring.getReplicationSetForOperation(Operation.READ);
        } catch (RingException e) {
            if (ring.instances().isEmpty()) {
                return null;
            }
            throw new LokiHttpException(500, e.getMessage());
        }
    }

    private <T> List<T> fanout(Function<String, T> call) {
        ReplicationSet set = readSet();
        if (set == null) {
            return List.of(); // no ingester: only the store answers
        }
        List<Future<T>> futures = new ArrayList<>();
        for (InstanceDesc instance : set.instances()) {
            futures.add(executor.submit(() -> call.apply(instance.address())));
        }
        List<T> results = new ArrayList<>();
        int errors = 0;
        @Nullable Throwable last = null;
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                errors++;
                last = e.getCause();
                log.warn("ingester query failed: {}", String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LokiHttpException(500, "interrupted");
            }
        }
        if (errors > set.maxErrors()) {
            String message =
                    last instanceof StatusRuntimeException s ? s.getStatus().toString() : String.valueOf(last);
            throw new LokiHttpException(500, "rpc error: " + message);
        }
        return results;
    }
}
