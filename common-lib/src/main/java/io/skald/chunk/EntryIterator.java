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
 * Iterates the entries of a chunk's blocks in {@code [from, through)} in timestamp order (ties by line bytes),
 * merging blocks whose time ranges overlap and dropping exact duplicates (same timestamp and line) across blocks.
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
    private boolean hasPrevious;
    private long previousTime;
    private final ByteWriter previousLine = new ByteWriter(256);

    EntryIterator(List<Block> blocks, long from, long through, Direction direction) {
        this.from = from;
        this.through = through;
        this.forward = direction == Direction.FORWARD;
        List<Pending> selected = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (block.overlaps(from, through) && block.entries() > 0 && from < through) {
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
            BlockView l = left.view;
            BlockView r = right.view;
            order = Arrays.compareUnsigned(
                    l.data(),
                    l.lineOffset(left.index),
                    l.lineOffset(left.index + 1),
                    r.data(),
                    r.lineOffset(right.index),
                    r.lineOffset(right.index + 1));
        }
        if (order == 0) {
            // Exact (timestamp, line) ties: the earlier-cut block comes first in both directions, so duplicate
            // removal keeps the entry appended first.
            return left.sequence < right.sequence;
        }
        return forward ? order < 0 : order > 0;
    }

    private boolean isDuplicateOfPrevious() {
        return hasPrevious
                && previousTime == timestamp()
                && Arrays.equals(
                        previousLine.array(),
                        0,
                        previousLine.size(),
                        lineArray(),
                        lineOffset(),
                        lineOffset() + lineLength());
    }

    private void rememberCurrent() {
        hasPrevious = true;
        previousTime = timestamp();
        previousLine.reset();
        previousLine.writeBytes(lineArray(), lineOffset(), lineLength());
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
