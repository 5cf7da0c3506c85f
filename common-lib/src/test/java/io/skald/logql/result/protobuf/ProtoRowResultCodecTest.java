package io.skald.logql.result.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.RandomResults;
import io.skald.logql.result.ResultView;
import io.skald.logql.result.Series;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProtoRowResultCodecTest {

    static Stream<Arguments> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(40).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomResultsRoundTrip(long seed) {
        RandomResults random = new RandomResults(seed);
        QueryResult streams = random.streams(12, 40, 1_700_000_000_000_000_000L, 60_000_000_000L, seed % 2 == 0);
        QueryResult matrix = random.matrix(10, 60, 1_700_000_000_000L, 15_000, seed % 2 == 0);
        QueryResult vector = random.vector(30, 1_700_000_000_000L);
        for (QueryResult result : List.of(streams, matrix, vector)) {
            assertThat(ResultView.of(ProtoRowResultCodec.decode(ProtoRowResultCodec.encode(result))))
                    .isEqualTo(ResultView.of(result));
        }
    }

    @Test
    void edgeCasesRoundTrip() {
        List<QueryResult> results = List.of(
                new QueryResult.Streams(List.of()),
                new QueryResult.Streams(List.of(new LogStream(Labels.EMPTY, List.of(new LogEntry(0, ""))))),
                new QueryResult.Streams(List.of(new LogStream(
                        Labels.of("app", "a\"b\\c\nd 🙂"),
                        List.of(new LogEntry(-5, "x", Labels.of("trace_id", "t"), Labels.of("p", "q")))))),
                new QueryResult.Matrix(List.of(new Series(Labels.EMPTY, new long[0], new double[0]))),
                new QueryResult.Vector(List.of()),
                new QueryResult.Scalar(17, Double.NEGATIVE_INFINITY));
        for (QueryResult result : results) {
            assertThat(ResultView.of(ProtoRowResultCodec.decode(ProtoRowResultCodec.encode(result))))
                    .isEqualTo(ResultView.of(result));
        }
    }

    @Test
    void garbageIsRejected() {
        assertThatThrownBy(() -> ProtoRowResultCodec.decode(new byte[] {(byte) 0xff, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtoRowResultCodec.decode(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a result");
    }
}
