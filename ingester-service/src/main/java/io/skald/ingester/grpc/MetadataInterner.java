package io.skald.ingester.grpc;

import io.skald.labels.Labels;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Shares one {@link Labels} instance per distinct structured-metadata encoding: entries mostly carry one of a few
 * sets ({@code detected_level}), and a shared instance is built once instead of once per entry, is held once by the
 * head block, and lets the block writer reuse its symbol ids. A fixed-size direct-mapped table of immutable slots;
 * racy reads are safe because a slot's fields are final. Thread-safe.
 */
final class MetadataInterner {
    /** Encodings longer than this (ids, long values) are not cached: they rarely repeat. */
    static final int MAX_KEY = 128;

    private static final int SLOTS = 1 << 12;

    /** A cached encoding and its labels; final fields, so a slot read without a lock is complete. */
    private static final class Slot {
        final byte[] key;
        final int hash;
        final Labels labels;

        Slot(byte[] key, int hash, Labels labels) {
            this.key = key;
            this.hash = hash;
            this.labels = labels;
        }
    }

    private final @Nullable Slot[] slots = new Slot[SLOTS];

    /**
     * The labels of the {@code structuredMetadata} fields in {@code bytes[offset, offset + length)} (each with its
     * tag and length), decoded by {@link PushRequestReader#metadata} when not cached.
     */
    Labels intern(byte[] bytes, int offset, int length) {
        if (length > MAX_KEY) {
            return PushRequestReader.metadata(bytes, offset, offset + length);
        }
        int hash = 1;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        int index = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Slot slot = slots[index];
        if (slot != null
                && slot.hash == hash
                && Arrays.equals(slot.key, 0, slot.key.length, bytes, offset, offset + length)) {
            return slot.labels;
        }
        Labels labels = PushRequestReader.metadata(bytes, offset, offset + length);
        slots[index] = new Slot(Arrays.copyOfRange(bytes, offset, offset + length), hash, labels);
        return labels;
    }
}
