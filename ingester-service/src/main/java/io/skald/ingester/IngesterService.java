package io.skald.ingester;

import io.skald.config.IngesterConfig;
import io.skald.labels.Labels;
import io.skald.ring.Lifecycler;
import io.skald.server.ReadinessCheck;
import io.skald.wal.ReplayReport;
import io.skald.wal.WalReplayer;
import io.skald.wal.WalWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the ingester: on start, replays the WAL (in the background, {@code /ready} says so meanwhile), opens the WAL
 * for writing, joins the ring and starts the flush loop and checkpoints; on stop goes LEAVING, flushes (unless the WAL
 * keeps the data, as Loki's {@code flush_on_shutdown: false}) and leaves the ring.
 */
public final class IngesterService implements SmartLifecycle, ReadinessCheck {
    private static final Logger log = LoggerFactory.getLogger(IngesterService.class);
    private static final Duration SHUTDOWN_FLUSH_TIMEOUT = Duration.ofMinutes(1);
    /** How often refs of flushed chunks are uploaded as index files (Loki's shipper uploads about every minute). */
    static final Duration INDEX_UPLOAD_PERIOD = Duration.ofMinutes(1);

    private final Ingester ingester;
    private final ChunkFlusher flusher;
    private final IntFunction<Lifecycler> lifecyclerForPort;
    private final CompletableFuture<Integer> grpcPort = new CompletableFuture<>();
    private volatile @Nullable Lifecycler lifecycler;
    private final IngesterConfig config;
    private final Path walDirectory;
    private final IngesterMetrics metrics;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(
            2, Thread.ofPlatform().daemon().name("ingester-", 0).factory());
    /** The flush loop and checkpoint tasks, cancelled on stop. */
    private final List<ScheduledFuture<?>> tasks = new CopyOnWriteArrayList<>();

    private volatile boolean running;
    private volatile @Nullable String startupState = "starting";
    private volatile boolean flushOnShutdown;
    private volatile boolean abandoned;

    IngesterService(
            Ingester ingester,
            ChunkFlusher flusher,
            IntFunction<Lifecycler> lifecyclerForPort,
            IngesterConfig config,
            Path walDirectory,
            IngesterMetrics metrics) {
        this.ingester = ingester;
        this.flusher = flusher;
        this.lifecyclerForPort = lifecyclerForPort;
        this.config = config;
        this.walDirectory = walDirectory;
        this.metrics = metrics;
        this.flushOnShutdown = !config.wal().enabled() || config.wal().flushOnShutdown();
    }

    @Override
    public void start() {
        running = true;
        Thread.ofPlatform().name("ingester-startup").daemon().start(this::startUp);
    }

    private void startUp() {
        try {
            WalWriter writer = null;
            if (config.wal().enabled()) {
                startupState = "replaying WAL";
                replay();
                writer = WalWriter.open(walDirectory);
            }
            ingester.open(writer);
            startupState = "waiting for the gRPC server";
            // The ring entry needs the real gRPC port, known once the server is bound (it may be configured as 0).
            Lifecycler ring = lifecyclerForPort.apply(grpcPort.get());
            lifecycler = ring;
            startupState = null;
            ring.start();
            long checkPeriod = Math.max(10, config.chunks().flushCheckPeriod().toMillis());
            tasks.add(
                    scheduler.scheduleWithFixedDelay(this::flushPass, checkPeriod, checkPeriod, TimeUnit.MILLISECONDS));
            long upload = INDEX_UPLOAD_PERIOD.toMillis();
            tasks.add(scheduler.scheduleWithFixedDelay(flusher::syncIndex, upload, upload, TimeUnit.MILLISECONDS));
            if (writer != null && config.wal().checkpointDuration().isPositive()) {
                long every = config.wal().checkpointDuration().toMillis();
                tasks.add(scheduler.scheduleWithFixedDelay(this::checkpoint, every, every, TimeUnit.MILLISECONDS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | ExecutionException | RuntimeException e) {
            startupState = "failed to start: " + e.getMessage();
            log.error("ingester failed to start", e);
        }
    }

    private void replay() throws IOException {
        Map<String, Map<Long, Labels>> series = new HashMap<>();
        long ceiling = config.wal().replayMemoryCeiling();
        AtomicLong flushedAt = new AtomicLong();
        ReplayReport report = WalReplayer.replay(walDirectory, (record, bytesReplayed) -> {
            ingester.replay(record, series);
            if (ceiling > 0 && bytesReplayed - flushedAt.get() > ceiling) {
                // Over replay_memory_ceiling: write what is in memory out before replaying further, as Loki does.
                log.info("WAL replay passed replay_memory_ceiling ({} bytes), flushing", ceiling);
                flusher.flushAll(SHUTDOWN_FLUSH_TIMEOUT);
                flushedAt.set(bytesReplayed);
            }
        });
        metrics.walReplayed(report.duration());
        log.info(
                "WAL replay done: checkpoint {}, {} segments, {} records, {} bytes in {}",
                report.checkpoint(),
                report.segments(),
                report.records(),
                report.bytes(),
                report.duration());
    }

    private void flushPass() {
        try {
            flusher.pass(false);
        } catch (RuntimeException e) {
            log.warn("flush pass failed", e);
        }
    }

    private void checkpoint() {
        WalWriter writer = ingesterWal();
        if (writer == null) {
            return;
        }
        try {
            writer.checkpoint(ingester.checkpointState());
        } catch (IOException | UncheckedIOException e) {
            log.warn("WAL checkpoint failed", e);
        }
    }

    private @Nullable WalWriter ingesterWal() {
        return ingester.walWriter();
    }

    /** Called once the gRPC server listens; the ring entry is registered with this port. */
    public void grpcServerStarted(int port) {
        grpcPort.complete(port);
    }

    /** {@code POST /flush}: flushes every chunk now; true when all were written. */
    public boolean flushNow() {
        return flusher.flushAll(SHUTDOWN_FLUSH_TIMEOUT);
    }

    /** {@code POST /ingester/prepare_shutdown}: the next stop flushes everything, whatever the WAL settings. */
    public void prepareShutdown() {
        flushOnShutdown = true;
    }

    /** {@code POST /ingester/shutdown}: flushes and leaves the ring now; the process keeps running, not ready. */
    public void shutdownNow() {
        flushOnShutdown = true;
        stop();
    }

    /**
     * Test hook standing in for {@code kill -9}: stops taking pushes and closes the WAL as it is, without checkpoint,
     * flush or ring exit, so a later {@link #stop()} does nothing.
     */
    void abandon() {
        abandoned = true;
        running = false;
        scheduler.shutdownNow();
        flusher.close();
        WalWriter writer = ingester.closeForPushes();
        closeQuietly(writer);
    }

    @Override
    public void stop() {
        if (!running || abandoned) {
            return;
        }
        running = false;
        tasks.forEach(task -> task.cancel(false));
        scheduler.shutdownNow();
        grpcPort.cancel(false);
        Runnable flush = () -> {
            if (flushOnShutdown && !flusher.flushAll(SHUTDOWN_FLUSH_TIMEOUT)) {
                log.warn("not every chunk could be flushed on shutdown; the WAL keeps them");
            }
            // Chunks flushed before the stop must reach the index even when the rest stays in the WAL.
            flusher.syncIndex();
        };
        Lifecycler ring = lifecycler;
        if (ring != null) {
            ring.stop(flush);
        } else {
            flush.run();
        }
        WalWriter writer = ingester.closeForPushes();
        if (writer != null && !flushOnShutdown) {
            checkpointQuietly(writer);
        }
        closeQuietly(writer);
        flusher.close();
    }

    private void checkpointQuietly(WalWriter writer) {
        try {
            writer.checkpoint(ingester.checkpointState());
        } catch (IOException | UncheckedIOException e) {
            log.warn("final WAL checkpoint failed", e);
        }
    }

    private static void closeQuietly(@Nullable WalWriter writer) {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            log.warn("closing the WAL failed", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public String name() {
        return "ingester";
    }

    @Override
    public @Nullable String notReadyReason() {
        String state = startupState;
        if (state != null) {
            return state;
        }
        if (!running) {
            return "ingester is stopping";
        }
        Lifecycler ring = lifecycler;
        return ring == null
                ? "not registered in the ring yet"
                : ring.notReadyReason().orElse(null);
    }

    public Ingester ingester() {
        return ingester;
    }

    @Nullable
    Lifecycler lifecycler() {
        return lifecycler;
    }
}
