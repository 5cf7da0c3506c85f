package io.skald.querier;

import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import io.skald.labels.Labels;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs a log query without pipeline stages: merges the selected streams by time in the query direction and keeps
 * the first {@code limit} entries, grouped back into streams. Structured metadata becomes part of the stream labels,
 * unless categorized labels were asked for (then it stays with the entry), as Loki returns it.
 */
final class LogQueryRunner {
    private LogQueryRunner() {}

    static QueryResult.Streams run(
            List<StreamEntries> streams, Direction direction, int limit, boolean categorizeLabels) {
        boolean forward = direction == Direction.FORWARD;
        Comparator<Head> order = Comparator.comparingLong(h -> h.entry.timestampNanos());
        PriorityQueue<Head> heads = new PriorityQueue<>(forward ? order : order.reversed());
        for (StreamEntries stream : streams) {
            if (stream.entries().hasNext()) {
                heads.add(new Head(
                        stream.labels(), stream.entries(), stream.entries().next()));
            }
        }
        Map<Labels, List<io.skald.logql.result.LogEntry>> out = new LinkedHashMap<>();
        int taken = 0;
        while (taken < limit && !heads.isEmpty()) {
            Head head = heads.poll();
            LogEntry entry = head.entry;
            Labels labels = head.labels;
            io.skald.logql.result.LogEntry result;
            if (categorizeLabels || entry.metadata().isEmpty()) {
                result = new io.skald.logql.result.LogEntry(
                        entry.timestampNanos(), entry.line(), entry.metadata(), Labels.EMPTY);
            } else {
                labels = withMetadata(labels, entry.metadata());
                result = new io.skald.logql.result.LogEntry(entry.timestampNanos(), entry.line());
            }
            out.computeIfAbsent(labels, l -> new ArrayList<>()).add(result);
            taken++;
            if (head.entries.hasNext()) {
                heads.add(new Head(head.labels, head.entries, head.entries.next()));
            }
        }
        List<LogStream> result = new ArrayList<>(out.size());
        out.forEach((labels, entries) -> result.add(new LogStream(labels, entries)));
        return new QueryResult.Streams(result);
    }

    /** Stream labels plus structured metadata; a metadata name that is a stream label becomes {@code name_extracted}. */
    static Labels withMetadata(Labels stream, Labels metadata) {
        Labels.Builder builder = stream.toBuilder();
        metadata.forEach((name, value) -> builder.set(stream.has(name) ? name + "_extracted" : name, value));
        return builder.build();
    }

    private record Head(Labels labels, Iterator<LogEntry> entries, LogEntry entry) {}
}
