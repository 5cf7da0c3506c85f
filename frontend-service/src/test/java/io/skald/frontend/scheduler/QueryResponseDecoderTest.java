package io.skald.frontend.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.api.LokiJson;
import io.skald.api.QueryStats;
import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Sample;
import io.skald.logql.result.Series;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the querier writes with {@link LokiJson} decodes back to the same result. */
class QueryResponseDecoderTest {

    static Stream<QueryResult> results() {
        return Stream.of(
                new QueryResult.Streams(List.of(
                        new LogStream(
                                Labels.of("app", "a", "env", "prod"),
                                List.of(
                                        new LogEntry(1_700_000_000_123_456_789L, "line \"one\"\n"),
                                        new LogEntry(5, "ü"))),
                        new LogStream(Labels.of("app", "b"), List.of()))),
                new QueryResult.Matrix(List.of(
                        new Series(
                                Labels.of("app", "a"),
                                new long[] {1_700_000_000_000L, 1_700_000_000_123L, 1_700_000_001_500L},
                                new double[] {1.5, Double.NaN, Double.POSITIVE_INFINITY}),
                        new Series(Labels.EMPTY, new long[] {0L}, new double[] {-0.000123}))),
                new QueryResult.Vector(List.of(new Sample(Labels.of("x", "y"), 1_700_000_000_001L, -3e20))),
                new QueryResult.Scalar(1_700_000_000_000L, Double.NEGATIVE_INFINITY));
    }

    @ParameterizedTest
    @MethodSource("results")
    void roundTrips(QueryResult result) {
        QueryResult decoded = QueryResponseDecoder.decode(encode(result, false));
        assertThat(encode(decoded, false)).isEqualTo(encode(result, false));
    }

    @Test
    void categorizedEntriesKeepTheirMetadataAndParsedLabels() {
        QueryResult result = new QueryResult.Streams(List.of(new LogStream(
                Labels.of("app", "a"),
                List.of(new LogEntry(7, "x", Labels.of("trace", "t1"), Labels.of("level", "info"))))));
        QueryResult.Streams decoded = (QueryResult.Streams) QueryResponseDecoder.decode(encode(result, true));
        assertThat(decoded.streams().getFirst().entries().getFirst())
                .isEqualTo(new LogEntry(7, "x", Labels.of("trace", "t1"), Labels.of("level", "info")));
    }

    @Test
    void somethingElseIsRejected() {
        assertThatThrownBy(() -> QueryResponseDecoder.decode(
                        "{\"status\":\"success\",\"data\":[\"a\"]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryResponseDecoder.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] encode(QueryResult result, boolean categorize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LokiJson.writeQueryResponse(result, QueryStats.EMPTY, categorize, out);
        return out.toByteArray();
    }
}
