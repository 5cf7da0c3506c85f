package io.skald.logql.result.arrow;

import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Writes a streams result as an IPC stream: the stream label sets once, as the dictionary, then entry rows. */
final class StreamsWriter {
    static final String RESULT_TYPE = "streams";

    private StreamsWriter() {}

    static void write(QueryResult.Streams result, OutputStream out, BufferAllocator allocator, BatchLimits limits)
            throws IOException {
        List<LogStream> streams = result.streams();
        try (MapVector dictionary = ResultSchema.newLabelMap(ResultSchema.LABELS, allocator);
                VectorSchemaRoot root = newRoot(allocator)) {
            // Arrow hands unallocated vectors one process-wide empty buffer and sets its indexes when it writes them:
            // concurrent writers of empty columns would corrupt each other. Every column gets buffers of its own.
            dictionary.allocateNew();
            root.allocateNew();
            for (int i = 0; i < streams.size(); i++) {
                LabelMaps.write(dictionary, i, streams.get(i).labels());
            }
            dictionary.setValueCount(streams.size());
            DictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(
                    new Dictionary(dictionary, ResultSchema.DICTIONARY_ENCODING));

            IntVector labels = (IntVector) root.getVector(ResultSchema.LABELS);
            TimeStampNanoVector timestamps = (TimeStampNanoVector) root.getVector(ResultSchema.TIMESTAMP);
            VarCharVector lines = (VarCharVector) root.getVector(ResultSchema.LINE);
            MapVector metadata = (MapVector) root.getVector(ResultSchema.STRUCTURED_METADATA);
            MapVector parsed = (MapVector) root.getVector(ResultSchema.PARSED);
            try (ArrowStreamWriter writer = new OnceDictionaryWriter(root, provider, out)) {
                writer.start();
                int row = 0;
                long bytes = 0;
                boolean wroteBatch = false;
                for (int s = 0; s < streams.size(); s++) {
                    for (LogEntry entry : streams.get(s).entries()) {
                        byte[] line = entry.line().getBytes(StandardCharsets.UTF_8);
                        labels.setSafe(row, s);
                        timestamps.setSafe(row, entry.timestampNanos());
                        lines.setSafe(row, line);
                        LabelMaps.write(metadata, row, entry.structuredMetadata());
                        LabelMaps.write(parsed, row, entry.parsed());
                        row++;
                        bytes += line.length;
                        bytes += approximateBytes(entry.structuredMetadata()) + approximateBytes(entry.parsed());
                        if (row >= limits.maxRows() || bytes >= limits.maxBytes()) {
                            flush(root, writer, row);
                            wroteBatch = true;
                            row = 0;
                            bytes = 0;
                        }
                    }
                }
                // Always one batch, even empty: readers load the dictionary with the first batch.
                if (row > 0 || !wroteBatch) {
                    flush(root, writer, row);
                }
                writer.end();
            }
        }
    }

    private static long approximateBytes(Labels labels) {
        long bytes = 0;
        for (int i = 0; i < labels.size(); i++) {
            bytes += labels.name(i).length() + labels.value(i).length();
        }
        return bytes;
    }

    private static VectorSchemaRoot newRoot(BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>(5);
        vectors.add(ResultSchema.newDictionaryIndex(ResultSchema.LABELS, allocator));
        vectors.add(new TimeStampNanoVector(new Field(ResultSchema.TIMESTAMP, ResultSchema.NANOS, null), allocator));
        vectors.add(new VarCharVector(new Field(ResultSchema.LINE, ResultSchema.UTF8, null), allocator));
        vectors.add(ResultSchema.newLabelMap(ResultSchema.STRUCTURED_METADATA, allocator));
        vectors.add(ResultSchema.newLabelMap(ResultSchema.PARSED, allocator));
        return newRoot(vectors, RESULT_TYPE);
    }

    static VectorSchemaRoot newRoot(List<FieldVector> vectors, String resultType) {
        List<Field> fields = new ArrayList<>(vectors.size());
        for (FieldVector vector : vectors) {
            fields.add(vector.getField());
        }
        return new VectorSchemaRoot(new Schema(fields, ResultSchema.metadata(resultType)), vectors, 0);
    }

    static void flush(VectorSchemaRoot root, ArrowStreamWriter writer, int rows) throws IOException {
        root.setRowCount(rows);
        writer.writeBatch();
        for (FieldVector vector : root.getFieldVectors()) {
            vector.reset();
        }
    }
}
