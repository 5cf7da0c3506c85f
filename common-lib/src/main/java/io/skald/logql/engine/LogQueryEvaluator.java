package io.skald.logql.engine;

import io.skald.chunk.Direction;
import io.skald.labels.Labels;
import io.skald.logql.log.LabelsResult;
import io.skald.logql.log.Pipeline;
import io.skald.logql.log.ProcessedEntry;
import io.skald.logql.log.StreamPipeline;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.syntax.LogSelectorExpr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a log query: runs the pipeline over each selected stream, merges the streams by time in the query's
 * direction (ties broken by the source stream's labels, as Loki's heap iterator does), stops at the limit and groups
 * the kept entries by their final label set.
 */
final class LogQueryEvaluator {
    private LogQueryEvaluator() {}

    static QueryResult.Streams evaluate(
            EntrySource source,
            String tenant,
            LogSelectorExpr expr,
            long startNanos,
            long endNanos,
            Direction direction,
            int limit,
            long intervalNanos,
            boolean categorizeLabels) {
        Pipeline pipeline = PipelineFactory.pipeline(expr.stages());
        SelectRequest request = new SelectRequest(
                tenant,
                expr.matchers(),
                startNanos,
                endNanos,
                direction,
                PipelineFactory.leadingLineFilters(expr.stages()),
                expr.stages(),
                // With an interval, entries past the first `limit` may be needed.
                intervalNanos > 0 ? 0 : limit,
                false);
        boolean forward = direction == Direction.FORWARD;
        Comparator<Head> byTime = forward
                ? Comparator.comparingLong((Head h) -> h.current().timestamp())
                : Comparator.comparingLong((Head h) -> h.current().timestamp()).reversed();
        PriorityQueue<Head> heap = new PriorityQueue<>(byTime.thenComparing(h -> h.streamKey));
        Map<Labels, List<LogEntry>> groups = new LinkedHashMap<>();
        try (StreamIterator streams = source.select(request)) {
            for (SourceStream s = streams.next(); s != null; s = streams.next()) {
                Head head = new Head(s.labels(), pipeline.forStream(s.labels()), s.entries());
                if (head.advance()) {
                    heap.add(head);
                }
            }
            int taken = 0;
            boolean first = true;
            long last = 0;
            while (taken < limit && !heap.isEmpty()) {
                Head head = heap.poll();
                ProcessedEntry e = head.current();
                // Loki's interval: keep an entry only when it is at least one interval past the last kept one.
                if (intervalNanos > 0 && !first) {
                    boolean due =
                            forward ? e.timestamp() >= last + intervalNanos : e.timestamp() <= last - intervalNanos;
                    if (!due) {
                        if (head.advance()) {
                            heap.add(head);
                        }
                        continue;
                    }
                }
                first = false;
                last = e.timestamp();
                LabelsResult labels = e.labels();
                if (categorizeLabels) {
                    groups.computeIfAbsent(labels.stream(), k -> new ArrayList<>())
                            .add(new LogEntry(
                                    e.timestamp(), head.currentLine, labels.structuredMetadata(), labels.parsed()));
                } else {
                    groups.computeIfAbsent(labels.labels(), k -> new ArrayList<>())
                            .add(new LogEntry(e.timestamp(), head.currentLine));
                }
                taken++;
                if (head.advance()) {
                    heap.add(head);
                }
            }
        }
        List<LogStream> result = new ArrayList<>(groups.size());
        groups.forEach((labels, entries) -> result.add(new LogStream(labels, entries)));
        return new QueryResult.Streams(result);
    }

    /** One stream's cursor and its next entry that passed the pipeline. */
    private static final class Head {
        private final String streamKey;
        private final StreamPipeline pipeline;
        private final EntryCursor cursor;
        private @Nullable ProcessedEntry current;
        private String currentLine = "";

        Head(Labels labels, StreamPipeline pipeline, EntryCursor cursor) {
            this.streamKey = labels.toString();
            this.pipeline = pipeline;
            this.cursor = cursor;
        }

        boolean advance() {
            while (cursor.next()) {
                ProcessedEntry e =
                        pipeline.process(cursor.timestampNanos(), cursor.line(), cursor.structuredMetadata());
                if (e != null) {
                    current = e;
                    // Decoded now: the cursor may reuse the line's array after its next advance.
                    currentLine = e.lineString();
                    return true;
                }
            }
            current = null;
            return false;
        }

        ProcessedEntry current() {
            ProcessedEntry e = current;
            if (e == null) {
                throw new IllegalStateException("exhausted");
            }
            return e;
        }
    }
}
