package io.skald.logql.result.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.chunk.Direction;
import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.RandomResults;
import io.skald.logql.result.ResultView;
import io.skald.logql.result.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The column-wise merges against a plain object model of the frontend's split-merge semantics: stable sort of each
 * part's entries by (time in direction, label text), limit, grouping by first appearance; series by labels with the
 * earlier part winning a shared timestamp.
 */
class ArrowResultMergeTest {
    private final ArrowResultCodec codec = new ArrowResultCodec(new BatchLimits(13, 2_000));

    @AfterEach
    void noLeaks() {
        assertThat(codec.allocatedBytes()).isZero();
        codec.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (long seed = 1; seed <= 30; seed++) {
            for (Direction direction : Direction.values()) {
                out.add(Arguments.of(seed, direction));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("cases")
    void streamsMergeEqualsTheObjectModel(long seed, Direction direction) {
        RandomResults random = new RandomResults(seed);
        // Few distinct labels and a narrow time range: equal labels across streams and tied timestamps are common.
        boolean engineOrdered = seed % 3 != 0;
        List<QueryResult.Streams> parts = new ArrayList<>();
        int partCount = 1 + random.random().nextInt(4);
        for (int p = 0; p < partCount; p++) {
            QueryResult.Streams part = random.streams(6, 30, p * 100L, 120, engineOrdered);
            parts.add(direction == Direction.BACKWARD && engineOrdered ? reversed(part) : part);
        }
        for (int limit : new int[] {0, 1, 7, 50, Integer.MAX_VALUE}) {
            QueryResult.Streams expected = referenceStreams(parts, direction, limit);
            assertThat(mergeArrow(parts, direction, limit))
                    .as("limit %d", limit)
                    .isEqualTo(expected);
        }
    }

    @Test
    void tiesGoToTheLowerLabelTextThenToTheEarlierStream() {
        Labels b = Labels.of("app", "b");
        Labels a = Labels.of("app", "a");
        QueryResult.Streams part = new QueryResult.Streams(List.of(
                new LogStream(b, List.of(new LogEntry(10, "b1"), new LogEntry(20, "b2"))),
                new LogStream(a, List.of(new LogEntry(10, "a1"), new LogEntry(20, "a2"))),
                new LogStream(a, List.of(new LogEntry(10, "a1'")))));
        QueryResult.Streams merged = mergeArrow(List.of(part), Direction.FORWARD, 3);
        assertThat(merged.streams()).extracting(LogStream::labels).containsExactly(a, b);
        assertThat(merged.streams().get(0).entries()).extracting(LogEntry::line).containsExactly("a1", "a1'");
        assertThat(merged.streams().get(1).entries()).extracting(LogEntry::line).containsExactly("b1");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void matrixMergeEqualsTheObjectModel(long seed) {
        RandomResults random = new RandomResults(seed);
        List<QueryResult.Matrix> parts = new ArrayList<>();
        int partCount = 1 + random.random().nextInt(4);
        for (int p = 0; p < partCount; p++) {
            // Ordered parts on a shared grid overlap at their edges; unordered ones repeat timestamps inside.
            parts.add(random.matrix(5, 40, p * 300_000L, 15_000, seed % 3 != 0));
        }
        List<ArrowSamplesPart> decoded = new ArrayList<>();
        try {
            for (QueryResult.Matrix part : parts) {
                decoded.add((ArrowSamplesPart) codec.read(codec.encode(part)));
            }
            assertThat(ResultView.of(ArrowResultMerge.mergeMatrix(decoded)))
                    .isEqualTo(ResultView.of(referenceMatrix(parts)));
        } finally {
            decoded.forEach(ArrowSamplesPart::close);
        }
    }

    static Stream<Arguments> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(40).map(Arguments::of);
    }

    @Test
    void aVectorIsNotMergedAsAMatrix() {
        try (ArrowResultPart part = codec.read(codec.encode(new QueryResult.Vector(List.of())))) {
            assertThatThrownBy(() -> ArrowResultMerge.mergeMatrix(List.of((ArrowSamplesPart) part)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("vector");
        }
    }

    private QueryResult.Streams mergeArrow(List<QueryResult.Streams> parts, Direction direction, int limit) {
        List<ArrowStreamsPart> decoded = new ArrayList<>();
        try {
            for (QueryResult.Streams part : parts) {
                decoded.add((ArrowStreamsPart) codec.read(codec.encode(part)));
            }
            return ArrowResultMerge.mergeStreams(decoded, direction, limit);
        } finally {
            decoded.forEach(ArrowStreamsPart::close);
        }
    }

    private static QueryResult.Streams reversed(QueryResult.Streams part) {
        List<LogStream> out = new ArrayList<>();
        for (LogStream s : part.streams()) {
            out.add(new LogStream(s.labels(), s.entries().reversed()));
        }
        return new QueryResult.Streams(out);
    }

    private record Tagged(Labels labels, String key, LogEntry entry) {}

    private static QueryResult.Streams referenceStreams(
            List<QueryResult.Streams> parts, Direction direction, int limit) {
        Comparator<Tagged> byTime = Comparator.comparingLong(t -> t.entry().timestampNanos());
        if (direction == Direction.BACKWARD) {
            byTime = byTime.reversed();
        }
        Comparator<Tagged> order = byTime.thenComparing(Tagged::key);
        Map<Labels, List<LogEntry>> groups = new LinkedHashMap<>();
        int taken = 0;
        for (QueryResult.Streams part : parts) {
            List<Tagged> all = new ArrayList<>();
            for (LogStream s : part.streams()) {
                for (LogEntry e : s.entries()) {
                    all.add(new Tagged(s.labels(), s.labels().toString(), e));
                }
            }
            all.sort(order);
            for (Tagged t : all) {
                if (taken >= limit) {
                    break;
                }
                groups.computeIfAbsent(t.labels(), k -> new ArrayList<>()).add(t.entry());
                taken++;
            }
        }
        List<LogStream> out = new ArrayList<>();
        groups.forEach((labels, entries) -> out.add(new LogStream(labels, entries)));
        return new QueryResult.Streams(out);
    }

    private static QueryResult.Matrix referenceMatrix(List<QueryResult.Matrix> parts) {
        Map<Labels, TreeMap<Long, Double>> points = new TreeMap<>();
        for (QueryResult.Matrix part : parts) {
            for (Series s : part.series()) {
                TreeMap<Long, Double> byTime = points.computeIfAbsent(s.metric(), k -> new TreeMap<>());
                for (int i = 0; i < s.size(); i++) {
                    byTime.putIfAbsent(s.timestampsMillis()[i], s.values()[i]);
                }
            }
        }
        List<Series> out = new ArrayList<>();
        points.forEach((labels, byTime) -> {
            if (!byTime.isEmpty()) {
                out.add(new Series(
                        labels,
                        byTime.keySet().stream().mapToLong(Long::longValue).toArray(),
                        byTime.values().stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray()));
            }
        });
        return new QueryResult.Matrix(out);
    }
}
