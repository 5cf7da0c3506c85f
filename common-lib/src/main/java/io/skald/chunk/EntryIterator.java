package io.skald.chunk;

import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Iterates the entries of a chunk's blocks in {@code [from, through)} in timestamp order, merging blocks whose time
 * ranges overlap and dropping exact duplicates (same timestamp and line) across blocks. Entries with equal timestamps
 * come in push order forward and in reverse push order backward, as Loki returns them; of duplicates, the first one
 * met in the iteration direction is kept.
 * Blocks are decompressed lazily, only when the merge reaches their time range, into pooled views; the accessors
 * expose the current line as a slice of the view's buffer, valid until the next {@link #next()}.
 */
public final class EntryIterator {
    private final List<Pending> pending;
    private final long from;
    private final long through;
    private final boolean forward;
    private final List<Cursor> active = new ArrayList<>();
    private final ArrayDeque<BlockView> freeViews = new ArrayDeque<>();
    private int nextBlock;
    private @Nullable BlockView retired;
    private BlockView currentView = new BlockView();
    private int currentIndex = -1;
    /** Lines already returned at the current timestamp, to drop duplicates that are not adjacent. */
    private boolean hasGroup;

    private long groupTime;
    private final ByteWriter groupLines = new ByteWriter(256);
    private int[] groupOffsets = new int[9];
    private int groupSize;

    EntryIterator(List<Block> blocks, long from, long through, Direction direction) {
        this(blocks, from, through, direction, ContentQuery.ANY);
    }

    EntryIterator(List<Block> blocks, long from, long through, Direction direction, ContentQuery query) {
        this.from = from;
        this.through = through;
        this.forward = direction == Direction.FORWARD;
        List<Pending> selected = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (block.overlaps(from, through) && block.entries() > 0 && from < through && block.mayMatch(query)) {
                selected.add(new Pending(block, i));
            }
        }
        selected.sort(
                forward
                        ? Comparator.comparingLong((Pending p) -> p.block.minTime())
                        : Comparator.comparingLong((Pending p) -> p.block.maxTime())
                                .reversed());
        this.pending = selected;
    }

    /**
     * Entries of any blocks (e.g. the blocks of several chunks of one stream, in push order) in {@code [from,
     * through)}, merged and deduplicated as within one chunk; blocks whose content filter rules out {@code query} are
     * not read. The list is copied: later changes to it are not seen.
     */
    public static EntryIterator over(
            List<Block> blocks, long from, long through, Direction direction, ContentQuery query) {
        return new EntryIterator(blocks, from, through, direction, query);
    }

    /** Advances to the next entry; false when the range is exhausted. */
    public boolean next() {
        while (true) {
            if (retired != null) {
                freeViews.push(retired);
                retired = null;
            }
            openReachedBlocks();
            @Nullable Cursor best = null;
            // Indexed loops: an Iterator per entry would be the only per-entry garbage on this path.
            for (int i = 0; i < active.size(); i++) {
                Cursor cursor = active.get(i);
                if (best == null || before(cursor, best)) {
                    best = cursor;
                }
            }
            if (best == null) {
                return false;
            }
            currentView = best.view;
            currentIndex = best.index;
            best.advance();
            if (best.exhausted()) {
                active.remove(best);
                // The view still backs the current entry; recycle it on the next call.
                retired = best.view;
            }
            if (isDuplicateOfPrevious()) {
                continue;
            }
            rememberCurrent();
            return true;
        }
    }

    public long timestamp() {
        return currentView.timestamp(currentIndex);
    }

    /** The array holding the current line; see {@link #lineOffset()} and {@link #lineLength()}. */
    public byte[] lineArray() {
        return currentView.data();
    }

    public int lineOffset() {
        return currentView.lineOffset(currentIndex);
    }

    public int lineLength() {
        return currentView.lineLength(currentIndex);
    }

    /** The current line decoded as UTF-8 (allocates). */
    public String line() {
        return new String(lineArray(), lineOffset(), lineLength(), StandardCharsets.UTF_8);
    }

    public Labels metadata() {
        return currentView.metadata(currentIndex);
    }

    /** The current entry as a record (allocates). */
    public LogEntry entry() {
        return new LogEntry(timestamp(), line(), metadata());
    }

    /** Drains the iterator into records (allocates; for tests and small results). */
    public List<LogEntry> toList() {
        List<LogEntry> entries = new ArrayList<>();
        while (next()) {
            entries.add(entry());
        }
        return entries;
    }

    private void openReachedBlocks() {
        while (nextBlock < pending.size()) {
            Pending next = pending.get(nextBlock);
            if (!active.isEmpty() && !reached(next.block)) {
                return;
            }
            nextBlock++;
            BlockView view = freeViews.isEmpty() ? new BlockView() : freeViews.pop();
            next.block.decode(view);
            Cursor cursor = new Cursor(view, next.sequence);
            if (cursor.exhausted()) {
                freeViews.push(view);
            } else {
                active.add(cursor);
            }
        }
    }

    /** Whether the merge has reached the block's first (forward) or last (backward) timestamp. */
    private boolean reached(Block block) {
        for (int i = 0; i < active.size(); i++) {
            long time = active.get(i).time();
            if (forward ? block.minTime() <= time : block.maxTime() >= time) {
                return true;
            }
        }
        return false;
    }

    private boolean before(Cursor left, Cursor right) {
        int order = Long.compare(left.time(), right.time());
        if (order == 0) {
            // Equal timestamps: blocks were cut in push order, so the earlier block first forward, last backward.
            return forward ? left.sequence < right.sequence : left.sequence > right.sequence;
        }
        return forward ? order < 0 : order > 0;
    }

    private boolean isDuplicateOfPrevious() {
        long time = timestamp();
        if (!hasGroup || groupTime != time) {
            return false;
        }
        byte[] line = lineArray();
        int offset = lineOffset();
        int length = lineLength();
        byte[] seen = groupLines.array();
        for (int i = 0; i < groupSize; i++) {
            if (groupOffsets[i + 1] - groupOffsets[i] == length
                    && Arrays.equals(seen, groupOffsets[i], groupOffsets[i + 1], line, offset, offset + length)) {
                return true;
            }
        }
        return false;
    }

    private void rememberCurrent() {
        long time = timestamp();
        if (!hasGroup || groupTime != time) {
            hasGroup = true;
            groupTime = time;
            groupLines.reset();
            groupSize = 0;
        }
        if (groupSize + 1 == groupOffsets.length) {
            groupOffsets = Arrays.copyOf(groupOffsets, groupOffsets.length * 2);
        }
        groupOffsets[groupSize] = groupLines.size();
        groupLines.writeBytes(lineArray(), lineOffset(), lineLength());
        groupSize++;
        groupOffsets[groupSize] = groupLines.size();
    }

    /** A position inside one decoded block, moving in the iteration direction within [from, through). */
    private final class Cursor {
        final BlockView view;
        final int sequence;
        int index;
        final int end;

        Cursor(BlockView view, int sequence) {
            this.view = view;
            this.sequence = sequence;
            int low = view.lowerBound(from);
            int high = Math.max(low, view.lowerBound(through));
            if (forward) {
                index = low;
                end = high;
            } else {
                index = high - 1;
                end = low - 1;
            }
        }

        long time() {
            return view.timestamp(index);
        }

        void advance() {
            index += forward ? 1 : -1;
        }

        boolean exhausted() {
            return index == end;
        }
    }

    /** A block waiting to be opened, with its position in cut order. */
    private record Pending(Block block, int sequence) {}
}
