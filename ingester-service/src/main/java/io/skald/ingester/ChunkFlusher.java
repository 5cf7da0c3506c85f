package io.skald.ingester;

import io.skald.chunk.Chunk;
import io.skald.chunk.ChunkStats;
import io.skald.index.ChunkRef;
import io.skald.storage.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes chunks to the object store: a pass every {@code flush_check_period} queues closed, idle and too-old chunks;
 * {@code concurrent_flushes} workers write them under their content-addressed key (retrying with backoff), record the
 * ref for the index and mark them flushed; flushed chunks stay queryable for {@code chunk_retain_period}.
 */
final class ChunkFlusher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChunkFlusher.class);
    private static final int ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final Ingester ingester;
    private final ChunkStores stores;
    private final ChunkRefSink refs;
    private final IngesterMetrics metrics;
    private final Clock clock;
    private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final List<Thread> workers;
    private volatile boolean closed;

    /** One chunk to write, and the stream that owns its flush state. */
    private record Op(LogStream stream, ClosedChunk chunk) {}

    ChunkFlusher(
            Ingester ingester,
            ChunkStores stores,
            ChunkRefSink refs,
            IngesterMetrics metrics,
            Clock clock,
            int concurrentFlushes) {
        this.ingester = ingester;
        this.stores = stores;
        this.refs = refs;
        this.metrics = metrics;
        this.clock = clock;
        int count = Math.max(1, concurrentFlushes);
        this.workers = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> Thread.ofVirtual().name("flush-" + i).unstarted(this::work))
                .toList();
        workers.forEach(Thread::start);
    }

    /** Queues everything due (everything when {@code force}) and drops streams left empty; returns chunks queued. */
    int pass(boolean force) {
        long now = clock.millis();
        int queued = 0;
        Iterator<LogStream> streams = ingester.allStreams();
        while (streams.hasNext()) {
            LogStream stream = streams.next();
            for (ClosedChunk chunk : stream.takeFlushable(now, force)) {
                inFlight.incrementAndGet();
                queue.add(new Op(stream, chunk));
                queued++;
            }
            if (stream.sweep(now)) {
                ingester.remove(stream);
            }
        }
        return queued;
    }

    /** Flushes everything now and waits until the queue drained; false when chunks failed or time ran out. */
    boolean flushAll(Duration timeout) {
        long failuresBefore = failures.get();
        pass(true);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        syncIndex();
        return failures.get() == failuresBefore;
    }

    /** Uploads the refs of flushed chunks to index files now. */
    void syncIndex() {
        try {
            refs.sync();
        } catch (RuntimeException e) {
            log.warn("index upload failed", e);
        }
    }

    int queueLength() {
        return inFlight.get();
    }

    private void work() {
        while (!closed) {
            Op op;
            try {
                op = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (op == null) {
                continue;
            }
            try {
                flush(op);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private void flush(Op op) {
        ClosedChunk chunk = op.chunk();
        LogStream stream = op.stream();
        ChunkStats stats = chunk.stats();
        String key = ChunkStores.chunkKey(stream.tenant(), Chunk.contentHash(chunk.encoded()));
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                ObjectStore store = stores.storeFor(stats.from());
                store.put(key, chunk.encoded());
                break;
            } catch (RuntimeException e) {
                metrics.flushFailed();
                if (attempt >= ATTEMPTS || closed) {
                    failures.incrementAndGet();
                    log.warn(
                            "flushing chunk {} of {} failed, retrying on the next flush pass",
                            key,
                            stream.labelsText(),
                            e);
                    stream.flushFailed(chunk);
                    return;
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        refs.accept(
                stream.labels(),
                new ChunkRef(
                        stream.tenant(),
                        stream.fingerprint(),
                        stats.from(),
                        stats.through(),
                        key,
                        chunk.encoded().length,
                        chunk.lineBytes(),
                        stats.entries()));
        stream.flushed(chunk, clock.millis());
        metrics.chunkFlushed(chunk.reason());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
    }
}
