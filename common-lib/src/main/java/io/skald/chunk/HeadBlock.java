package io.skald.chunk;

import io.skald.labels.Labels;
import java.util.Arrays;

/**
 * The uncompressed, append-only block that takes new entries in any order; sorted by timestamp when cut, entries
 * with equal timestamps keeping their push order (as Loki does).
 */
final class HeadBlock {
    private long[] timestamps = new long[64];
    private int[] lineStarts = new int[64];
    private int[] lineLengths = new int[64];
    private Labels[] metadata = new Labels[64];
    private final ByteWriter lines = new ByteWriter(4096);
    private int count;
    private long size;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private boolean anyMetadata;
    private boolean ordered = true;

    int entries() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Uncompressed bytes of lines and metadata, what {@code chunk_block_size} is measured against. */
    long size() {
        return size;
    }

    long minTime() {
        return minTime;
    }

    long maxTime() {
        return maxTime;
    }

    /** Appends unless an entry with the same timestamp and line is already in this block. */
    boolean append(long time, byte[] line, int offset, int length, Labels pairs) {
        if (time <= maxTime && containsDuplicate(time, line, offset, length)) {
            return false;
        }
        if (count == timestamps.length) {
            int capacity = count * 2;
            timestamps = Arrays.copyOf(timestamps, capacity);
            lineStarts = Arrays.copyOf(lineStarts, capacity);
            lineLengths = Arrays.copyOf(lineLengths, capacity);
            metadata = Arrays.copyOf(metadata, capacity);
        }
        if (count > 0 && timestamps[count - 1] > time) {
            ordered = false;
        }
        timestamps[count] = time;
        lineStarts[count] = lines.size();
        lineLengths[count] = length;
        metadata[count] = pairs;
        lines.writeBytes(line, offset, length);
        count++;
        size += length + metadataSize(pairs);
        anyMetadata |= !pairs.isEmpty();
        minTime = Math.min(minTime, time);
        maxTime = Math.max(maxTime, time);
        return true;
    }

    /** Writes the time-sorted payload of the current entries; the block itself is unchanged. */
    void writePayload(ByteWriter out) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        if (!ordered) {
            sort(order);
        }
        BlockPayload.write(
                out, count, order, timestamps, lineStarts, lineLengths, lines.array(), metadata, anyMetadata);
    }

    /** Feeds every line to the content filter builder (any order will do). */
    void addLinesTo(ContentFilterBuilder builder) {
        byte[] bytes = lines.array();
        for (int i = 0; i < count; i++) {
            builder.addLine(bytes, lineStarts[i], lineLengths[i]);
        }
    }

    void reset() {
        lines.reset();
        Arrays.fill(metadata, 0, count, null);
        count = 0;
        size = 0;
        minTime = Long.MAX_VALUE;
        maxTime = Long.MIN_VALUE;
        anyMetadata = false;
        ordered = true;
    }

    private boolean containsDuplicate(long time, byte[] line, int offset, int length) {
        // Scanning backwards finds the common case (a resend of recent entries) first.
        for (int i = count - 1; i >= 0; i--) {
            if (timestamps[i] == time
                    && lineLengths[i] == length
                    && Arrays.equals(
                            lines.array(), lineStarts[i], lineStarts[i] + length, line, offset, offset + length)) {
                return true;
            }
        }
        return false;
    }

    /** A stable merge sort of entry indexes by timestamp without boxing: equal timestamps keep push order. */
    private void sort(int[] order) {
        int[] scratch = new int[order.length];
        for (int width = 1; width < order.length; width *= 2) {
            for (int low = 0; low < order.length; low += 2 * width) {
                int middle = Math.min(low + width, order.length);
                int high = Math.min(low + 2 * width, order.length);
                int left = low;
                int right = middle;
                for (int k = low; k < high; k++) {
                    if (left < middle && (right >= high || timestamps[order[left]] <= timestamps[order[right]])) {
                        scratch[k] = order[left++];
                    } else {
                        scratch[k] = order[right++];
                    }
                }
            }
            System.arraycopy(scratch, 0, order, 0, order.length);
        }
    }

    static long metadataSize(Labels pairs) {
        long bytes = 0;
        for (int i = 0; i < pairs.size(); i++) {
            bytes += pairs.name(i).length() + pairs.value(i).length();
        }
        return bytes;
    }
}
