package io.skald.logql.result.arrow;

import io.skald.labels.Labels;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Series;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Writes a matrix, vector or scalar result as an IPC stream: the series label sets once, as the dictionary, then
 * sample rows. A vector is one series of one point per sample; a scalar one sample with empty labels.
 */
final class SamplesWriter {
    private SamplesWriter() {}

    static void write(QueryResult result, OutputStream out, BufferAllocator allocator, BatchLimits limits)
            throws IOException {
        switch (result) {
            case QueryResult.Matrix matrix -> write(matrix.series(), SampleKind.MATRIX, out, allocator, limits);
            case QueryResult.Vector vector -> {
                List<Series> series = vector.samples().stream()
                        .map(s -> new Series(s.metric(), new long[] {s.timestampMillis()}, new double[] {s.value()}))
                        .toList();
                write(series, SampleKind.VECTOR, out, allocator, limits);
            }
            case QueryResult.Scalar scalar -> {
                Series one =
                        new Series(Labels.EMPTY, new long[] {scalar.timestampMillis()}, new double[] {scalar.value()});
                write(List.of(one), SampleKind.SCALAR, out, allocator, limits);
            }
            case QueryResult.Streams streams ->
                throw new IllegalArgumentException("streams are written by StreamsWriter, not " + streams);
        }
    }

    private static void write(
            List<Series> series, SampleKind kind, OutputStream out, BufferAllocator allocator, BatchLimits limits)
            throws IOException {
        try (MapVector dictionary = ResultSchema.newLabelMap(ResultSchema.SERIES, allocator);
                VectorSchemaRoot root = newRoot(allocator, kind)) {
            // Arrow hands unallocated vectors one process-wide empty buffer and sets its indexes when it writes them:
            // concurrent writers of empty columns would corrupt each other. Every column gets buffers of its own.
            dictionary.allocateNew();
            root.allocateNew();
            for (int i = 0; i < series.size(); i++) {
                LabelMaps.write(dictionary, i, series.get(i).metric());
            }
            dictionary.setValueCount(series.size());
            DictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(
                    new Dictionary(dictionary, ResultSchema.DICTIONARY_ENCODING));

            IntVector index = (IntVector) root.getVector(ResultSchema.SERIES);
            TimeStampMilliVector timestamps = (TimeStampMilliVector) root.getVector(ResultSchema.TIMESTAMP);
            Float8Vector values = (Float8Vector) root.getVector(ResultSchema.VALUE);
            try (ArrowStreamWriter writer = new OnceDictionaryWriter(root, provider, out)) {
                writer.start();
                int row = 0;
                boolean wroteBatch = false;
                for (int s = 0; s < series.size(); s++) {
                    Series one = series.get(s);
                    long[] ts = one.timestampsMillis();
                    double[] vs = one.values();
                    for (int i = 0; i < ts.length; i++) {
                        index.setSafe(row, s);
                        timestamps.setSafe(row, ts[i]);
                        values.setSafe(row, vs[i]);
                        row++;
                        if (row >= limits.maxRows()) {
                            StreamsWriter.flush(root, writer, row);
                            wroteBatch = true;
                            row = 0;
                        }
                    }
                }
                if (row > 0 || !wroteBatch) {
                    StreamsWriter.flush(root, writer, row);
                }
                writer.end();
            }
        }
    }

    private static VectorSchemaRoot newRoot(BufferAllocator allocator, SampleKind kind) {
        List<FieldVector> vectors = List.of(
                ResultSchema.newDictionaryIndex(ResultSchema.SERIES, allocator),
                new TimeStampMilliVector(new Field(ResultSchema.TIMESTAMP, ResultSchema.MILLIS, null), allocator),
                new Float8Vector(new Field(ResultSchema.VALUE, ResultSchema.FLOAT64, null), allocator));
        return StreamsWriter.newRoot(vectors, kind.resultType());
    }
}
