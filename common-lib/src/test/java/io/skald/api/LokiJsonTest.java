package io.skald.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Sample;
import io.skald.logql.result.Series;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LokiJsonTest {

    @ParameterizedTest
    @CsvSource({
        "1, 1",
        "0.5, 0.5",
        "1.0E-7, 0.0000001",
        "1.23E20, 123000000000000000000",
        "0.016666666666666666, 0.016666666666666666"
    })
    void formatsValuesLikePrometheus(double value, String text) {
        assertThat(LokiJson.formatValue(value)).isEqualTo(text);
    }

    @Test
    void specialValues() {
        assertThat(LokiJson.formatValue(Double.NaN)).isEqualTo("NaN");
        assertThat(LokiJson.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(LokiJson.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void writesStreamsMatrixAndVectorInLokiShape() {
        String streams = write(new QueryResult.Streams(List.of(
                new LogStream(Labels.of("app", "a"), List.of(new LogEntry(1767607200000000001L, "line \"1\""))))));
        assertThat(streams)
                .startsWith("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":"
                        + "{\"app\":\"a\"},\"values\":[[\"1767607200000000001\",\"line \\\"1\\\"\"]]}],\"stats\":{");

        String matrix = write(new QueryResult.Matrix(List.of(new Series(
                Labels.of("app", "a"), new long[] {1767610200000L, 1767610230500L}, new double[] {1, 0.5}))));
        assertThat(matrix)
                .contains("\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"app\":\"a\"},"
                        + "\"values\":[[1767610200,\"1\"],[1767610230.5,\"0.5\"]]}]");

        String vector = write(new QueryResult.Vector(List.of(new Sample(Labels.EMPTY, 1767610200000L, 2))));
        assertThat(vector)
                .contains("\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1767610200,\"2\"]}]");
    }

    @Test
    void emptyLabelListHasNoData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LokiJson.writeStringList(List.of(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"success\"}");
    }

    private static String write(QueryResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LokiJson.writeQueryResponse(result, QueryStats.EMPTY, false, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
