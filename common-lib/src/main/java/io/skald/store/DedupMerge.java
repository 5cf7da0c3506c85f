package io.skald.store;

import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merges ordered entry sources of one stream (ingester replicas, overlapping chunks) into one ordered iterator and
 * drops entries seen before: same timestamp and line. Sources are opened lazily when the merge position reaches their
 * start, so only the chunks overlapping the current position are decoded at once.
 */
public final class DedupMerge implements Iterator<LogEntry> {
    private final boolean forward;
    private final List<EntrySource> pending;
    private final PriorityQueue<Head> heads;
    private int nextPending;
    private long currentTs;
    private boolean hasCurrentTs;
    private Set<String> linesAtCurrentTs = new HashSet<>();
    private @Nullable LogEntry next;

    public DedupMerge(List<EntrySource> sources, Direction direction) {
        this.forward = direction == Direction.FORWARD;
        Comparator<Long> tsOrder = forward ? Comparator.naturalOrder() : Comparator.reverseOrder();
        this.pending = new ArrayList<>(sources);
        this.pending.sort(Comparator.comparing(EntrySource::start, tsOrder));
        // Equal timestamps keep source order (sources sorted by start): an earlier chunk's entries come first going
        // forward and last going backward, as push order within one stream.
        Comparator<Head> order = Comparator.<Head, Long>comparing(h -> h.entry.timestampNanos(), tsOrder)
                .thenComparingInt(h -> h.rank);
        this.heads = new PriorityQueue<>(order);
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            openReached();
            Head head = heads.poll();
            if (head == null) {
                return false;
            }
            LogEntry entry = head.entry;
            if (head.advance()) {
                heads.add(head);
            }
            if (!hasCurrentTs || entry.timestampNanos() != currentTs) {
                currentTs = entry.timestampNanos();
                hasCurrentTs = true;
                // clear() walks the whole table, which grows with the largest group of equal timestamps seen: a
                // big group once (a batch pushed with one timestamp) made every later entry pay for it.
                if (linesAtCurrentTs.size() > 16) {
                    linesAtCurrentTs = new HashSet<>();
                } else {
                    linesAtCurrentTs.clear();
                }
            }
            if (linesAtCurrentTs.add(entry.line())) {
                next = entry;
            }
        }
        return true;
    }

    @Override
    public LogEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LogEntry entry = next;
        next = null;
        return java.util.Objects.requireNonNull(entry);
    }

    /** Opens every pending source that could yield an entry at or before the best open head. */
    private void openReached() {
        while (nextPending < pending.size()) {
            EntrySource source = pending.get(nextPending);
            Head best = heads.peek();
            if (best != null) {
                long ts = best.entry.timestampNanos();
                boolean reached = forward ? source.start() <= ts : source.start() >= ts;
                if (!reached) {
                    return;
                }
            }
            int rank = nextPending++;
            Iterator<LogEntry> it = source.opener().get();
            if (it.hasNext()) {
                heads.add(new Head(it, it.next(), rank));
            }
        }
    }

    private static final class Head {
        private final Iterator<LogEntry> it;
        private final int rank;
        private LogEntry entry;

        Head(Iterator<LogEntry> it, LogEntry first, int rank) {
            this.it = it;
            this.entry = first;
            this.rank = rank;
        }

        boolean advance() {
            if (!it.hasNext()) {
                return false;
            }
            entry = it.next();
            return true;
        }
    }
}
