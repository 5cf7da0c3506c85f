package io.skald.logql.result.arrow;

import io.skald.logql.result.QueryResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Encodes query results as Arrow IPC streams and decodes them, either fully into a {@link QueryResult} or into an
 * {@link ArrowResultPart} that {@link ArrowResultMerge} merges column-wise. {@link #encode} and {@link #decode} may
 * run on many threads at once; parts from {@link #read} share the codec's allocator, so read them from one thread at
 * a time. Close the codec once every part it read is closed (closing reports any part left open as a leak).
 */
public final class ArrowResultCodec implements AutoCloseable {
    /** The media type of an Arrow IPC stream, as queriers answer frontends that accept it. */
    public static final String MEDIA_TYPE = "application/vnd.apache.arrow.stream";

    private final BufferAllocator allocator;
    private final BatchLimits limits;

    /** A codec with its own allocator and the default batch limits. */
    public ArrowResultCodec() {
        this(BatchLimits.DEFAULT);
    }

    public ArrowResultCodec(BatchLimits limits) {
        this.allocator = new RootAllocator();
        this.limits = limits;
    }

    /** The result as one IPC stream. */
    public byte[] encode(QueryResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        encode(result, out);
        return out.toByteArray();
    }

    /** Writes the result as one IPC stream to {@code out}, which is left open. */
    public void encode(QueryResult result, OutputStream out) {
        try (BufferAllocator call = allocator.newChildAllocator("encode", 0, Long.MAX_VALUE)) {
            switch (result) {
                case QueryResult.Streams streams -> StreamsWriter.write(streams, out, call, limits);
                case QueryResult.Matrix matrix -> SamplesWriter.write(matrix, out, call, limits);
                case QueryResult.Vector vector -> SamplesWriter.write(vector, out, call, limits);
                case QueryResult.Scalar scalar -> SamplesWriter.write(scalar, out, call, limits);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an IPC stream into a part the caller must close.
     *
     * @throws IllegalArgumentException when the bytes are not a result this codec wrote
     */
    public ArrowResultPart read(byte[] ipc) {
        return read(new ByteArrayInputStream(ipc));
    }

    /** Reads an IPC stream from {@code in} into a part the caller must close. */
    public ArrowResultPart read(InputStream in) {
        try {
            return ResultReader.read(in, allocator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result an IPC stream holds, as objects. */
    public QueryResult decode(byte[] ipc) {
        try (BufferAllocator call = allocator.newChildAllocator("decode", 0, Long.MAX_VALUE);
                ArrowResultPart part = ResultReader.read(new ByteArrayInputStream(ipc), call)) {
            return part.toResult();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Off-heap bytes held by parts not yet closed. */
    public long allocatedBytes() {
        return allocator.getAllocatedMemory();
    }

    @Override
    public void close() {
        allocator.close();
    }
}
