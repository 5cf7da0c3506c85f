package io.skald.logql.engine;

import io.skald.chunk.Direction;
import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EntrySource} over entries pushed into memory, for tests and the conformance suite. Exact duplicates (same
 * stream, timestamp and line) are stored once; entries with equal timestamps keep push order. Thread-safe for
 * concurrent pushes and queries; a query sees a snapshot of each stream.
 */
public final class InMemoryEntrySource implements EntrySource {
    private final Map<String, Map<Labels, MemStream>> tenants = new ConcurrentHashMap<>();

    /** Adds one entry to a tenant's stream; false when it duplicates an entry already stored. */
    public boolean push(String tenant, Labels stream, long timestampNanos, String line, Labels structuredMetadata) {
        MemStream s =
                tenants.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).computeIfAbsent(stream, MemStream::new);
        return s.add(timestampNanos, line.getBytes(StandardCharsets.UTF_8), structuredMetadata);
    }

    /** Adds one entry without structured metadata. */
    public boolean push(String tenant, Labels stream, long timestampNanos, String line) {
        return push(tenant, stream, timestampNanos, line, Labels.EMPTY);
    }

    @Override
    public StreamIterator select(SelectRequest request) {
        Map<Labels, MemStream> streams = tenants.getOrDefault(request.tenant(), Map.of());
        StreamMatchers matchers = new StreamMatchers(request.matchers());
        List<SourceStream> selected = new ArrayList<>();
        List<MemStream> sorted = new ArrayList<>(streams.values());
        sorted.sort(Comparator.comparing(s -> s.labels));
        for (MemStream s : sorted) {
            if (!matchers.matches(s.labels)) {
                continue;
            }
            Snapshot snap = s.snapshot();
            int[] range = snap.range(request.fromNanos(), request.throughNanos());
            if (range[0] >= range[1]) {
                continue;
            }
            selected.add(new MemSourceStream(s.labels, snap, range[0], range[1], request.direction()));
        }
        Iterator<SourceStream> it = selected.iterator();
        return new StreamIterator() {
            @Override
            public @Nullable SourceStream next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {}
        };
    }

    /** One stream's entries, kept sorted by timestamp (stable) and deduplicated on push. */
    private static final class MemStream {
        private final Labels labels;
        private final List<Entry> entries = new ArrayList<>();
        private final Set<Key> seen = new HashSet<>();
        private boolean sorted = true;
        private @Nullable Snapshot snapshot;

        MemStream(Labels labels) {
            this.labels = labels;
        }

        synchronized boolean add(long ts, byte[] line, Labels metadata) {
            if (!seen.add(new Key(ts, line))) {
                return false;
            }
            if (!entries.isEmpty() && entries.get(entries.size() - 1).ts > ts) {
                sorted = false;
            }
            entries.add(new Entry(ts, line, metadata));
            snapshot = null;
            return true;
        }

        synchronized Snapshot snapshot() {
            Snapshot s = snapshot;
            if (s == null) {
                if (!sorted) {
                    entries.sort(Comparator.comparingLong(e -> e.ts)); // stable: equal timestamps keep push order
                    sorted = true;
                }
                s = new Snapshot(entries.toArray(new Entry[0]));
                snapshot = s;
            }
            return s;
        }
    }

    private static final class Key {
        private final long ts;
        private final byte[] line;

        Key(long ts, byte[] line) {
            this.ts = ts;
            this.line = line;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.ts == ts && Arrays.equals(k.line, line);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(ts) * 31 + Arrays.hashCode(line);
        }

        @Override
        public String toString() {
            return ts + ":" + new String(line, StandardCharsets.UTF_8);
        }
    }

    /** A stored entry; the line array is never modified. */
    private static final class Entry {
        final long ts;
        final byte[] line;
        final Labels metadata;

        Entry(long ts, byte[] line, Labels metadata) {
            this.ts = ts;
            this.line = line;
            this.metadata = metadata;
        }
    }

    /** An immutable, time-ordered copy of a stream's entries. */
    private static final class Snapshot {
        final Entry[] entries;

        Snapshot(Entry[] entries) {
            this.entries = entries;
        }

        /** Index range {@code [lo, hi)} of entries with {@code from <= ts < through}. */
        int[] range(long from, long through) {
            return new int[] {lowerBound(from), lowerBound(through)};
        }

        private int lowerBound(long ts) {
            int lo = 0;
            int hi = entries.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (entries[mid].ts < ts) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private record MemSourceStream(Labels labels, Snapshot snapshot, int lo, int hi, Direction direction)
            implements SourceStream {
        @Override
        public EntryCursor entries() {
            boolean forward = direction == Direction.FORWARD;
            return new EntryCursor() {
                private int index = forward ? lo - 1 : hi;
                private @Nullable Entry current;

                @Override
                public boolean next() {
                    index += forward ? 1 : -1;
                    if (index < lo || index >= hi) {
                        current = null;
                        return false;
                    }
                    current = snapshot.entries[index];
                    return true;
                }

                @Override
                public long timestampNanos() {
                    return entry().ts;
                }

                @Override
                public byte[] line() {
                    return entry().line;
                }

                @Override
                public Labels structuredMetadata() {
                    return entry().metadata;
                }

                private Entry entry() {
                    Entry e = current;
                    if (e == null) {
                        throw new IllegalStateException("no current entry");
                    }
                    return e;
                }
            };
        }
    }

    /** The labels of every stream of a tenant, in label order (for tests). */
    public List<Labels> streams(String tenant) {
        List<Labels> out = new ArrayList<>(
                tenants.getOrDefault(tenant, new LinkedHashMap<>()).keySet());
        out.sort(null);
        return out;
    }
}
