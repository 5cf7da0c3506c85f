package io.skald.wal;

import io.skald.chunk.ByteWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends records to segment files with group commit: callers encode their records and enqueue them; one writer
 * thread writes everything queued, fsyncs once, and only then completes the callers' futures, so an acknowledged
 * push survives {@code kill -9}. Segments rotate at a size; {@link #checkpoint} snapshots state and drops the
 * segments it covers. A writer always starts a new segment, so it never appends after a torn tail.
 */
public final class WalWriter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WalWriter.class.getName());
    /** Loki's and Prometheus' segment size. */
    public static final long DEFAULT_SEGMENT_SIZE = 128L * 1024 * 1024;

    private final Path directory;
    private final long segmentSize;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock fileLock = new ReentrantLock();
    private final ReentrantLock checkpointLock = new ReentrantLock();
    private final Thread thread;
    private FileChannel segment;
    private long segmentIndex;
    private long segmentBytes;
    private final AtomicLong syncs = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean failed;

    private WalWriter(Path directory, long segmentSize, long firstSegment) throws IOException {
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.segmentIndex = firstSegment;
        this.segment = createSegment(firstSegment);
        this.thread = Thread.ofPlatform()
                .name("wal-writer-" + directory.getFileName())
                .daemon(true)
                .unstarted(this::run);
    }

    /** Opens the WAL directory (creating it) and starts a new segment after every existing one. */
    public static WalWriter open(Path directory, long segmentSize) throws IOException {
        if (segmentSize <= 0) {
            throw new IllegalArgumentException("segment size must be positive, got " + segmentSize);
        }
        Files.createDirectories(directory);
        for (Path temporary : WalFiles.temporaryFiles(directory)) {
            Files.deleteIfExists(temporary);
        }
        long last = 0;
        for (long index : WalFiles.segments(directory)) {
            last = Math.max(last, index);
        }
        for (long index : WalFiles.checkpoints(directory)) {
            last = Math.max(last, index);
        }
        WalWriter writer = new WalWriter(directory, segmentSize, last + 1);
        writer.thread.start();
        return writer;
    }

    public static WalWriter open(Path directory) throws IOException {
        return open(directory, DEFAULT_SEGMENT_SIZE);
    }

    /**
     * Queues records to be written as one unit; the future completes once they are fsynced, or exceptionally if the
     * write failed (after which the writer refuses further records).
     */
    public CompletableFuture<Void> append(List<? extends WalRecord> records) {
        ByteWriter bytes = new ByteWriter(256);
        for (WalRecord record : records) {
            RecordCodec.write(record, bytes);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed || failed) {
            done.completeExceptionally(new IllegalStateException("WAL writer is " + (closed ? "closed" : "failed")));
            return done;
        }
        queue.add(new Request(bytes, done));
        return done;
    }

    public CompletableFuture<Void> append(WalRecord... records) {
        return append(List.of(records));
    }

    /** Number of group-commit fsyncs so far (fewer than appends when pushes share one). */
    public long syncCount() {
        return syncs.get();
    }

    /** The index of the segment being written. */
    public long currentSegment() {
        fileLock.lock();
        try {
            return segmentIndex;
        } finally {
            fileLock.unlock();
        }
    }

    /**
     * Closes the current segment and starts the next; returns the closed segment's index. Every record whose future
     * completed before this call is in a segment at or below it.
     */
    public long rotate() throws IOException {
        fileLock.lock();
        try {
            long closedIndex = segmentIndex;
            segment.force(false);
            segment.close();
            segmentIndex++;
            segment = createSegment(segmentIndex);
            segmentBytes = 0;
            return closedIndex;
        } finally {
            fileLock.unlock();
        }
    }

    /**
     * Rotates, then writes {@code state} (iterated after the rotation, so it covers at least every record in the
     * closed segments) to {@code checkpoint.N} atomically, and deletes segments up to N and older checkpoints.
     * Records appended while the snapshot is taken may be in both the checkpoint and segment N+1; replay consumers
     * must tolerate that (chunks drop exact duplicates).
     */
    public CheckpointResult checkpoint(Iterable<? extends WalRecord> state) throws IOException {
        checkpointLock.lock();
        try {
            long started = System.nanoTime();
            long index = rotate();
            Path target = directory.resolve(WalFiles.checkpointName(index));
            Path temporary = directory.resolve(WalFiles.checkpointName(index) + WalFiles.TEMPORARY_SUFFIX);
            long records = 0;
            long bytes = 0;
            try (FileChannel channel = FileChannel.open(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteWriter buffer = new ByteWriter(1 << 16);
                for (WalRecord record : state) {
                    RecordCodec.write(record, buffer);
                    records++;
                    if (buffer.size() >= 1 << 20) {
                        bytes += writeFully(channel, buffer);
                    }
                }
                bytes += writeFully(channel, buffer);
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            WalFiles.syncDirectory(directory);
            int deleted = deleteCoveredFiles(index);
            return new CheckpointResult(index, records, bytes, deleted, System.nanoTime() - started);
        } finally {
            checkpointLock.unlock();
        }
    }

    /** Writes everything queued, fsyncs and closes; later appends fail. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(Request.STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the WAL", e);
        }
        failLateRequests();
        fileLock.lock();
        try {
            if (segment.isOpen()) {
                segment.force(false);
                segment.close();
            }
        } finally {
            fileLock.unlock();
        }
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch);
            stopping = batch.removeIf(request -> request == Request.STOP);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            batch.clear();
        }
        failLateRequests();
    }

    /** Requests that raced with close() are failed rather than left hanging. */
    private void failLateRequests() {
        for (Request late = queue.poll(); late != null; late = queue.poll()) {
            late.done.completeExceptionally(new IllegalStateException("WAL writer is closed"));
        }
    }

    /** One write of the whole batch and one fsync: the group commit. */
    private void commit(List<Request> batch) {
        if (failed) {
            IOException refused = new IOException("WAL writer failed earlier; refusing writes");
            batch.forEach(request -> request.done.completeExceptionally(refused));
            return;
        }
        fileLock.lock();
        try {
            for (Request request : batch) {
                segmentBytes += writeFully(segment, request.bytes);
            }
            segment.force(false);
            syncs.incrementAndGet();
        } catch (IOException | UncheckedIOException e) {
            fail(e);
            batch.forEach(request -> request.done.completeExceptionally(e));
            return;
        } finally {
            fileLock.unlock();
        }
        // The batch is durable: acknowledge it before a rotation that might fail.
        batch.forEach(request -> request.done.complete(null));
        fileLock.lock();
        try {
            if (segmentBytes >= segmentSize) {
                segment.close();
                segmentIndex++;
                segment = createSegment(segmentIndex);
                segmentBytes = 0;
            }
        } catch (IOException | UncheckedIOException e) {
            fail(e);
        } finally {
            fileLock.unlock();
        }
    }

    private void fail(Exception cause) {
        failed = true;
        LOG.log(System.Logger.Level.ERROR, "WAL write to " + directory + " failed; refusing further writes", cause);
    }

    private FileChannel createSegment(long index) throws IOException {
        FileChannel channel = FileChannel.open(
                directory.resolve(WalFiles.segmentName(index)),
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        WalFiles.syncDirectory(directory);
        return channel;
    }

    private int deleteCoveredFiles(long checkpointIndex) throws IOException {
        int deleted = 0;
        for (long index : WalFiles.segments(directory)) {
            if (index <= checkpointIndex && Files.deleteIfExists(directory.resolve(WalFiles.segmentName(index)))) {
                deleted++;
            }
        }
        for (long index : WalFiles.checkpoints(directory)) {
            if (index < checkpointIndex && Files.deleteIfExists(directory.resolve(WalFiles.checkpointName(index)))) {
                deleted++;
            }
        }
        WalFiles.syncDirectory(directory);
        return deleted;
    }

    private static int writeFully(FileChannel channel, ByteWriter bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes.array(), 0, bytes.size());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        int written = bytes.size();
        bytes.reset();
        return written;
    }

    /** Encoded records waiting for the writer thread, and the caller's acknowledgement. */
    private static final class Request {
        static final Request STOP = new Request(new ByteWriter(0), new CompletableFuture<>());

        final ByteWriter bytes;
        final CompletableFuture<Void> done;

        Request(ByteWriter bytes, CompletableFuture<Void> done) {
            this.bytes = bytes;
            this.done = done;
        }
    }
}
