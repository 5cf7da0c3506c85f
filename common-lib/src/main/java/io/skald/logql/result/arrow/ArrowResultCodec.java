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
 * {@link ArrowResultPart} that {@link ArrowResultMerge} merges column-wise. Thread-safe; close it once every part
 * it read is closed (closing reports any part left open as a leak).
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
        try {
            switch (result) {
                case QueryResult.Streams streams -> StreamsWriter.write(streams, out, allocator, limits);
                case QueryResult.Matrix matrix -> SamplesWriter.write(matrix, out, allocator, limits);
                case QueryResult.Vector vector -> SamplesWriter.write(vector, out, allocator, limits);
                case QueryResult.Scalar scalar -> SamplesWriter.write(scalar, out, allocator, limits);
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
        try (ArrowResultPart part = read(ipc)) {
            return part.toResult();
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
