package io.skald.logql.result.arrow;

import io.skald.labels.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.jspecify.annotations.Nullable;

/** Reads an IPC stream written by {@link StreamsWriter} or {@link SamplesWriter} into a part that owns its batches. */
final class ResultReader {
    private ResultReader() {}

    static ArrowResultPart read(InputStream in, BufferAllocator allocator) throws IOException {
        try (ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Map<String, String> metadata = root.getSchema().getCustomMetadata();
            String resultType = metadata == null ? null : metadata.get(ResultSchema.RESULT_TYPE);
            if (resultType == null) {
                throw new IllegalArgumentException("not a Skald result stream: no " + ResultSchema.RESULT_TYPE);
            }
            if (resultType.equals(StreamsWriter.RESULT_TYPE)) {
                List<StreamsBatch> batches = new ArrayList<>();
                try {
                    Labels[] streams = null;
                    while (reader.loadNextBatch()) {
                        if (streams == null) {
                            streams = dictionary(reader);
                        }
                        if (root.getRowCount() > 0) {
                            batches.add(StreamsBatch.takeFrom(root, allocator));
                        }
                    }
                    return new ArrowStreamsPart(streams == null ? new Labels[0] : streams, batches);
                } catch (IOException | RuntimeException e) {
                    batches.forEach(StreamsBatch::close);
                    throw e;
                }
            }
            SampleKind kind = SampleKind.of(resultType);
            List<SamplesBatch> batches = new ArrayList<>();
            Labels[] series = null;
            while (reader.loadNextBatch()) {
                if (series == null) {
                    series = dictionary(reader);
                }
                if (root.getRowCount() > 0) {
                    batches.add(SamplesBatch.copyFrom(root));
                }
            }
            return new ArrowSamplesPart(kind, series == null ? new Labels[0] : series, batches);
        }
    }

    private static Labels[] dictionary(ArrowStreamReader reader) throws IOException {
        @Nullable Dictionary dictionary = reader.getDictionaryVectors().get(ResultSchema.DICTIONARY_ID);
        if (dictionary == null || !(dictionary.getVector() instanceof MapVector map)) {
            throw new IllegalArgumentException("not a Skald result stream: no label-set dictionary");
        }
        return LabelMaps.readAll(map);
    }
}
