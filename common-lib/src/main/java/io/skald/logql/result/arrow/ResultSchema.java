package io.skald.logql.result.arrow;

import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The column layout of the IPC streams, one row per log entry or per sample:
 *
 * <pre>
 * streams:         labels int32 (dictionary of map&lt;utf8,utf8&gt;, one entry per stream, in result order)
 *                  timestamp timestamp[ns]   line utf8   structured_metadata map&lt;utf8,utf8&gt;   parsed map&lt;utf8,utf8&gt;
 * matrix / vector: series int32 (dictionary of map&lt;utf8,utf8&gt;, one entry per series or sample)
 *                  timestamp timestamp[ms]   value float64
 * scalar:          as a vector of one sample with empty labels
 * </pre>
 *
 * Rows are grouped by dictionary entry, in dictionary order; the schema's {@value #RESULT_TYPE} metadata names the
 * Loki result type.
 */
final class ResultSchema {
    static final String RESULT_TYPE = "skald.resultType";
    static final String LABELS = "labels";
    static final String SERIES = "series";
    static final String TIMESTAMP = "timestamp";
    static final String LINE = "line";
    static final String STRUCTURED_METADATA = "structured_metadata";
    static final String PARSED = "parsed";
    static final String VALUE = "value";

    static final long DICTIONARY_ID = 0;
    static final DictionaryEncoding DICTIONARY_ENCODING =
            new DictionaryEncoding(DICTIONARY_ID, false, new ArrowType.Int(32, true));

    static final FieldType NANOS = FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null));
    static final FieldType MILLIS = FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.MILLISECOND, null));
    static final FieldType UTF8 = FieldType.notNullable(ArrowType.Utf8.INSTANCE);
    static final FieldType FLOAT64 = FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));

    private ResultSchema() {}

    /** A {@code map<utf8, utf8>} column with sorted keys, Arrow's standard child names. */
    static Field labelMap(String name) {
        Field entries = new Field(
                MapVector.DATA_VECTOR_NAME,
                FieldType.notNullable(ArrowType.Struct.INSTANCE),
                List.of(new Field(MapVector.KEY_NAME, UTF8, null), new Field(MapVector.VALUE_NAME, UTF8, null)));
        return new Field(name, FieldType.notNullable(new ArrowType.Map(true)), List.of(entries));
    }

    static MapVector newLabelMap(String name, BufferAllocator allocator) {
        return (MapVector) labelMap(name).createVector(allocator);
    }

    /** The int32 index column of the label-set dictionary. */
    static IntVector newDictionaryIndex(String name, BufferAllocator allocator) {
        FieldType type = new FieldType(false, new ArrowType.Int(32, true), DICTIONARY_ENCODING);
        return new IntVector(new Field(name, type, null), allocator);
    }

    static Map<String, String> metadata(String resultType) {
        return Map.of(RESULT_TYPE, resultType);
    }
}
