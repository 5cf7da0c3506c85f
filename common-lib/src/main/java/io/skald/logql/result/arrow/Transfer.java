package io.skald.logql.result.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.TransferPair;

/** Moves a loaded column out of the reader's root, so the next batch can load while this one is kept. */
final class Transfer {
    private Transfer() {}

    static <T extends FieldVector> T take(VectorSchemaRoot root, String name, Class<T> type, BufferAllocator to) {
        FieldVector vector = root.getVector(name);
        if (!type.isInstance(vector)) {
            throw new IllegalArgumentException(
                    "column " + name + " is " + (vector == null ? "missing" : vector.getField()));
        }
        TransferPair pair = vector.getTransferPair(to);
        pair.transfer();
        return type.cast(pair.getTo());
    }
}
