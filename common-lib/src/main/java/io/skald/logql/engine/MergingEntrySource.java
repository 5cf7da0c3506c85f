package io.skald.logql.engine;

import io.skald.chunk.Direction;
import io.skald.labels.Labels;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EntrySource} over several others (ingester replicas, the store): streams with the same labels are merged
 * by time and exact duplicates (same timestamp and line, from any source) are returned once. Entries sharing a
 * timestamp keep each source's order, earlier sources first.
 */
public final class MergingEntrySource implements EntrySource {
    private final List<EntrySource> sources;

    public MergingEntrySource(List<? extends EntrySource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public StreamIterator select(SelectRequest request) {
        List<StreamIterator> opened = new ArrayList<>(sources.size());
        Map<Labels, List<SourceStream>> byLabels = new LinkedHashMap<>();
        try {
            for (EntrySource source : sources) {
                StreamIterator it = source.select(request);
                opened.add(it);
                for (SourceStream s = it.next(); s != null; s = it.next()) {
                    byLabels.computeIfAbsent(s.labels(), k -> new ArrayList<>()).add(s);
                }
            }
        } catch (RuntimeException e) {
            opened.forEach(StreamIterator::close);
            throw e;
        }
        Iterator<Map.Entry<Labels, List<SourceStream>>> groups =
                byLabels.entrySet().iterator();
        boolean forward = request.direction() == Direction.FORWARD;
        return new StreamIterator() {
            @Override
            public @Nullable SourceStream next() {
                if (!groups.hasNext()) {
                    return null;
                }
                Map.Entry<Labels, List<SourceStream>> group = groups.next();
                List<SourceStream> streams = group.getValue();
                if (streams.size() == 1) {
                    return streams.get(0);
                }
                Labels labels = group.getKey();
                return new SourceStream() {
                    @Override
                    public Labels labels() {
                        return labels;
                    }

                    @Override
                    public EntryCursor entries() {
                        List<EntryCursor> cursors = new ArrayList<>(streams.size());
                        for (SourceStream s : streams) {
                            cursors.add(s.entries());
                        }
                        return new MergedCursor(cursors, forward);
                    }
                };
            }

            @Override
            public void close() {
                opened.forEach(StreamIterator::close);
            }
        };
    }

    /** An entry copied out of a cursor (cursors may reuse their line arrays). */
    private static final class Held {
        private final long ts;
        private final byte[] line;
        private final Labels metadata;

        Held(long ts, byte[] line, Labels metadata) {
            this.ts = ts;
            this.line = line;
            this.metadata = metadata;
        }

        long ts() {
            return ts;
        }

        byte[] line() {
            return line;
        }

        Labels metadata() {
            return metadata;
        }
    }

    /** Merges the cursors of one stream from several sources, dropping exact duplicates. */
    private static final class MergedCursor implements EntryCursor {
        private final EntryCursor[] cursors;
        private final @Nullable Held[] heads;
        private final boolean forward;
        private final ArrayDeque<Held> sameTime = new ArrayDeque<>();
        private @Nullable Held current;

        MergedCursor(List<EntryCursor> cursors, boolean forward) {
            this.cursors = cursors.toArray(new EntryCursor[0]);
            this.heads = new Held[cursors.size()];
            this.forward = forward;
            for (int i = 0; i < heads.length; i++) {
                advance(i);
            }
        }

        private void advance(int i) {
            EntryCursor c = cursors[i];
            heads[i] = c.next()
                    ? new Held(c.timestampNanos(), Arrays.copyOf(c.line(), c.line().length), c.structuredMetadata())
                    : null;
        }

        @Override
        public boolean next() {
            if (sameTime.isEmpty() && !fill()) {
                current = null;
                return false;
            }
            current = sameTime.poll();
            return true;
        }

        /** Collects every distinct entry at the next timestamp, in source order. */
        private boolean fill() {
            boolean found = false;
            long ts = 0;
            for (Held h : heads) {
                if (h != null && (!found || (forward ? h.ts() < ts : h.ts() > ts))) {
                    ts = h.ts();
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
            List<Held> group = new ArrayList<>();
            for (int i = 0; i < heads.length; i++) {
                for (Held h = heads[i]; h != null && h.ts() == ts; h = heads[i]) {
                    if (!containsLine(group, h.line())) {
                        group.add(h);
                    }
                    advance(i);
                }
            }
            sameTime.addAll(group);
            return true;
        }

        private static boolean containsLine(List<Held> group, byte[] line) {
            for (Held h : group) {
                if (Arrays.equals(h.line(), line)) {
                    return true;
                }
            }
            return false;
        }

        private Held held() {
            Held h = current;
            if (h == null) {
                throw new IllegalStateException("no current entry");
            }
            return h;
        }

        @Override
        public long timestampNanos() {
            return held().ts();
        }

        @Override
        public byte[] line() {
            return held().line();
        }

        @Override
        public Labels structuredMetadata() {
            return held().metadata();
        }
    }
}
