package io.skald.logql.result.arrow;

import io.skald.labels.Labels;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The rows of one streams part cut into runs: maximal stretches of one stream whose timestamps already follow the
 * direction. A heap over the runs' heads then yields the rows in exactly the order a stable sort by (time in
 * direction, stream label text) would, without sorting or allocating per row: runs come in row order, so ties go to
 * the earlier run, and within a run rows keep their order. An engine result has one run per stream.
 */
final class EntryRuns {
    private final ArrowStreamsPart part;
    private final boolean forward;
    private final int[] rank;
    private StreamsBatch[] batch = new StreamsBatch[16];
    private int[] position = new int[16];
    private int[] end = new int[16];
    private int[] stream = new int[16];
    private long[] head = new long[16];
    private int runs;
    private int[] heap = new int[0];
    private int heapSize;

    EntryRuns(ArrowStreamsPart part, boolean forward) {
        this.part = part;
        this.forward = forward;
        this.rank = ranks(part);
        for (StreamsBatch b : part.batches()) {
            cut(b);
        }
        heap = new int[runs];
        for (int r = 0; r < runs; r++) {
            heap[heapSize++] = r;
        }
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    boolean hasNext() {
        return heapSize > 0;
    }

    /** The batch of the next row in order; call {@link #nextRow()} after it. */
    StreamsBatch nextBatch() {
        return batch[heap[0]];
    }

    /** The stream of the next row in order. */
    int nextStream() {
        return stream[heap[0]];
    }

    /** Consumes the next row in order and answers its index in {@link #nextBatch()}'s batch. */
    int nextRow() {
        int run = heap[0];
        int row = position[run]++;
        if (position[run] < end[run]) {
            head[run] = batch[run].timestampNanos(position[run]);
        } else {
            heap[0] = heap[--heapSize];
        }
        if (heapSize > 0) {
            siftDown(0);
        }
        return row;
    }

    private void cut(StreamsBatch b) {
        int rows = b.rows();
        int start = 0;
        while (start < rows) {
            int s = part.checkedStream(b, start);
            long previous = b.timestampNanos(start);
            int i = start + 1;
            while (i < rows && b.stream(i) == s) {
                long t = b.timestampNanos(i);
                if (forward ? t < previous : t > previous) {
                    break;
                }
                previous = t;
                i++;
            }
            addRun(b, start, i, s);
            start = i;
        }
    }

    private void addRun(StreamsBatch b, int from, int to, int s) {
        if (runs == batch.length) {
            int capacity = runs * 2;
            batch = Arrays.copyOf(batch, capacity);
            position = Arrays.copyOf(position, capacity);
            end = Arrays.copyOf(end, capacity);
            stream = Arrays.copyOf(stream, capacity);
            head = Arrays.copyOf(head, capacity);
        }
        batch[runs] = b;
        position[runs] = from;
        end[runs] = to;
        stream[runs] = s;
        head[runs] = b.timestampNanos(from);
        runs++;
    }

    /** Whether run {@code a}'s head comes before run {@code b}'s. */
    private boolean before(int a, int b) {
        long ta = head[a];
        long tb = head[b];
        if (ta != tb) {
            return forward ? ta < tb : ta > tb;
        }
        int ra = rank[stream[a]];
        int rb = rank[stream[b]];
        if (ra != rb) {
            return ra < rb;
        }
        return a < b;
    }

    private void siftDown(int index) {
        int i = index;
        int run = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], run)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = run;
    }

    /** Each stream's position among the part's streams by label text; equal texts share a rank. */
    private static int[] ranks(ArrowStreamsPart part) {
        int n = part.streamCount();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Comparator<Integer> byText =
                Comparator.comparing(i -> part.streamLabels(i).toString());
        Arrays.sort(order, byText);
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            Labels labels = part.streamLabels(order[i]);
            boolean sameAsPrevious = i > 0
                    && labels.toString().equals(part.streamLabels(order[i - 1]).toString());
            rank[order[i]] = sameAsPrevious ? rank[order[i - 1]] : i;
        }
        return rank;
    }
}
