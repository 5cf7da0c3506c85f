package io.skald.frontend.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.chunk.Direction;
import io.skald.logql.syntax.LogqlParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IntervalSplitterTest {
    private static final long S = 1_000_000_000L;
    private static final long BASE = 1_767_225_600L * S; // a multiple of one hour

    static Stream<Arguments> logSplits() {
        return Stream.of(
                // start, end, interval seconds, expected [start, end) pairs relative to BASE in seconds
                Arguments.of(0, 3600, 3600, List.of(List.of(0L, 3600L))),
                Arguments.of(
                        1800, 9000, 3600, List.of(List.of(1800L, 3600L), List.of(3600L, 7200L), List.of(7200L, 9000L))),
                Arguments.of(10, 20, 3600, List.of(List.of(10L, 20L))),
                Arguments.of(0, 7200, 0, List.of(List.of(0L, 7200L))));
    }

    @ParameterizedTest
    @MethodSource("logSplits")
    void logQueriesSplitAtIntervalMultiples(long start, long end, long interval, List<List<Long>> expected) {
        RangeQuery q = new RangeQuery(
                LogqlParser.parse("{app=\"a\"}"),
                BASE + start * S,
                BASE + end * S,
                Duration.ofSeconds(1),
                Direction.FORWARD,
                100);
        List<List<Long>> got = new ArrayList<>();
        for (RangeQuery part : IntervalSplitter.split(q, Duration.ofSeconds(interval))) {
            got.add(List.of((part.startNanos() - BASE) / S, (part.endNanos() - BASE) / S));
        }
        assertThat(got).isEqualTo(expected);
    }

    static Stream<Arguments> metricSplits() {
        return Stream.of(
                Arguments.of(0, 7200, 60, 3600),
                Arguments.of(17, 10_000, 60, 3600),
                Arguments.of(0, 10_000, 70, 1800),
                Arguments.of(123, 4000, 7, 600),
                Arguments.of(0, 7200, 3600, 1800),
                Arguments.of(0, 7200, 1800, 1800),
                Arguments.of(500, 500, 60, 3600));
    }

    @ParameterizedTest
    @MethodSource("metricSplits")
    void metricSplitsCoverEveryAlignedStepExactlyOnce(long start, long end, long step, long interval) {
        RangeQuery q = new RangeQuery(
                LogqlParser.parse("count_over_time({app=\"a\"}[1m])"),
                BASE + start * S,
                BASE + end * S,
                Duration.ofSeconds(step),
                Direction.BACKWARD,
                100);
        List<RangeQuery> parts = IntervalSplitter.split(q, Duration.ofSeconds(interval));
        List<Long> steps = new ArrayList<>();
        for (RangeQuery part : parts) {
            assertThat(part.startNanos() % (step * S))
                    .as("part start on the step grid")
                    .isZero();
            assertThat(part.endNanos() % (step * S))
                    .as("part end on the step grid")
                    .isZero();
            // A part ends before the next interval boundary, or (the last part, as Loki's) at most one step past it.
            if (step < interval) {
                long nextBoundary = (Math.floorDiv(part.startNanos(), interval * S) + 1) * interval * S;
                assertThat(part.endNanos()).isLessThanOrEqualTo(nextBoundary);
            }
            for (long t = part.startNanos(); t <= part.endNanos(); t += step * S) {
                steps.add(t);
            }
        }
        List<Long> expected = new ArrayList<>();
        RangeQuery aligned = IntervalSplitter.alignToStep(q);
        for (long t = aligned.startNanos(); t <= aligned.endNanos(); t += step * S) {
            expected.add(t);
        }
        assertThat(steps).isEqualTo(expected);
    }
}
