package io.skald.logql.result.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/** Moves a loaded column out of the reader's root, so the next batch can load while this one is kept. */
final class Transfer {
    private Transfer() {}

    static <T extends FieldVector> T take(VectorSchemaRoot root, String name, Class<T> type, BufferAllocator to) {
        FieldVector vector = column(root, name, type);
        TransferPair pair = vector.getTransferPair(to);
        pair.transfer();
        return type.cast(pair.getTo());
    }

    /** The named column, checked to be of the expected vector type. */
    static <T extends FieldVector> T column(VectorSchemaRoot root, String name, Class<T> type) {
        FieldVector vector = root.getVector(name);
        if (!type.isInstance(vector)) {
            throw new IllegalArgumentException(
                    "column " + name + " is " + (vector == null ? "missing" : vector.getField()));
        }
        return type.cast(vector);
    }
}
