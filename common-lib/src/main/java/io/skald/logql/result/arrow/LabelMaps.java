package io.skald.logql.result.arrow;

import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/** Label sets as cells of a {@code map<utf8, utf8>} column: one map entry per label, in the set's name order. */
final class LabelMaps {
    private LabelMaps() {}

    /** Writes {@code labels} as row {@code row}; rows must be written in order (Arrow's list offset contract). */
    static void write(MapVector map, int row, Labels labels) {
        int offset = map.startNewValue(row);
        int size = labels.size();
        if (size > 0) {
            StructVector entries = entries(map);
            VarCharVector keys = keys(entries);
            VarCharVector values = values(entries);
            for (int i = 0; i < size; i++) {
                int at = offset + i;
                entries.setIndexDefined(at);
                keys.setSafe(at, labels.name(i).getBytes(StandardCharsets.UTF_8));
                values.setSafe(at, labels.value(i).getBytes(StandardCharsets.UTF_8));
            }
        }
        map.endValue(row, size);
    }

    /** Row {@code row} as a label set; {@link Labels#EMPTY} for an empty map, without allocating. */
    static Labels read(MapVector map, int row, Utf8Reader utf8) {
        int start = map.getElementStartIndex(row);
        int end = map.getElementEndIndex(row);
        if (start == end) {
            return Labels.EMPTY;
        }
        StructVector entries = entries(map);
        VarCharVector keys = keys(entries);
        VarCharVector values = values(entries);
        Labels.Builder builder = Labels.builder();
        for (int i = start; i < end; i++) {
            builder.set(utf8.read(keys, i), utf8.read(values, i));
        }
        return builder.build();
    }

    /** Every row of a dictionary column as label sets, in row order. */
    static Labels[] readAll(MapVector map) {
        Utf8Reader utf8 = new Utf8Reader();
        Labels[] out = new Labels[map.getValueCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = read(map, i, utf8);
        }
        return out;
    }

    private static StructVector entries(MapVector map) {
        return (StructVector) map.getDataVector();
    }

    private static VarCharVector keys(StructVector entries) {
        return entries.getChild(MapVector.KEY_NAME, VarCharVector.class);
    }

    private static VarCharVector values(StructVector entries) {
        return entries.getChild(MapVector.VALUE_NAME, VarCharVector.class);
    }
}
