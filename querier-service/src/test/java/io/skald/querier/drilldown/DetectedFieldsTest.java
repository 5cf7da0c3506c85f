package io.skald.querier.drilldown;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectedFieldsTest {
    private static final Labels STREAM = Labels.of("app", "api", "level", "info");

    private static LogEntry entry(String line) {
        return new LogEntry(1, line);
    }

    @Test
    void jsonLogfmtAndStructuredMetadataFieldsWithTypesCardinalityAndParsers() {
        List<LogStream> streams = List.of(new LogStream(
                STREAM,
                List.of(
                        entry("{\"status\":200,\"took\":\"15ms\",\"user\":{\"id\":\"u1\"},\"level\":\"warn\"}"),
                        entry("{\"status\":404,\"took\":\"3ms\",\"user\":{\"id\":\"u2\"}}"),
                        entry("status=500 took=1.5s size=10KB ok=true"),
                        new LogEntry(2, "plain text without fields", Labels.of("trace_id", "abc"), Labels.EMPTY),
                        new LogEntry(3, "{not json", Labels.of("trace_id", "def"), Labels.EMPTY))));

        List<DetectedFields.Field> fields =
                new DetectedFields(1000).addAll(streams).fields();

        assertThat(fields)
                .containsExactly(
                        // A JSON key clashing with a stream label is renamed, as the json parser does.
                        new DetectedFields.Field("level_extracted", FieldType.STRING, 1, List.of("json")),
                        new DetectedFields.Field("ok", FieldType.BOOLEAN, 1, List.of("logfmt")),
                        new DetectedFields.Field("size", FieldType.BYTES, 1, List.of("logfmt")),
                        new DetectedFields.Field("status", FieldType.INT, 3, List.of("json", "logfmt")),
                        new DetectedFields.Field("took", FieldType.DURATION, 3, List.of("json", "logfmt")),
                        new DetectedFields.Field("trace_id", FieldType.STRING, 2, null),
                        new DetectedFields.Field("user_id", FieldType.STRING, 2, List.of("json")));
    }

    @Test
    void theQuerysOwnParsedLabelsCountAndTheFieldLimitKeepsTheFirstFields() {
        List<LogStream> streams = List.of(new LogStream(
                STREAM,
                List.of(
                        new LogEntry(1, "a=1 b=2 c=3", Labels.EMPTY, Labels.of("a", "1", "__error__", "x")),
                        entry("a=2 b=3 c=4 d=5"))));

        List<DetectedFields.Field> fields =
                new DetectedFields(2).addAll(streams).fields();

        assertThat(fields).extracting(DetectedFields.Field::label).hasSize(2).doesNotContain("__error__");
        assertThat(fields.getFirst()).isEqualTo(new DetectedFields.Field("a", FieldType.INT, 2, List.of("logfmt")));
    }

    @Test
    void valuesOfOneFieldWithByteSizesCanonicalised() {
        List<LogStream> streams = List.of(new LogStream(
                STREAM,
                List.of(
                        entry("size=10KB took=1s"),
                        entry("size=2048 took=2s"),
                        new LogEntry(2, "x", Labels.of("size", "meta"), Labels.EMPTY))));

        assertThat(DetectedFields.values(streams, "size", 100)).containsExactly("10kB", "2048", "meta");
        assertThat(DetectedFields.values(streams, "took", 1)).hasSize(1);
        assertThat(DetectedFields.values(streams, "missing", 100)).isEmpty();
    }
}
