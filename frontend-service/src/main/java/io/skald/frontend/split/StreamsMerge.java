package io.skald.frontend.split;

import io.skald.chunk.Direction;
import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges log results of consecutive splits given in {@code direction} order (newest split first for backward
 * queries): takes entries in direction order across streams, ties broken by the stream's labels as the engine does,
 * up to {@code limit}, and groups them by labels in order of first appearance.
 */
public final class StreamsMerge {
    private StreamsMerge() {}

    public static QueryResult.Streams merge(
            List<QueryResult.Streams> partsInDirectionOrder, Direction direction, int limit) {
        Comparator<Tagged> byTime = Comparator.comparingLong(t -> t.entry.timestampNanos());
        if (direction == Direction.BACKWARD) {
            byTime = byTime.reversed();
        }
        Comparator<Tagged> order = byTime.thenComparing(t -> t.key);
        Map<Labels, List<LogEntry>> groups = new LinkedHashMap<>();
        int taken = 0;
        for (QueryResult.Streams part : partsInDirectionOrder) {
            if (taken >= limit) {
                break;
            }
            List<Tagged> entries = new ArrayList<>();
            for (LogStream stream : part.streams()) {
                String key = stream.labels().toString();
                for (LogEntry e : stream.entries()) {
                    entries.add(new Tagged(stream.labels(), key, e));
                }
            }
            entries.sort(order);
            for (Tagged t : entries) {
                if (taken >= limit) {
                    break;
                }
                groups.computeIfAbsent(t.labels, k -> new ArrayList<>()).add(t.entry);
                taken++;
            }
        }
        List<LogStream> out = new ArrayList<>(groups.size());
        groups.forEach((labels, entries) -> out.add(new LogStream(labels, List.copyOf(entries))));
        return new QueryResult.Streams(out);
    }

    /** The number of entries in a streams result. */
    public static int entryCount(QueryResult.Streams streams) {
        int n = 0;
        for (LogStream s : streams.streams()) {
            n += s.entries().size();
        }
        return n;
    }

    private record Tagged(Labels labels, String key, LogEntry entry) {}
}
