package io.skald.scheduler.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a querier runs to pull work: {@code querier.max_concurrent} loops in total, spread over the schedulers (at
 * least one per scheduler, as Loki's worker does), each taking one task at a time from its scheduler and handing it
 * to the {@link TaskHandler}. The scheduler list is re-read periodically; loops follow it and reconnect with backoff.
 */
public final class SchedulerWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchedulerWorker.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String querierId;
    private final int maxConcurrent;
    private final SchedulerAddresses addresses;
    private final SchedulerChannels channels;
    private final TaskHandler handler;
    private final Settings settings;
    private final ScheduledExecutorService refresher;
    private final Map<String, List<WorkerLoop>> loops = new HashMap<>();
    private int loopSequence;
    private boolean closed;
    private @Nullable ScheduledFuture<?> refresh;

    /**
     * How loops reconnect and how often the scheduler list is re-read.
     *
     * @param minBackoff first wait before reconnecting, doubled on each failure
     * @param maxBackoff the longest wait
     * @param refreshPeriod how often the scheduler addresses are re-read
     */
    public record Settings(Duration minBackoff, Duration maxBackoff, Duration refreshPeriod) {
        /** Loki's worker defaults: 100ms to 1s backoff; the ring is re-read every 5s. */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
        }
    }

    /**
     * @param querierId this querier's identity, announced to the schedulers
     * @param maxConcurrent {@code querier.max_concurrent}: tasks run at once over all schedulers
     * @param channels the channel pool; closed with this worker
     */
    public SchedulerWorker(
            String querierId,
            int maxConcurrent,
            SchedulerAddresses addresses,
            SchedulerChannels channels,
            TaskHandler handler,
            Settings settings) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("querier.max_concurrent must be at least 1, got " + maxConcurrent);
        }
        this.querierId = querierId;
        this.maxConcurrent = maxConcurrent;
        this.addresses = addresses;
        this.channels = channels;
        this.handler = handler;
        this.settings = settings;
        this.refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("scheduler-worker-refresh").factory());
    }

    /** Connects to the current schedulers and keeps following the list. */
    public synchronized void start() {
        if (refresh != null || closed) {
            return;
        }
        rebalance();
        long period = settings.refreshPeriod().toMillis();
        refresh = refresher.scheduleWithFixedDelay(this::safeRebalance, period, period, TimeUnit.MILLISECONDS);
    }

    /** Loops per scheduler address right now. */
    public synchronized Map<String, Integer> loopsPerScheduler() {
        Map<String, Integer> counts = new HashMap<>();
        loops.forEach((address, list) -> counts.put(address, list.size()));
        return counts;
    }

    private void safeRebalance() {
        try {
            rebalance();
        } catch (RuntimeException e) {
            log.warn("could not refresh the query-scheduler list", e);
        }
    }

    /** Brings the loops in line with the current schedulers and the concurrency split. */
    synchronized void rebalance() {
        if (closed) {
            return;
        }
        List<String> current = addresses.current();
        for (String gone : new ArrayList<>(loops.keySet())) {
            if (!current.contains(gone)) {
                loops.remove(gone).forEach(WorkerLoop::stop);
                log.info("querier {} disconnecting from query-scheduler {}", querierId, gone);
            }
        }
        for (int i = 0; i < current.size(); i++) {
            String address = current.get(i);
            int wanted = concurrencyFor(i, current.size());
            List<WorkerLoop> list = loops.computeIfAbsent(address, unused -> new ArrayList<>());
            while (list.size() > wanted) {
                list.remove(list.size() - 1).stop();
            }
            while (list.size() < wanted) {
                loopSequence++;
                WorkerLoop loop = new WorkerLoop(
                        querierId,
                        address,
                        channels,
                        handler,
                        settings.minBackoff(),
                        settings.maxBackoff(),
                        "scheduler-worker-" + loopSequence);
                list.add(loop);
                loop.start();
            }
        }
        channels.retainOnly(new HashSet<>(current));
    }

    /** The {@code index}-th of {@code schedulers} gets an even share of the concurrency, and at least one loop. */
    private int concurrencyFor(int index, int schedulers) {
        int share = maxConcurrent / schedulers;
        int extra = index < maxConcurrent % schedulers ? 1 : 0;
        return Math.max(1, share + extra);
    }

    /** Stops every loop, letting running tasks answer first (up to 10s), then closes the channels. */
    @Override
    public void close() {
        List<WorkerLoop> all = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ScheduledFuture<?> scheduled = refresh;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            loops.values().forEach(all::addAll);
            loops.clear();
        }
        refresher.shutdownNow();
        all.forEach(WorkerLoop::stop);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            for (WorkerLoop loop : all) {
                loop.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channels.close();
    }
}
