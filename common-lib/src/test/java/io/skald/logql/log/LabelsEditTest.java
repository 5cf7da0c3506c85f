package io.skald.logql.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skald.labels.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** drop, keep, decolorize, and the label categories of results. */
class LabelsEditTest {
    private static final Labels STREAM = Labels.of("app", "checkout", "pod", "checkout-1", "version", "v2");

    @Test
    void dropByNameAndByValue() {
        DropLabels drop = new DropLabels(
                List.of(LabelSelection.name("pod"), LabelSelection.matching(MatchType.EQUAL, "level", "debug")));
        assertThat(StageRunner.run(STREAM, "level=debug msg=x", new LogfmtParser(false, false), drop)
                        .labels()
                        .labels())
                .isEqualTo(Labels.of("app", "checkout", "version", "v2", "msg", "x"));
        assertThat(StageRunner.run(STREAM, "level=info msg=x", new LogfmtParser(false, false), drop)
                        .labels()
                        .labels())
                .isEqualTo(Labels.of("app", "checkout", "version", "v2", "msg", "x", "level", "info"));
    }

    @Test
    void dropErrorLabels() {
        DropLabels drop = new DropLabels(List.of(LabelSelection.name(ErrorLabels.ERROR_DETAILS)));
        Labels labels =
                StageRunner.run(STREAM, "oops", new JsonParser(), drop).labels().labels();
        assertThat(labels.get(ErrorLabels.ERROR)).isEqualTo("JSONParserErr");
        assertThat(labels.has(ErrorLabels.ERROR_DETAILS)).isFalse();
    }

    @Test
    void keepRetainsNamedMatchingAndErrorLabels() {
        KeepLabels keep = new KeepLabels(
                List.of(LabelSelection.name("level"), LabelSelection.matching(MatchType.EQUAL, "msg", "login failed")));
        Labels failed = StageRunner.run(
                        STREAM, "level=warn msg=\"login failed\" user=bob", new LogfmtParser(false, false), keep)
                .labels()
                .labels();
        assertThat(failed).isEqualTo(Labels.of("level", "warn", "msg", "login failed"));
        Labels ok = StageRunner.run(STREAM, "level=info msg=ok", new LogfmtParser(false, false), keep)
                .labels()
                .labels();
        assertThat(ok).isEqualTo(Labels.of("level", "info"));
        Labels error =
                StageRunner.run(STREAM, "{", new JsonParser(), keep).labels().labels();
        assertThat(error.names()).containsExactly(ErrorLabels.ERROR, ErrorLabels.ERROR_DETAILS);
    }

    @Test
    void decolorizeStripsAnsiSequences() {
        ProcessedEntry entry = StageRunner.run(
                "\u001b[32mINFO \u001b[0m \u001b[2m11:13:20\u001b[0m [router] GET /account \u001b[1;31m500\u001b[0m in 858ms",
                new Decolorize());
        assertThat(entry.lineString()).isEqualTo("INFO  11:13:20 [router] GET /account 500 in 858ms");
        assertThat(StageRunner.run("plain", new Decolorize()).lineString()).isEqualTo("plain");
    }

    @Test
    void resultsAreCategorised() {
        LabelsFormatter format = new LabelsFormatter(List.of(LabelFormat.template("app", "renamed-{{.app}}")));
        ProcessedEntry entry = new Pipeline(List.of(new LogfmtParser(false, false), format))
                .forStream(STREAM)
                .process(1, "level=info trace_id=zzz", Labels.of("trace_id", "abc", "pod", "sm-pod"));
        LabelsResult result = entry.labels();
        assertThat(result.stream()).isEqualTo(Labels.of("pod", "checkout-1", "version", "v2"));
        assertThat(result.structuredMetadata()).isEqualTo(Labels.of("pod_extracted", "sm-pod"));
        assertThat(result.parsed()).isEqualTo(Labels.of("app", "renamed-checkout", "level", "info", "trace_id", "zzz"));
        assertThat(result.labels())
                .isEqualTo(Labels.of(
                        "app",
                        "renamed-checkout",
                        "level",
                        "info",
                        "pod",
                        "checkout-1",
                        "pod_extracted",
                        "sm-pod",
                        "trace_id",
                        "zzz",
                        "version",
                        "v2"));
    }

    @Test
    void formattersReportInvalidTemplatesLikeLoki() {
        assertThatThrownBy(() -> new LineFormatter("{{.foo"))
                .hasMessage("invalid line template: template: line:1: unclosed action");
        assertThatThrownBy(() ->
                        new LabelsFormatter(List.of(LabelFormat.rename("a", "b"), LabelFormat.template("a", "x"))))
                .hasMessage("multiple label name 'a' not allowed in a single format operation");
        assertThatThrownBy(() -> new LabelsFormatter(List.of(LabelFormat.rename(ErrorLabels.ERROR, "b"))))
                .hasMessage("__error__ cannot be formatted");
    }

    @Test
    void labelFormatRenamesAndTemplatesSeeLabelsBeforeTheStage() {
        LabelsFormatter format = new LabelsFormatter(List.of(
                LabelFormat.rename("severity", "level"),
                LabelFormat.template("copy", "{{.severity}}/{{.level}}"),
                LabelFormat.template("version", "{{ .version | upper }}")));
        Labels labels = StageRunner.run(STREAM, "level=info", new LogfmtParser(false, false), format)
                .labels()
                .labels();
        assertThat(labels.get("severity")).isEqualTo("info");
        assertThat(labels.has("level")).isFalse();
        assertThat(labels.get("copy")).isEqualTo("info/");
        assertThat(labels.get("version")).isEqualTo("V2");
    }

    @Test
    void lineFormatErrorKeepsTheLine() {
        ProcessedEntry entry = StageRunner.run(
                STREAM, "total=1.5", new LogfmtParser(false, false), new LineFormatter("{{ round .total }}"));
        assertThat(entry.lineString()).isEqualTo("total=1.5");
        assertThat(entry.labels().labels().get(ErrorLabels.ERROR)).isEqualTo("TemplateFormatErr");
        ProcessedEntry ok = StageRunner.run(
                STREAM, "total=1.5", new LogfmtParser(false, false), new LineFormatter("{{.total}} {{__line__}}"));
        assertThat(ok.lineString()).isEqualTo("1.5 total=1.5");
    }

    @Test
    void unchangedEntriesShareTheStreamResult() {
        StreamPipeline pipeline = new Pipeline(List.of(LineFilter.contains("a"))).forStream(STREAM);
        LabelsResult first = pipeline.process(1, "a1").labels();
        LabelsResult second = pipeline.process(2, "a2").labels();
        assertThat(first).isSameAs(second);
        assertThat(first.labels()).isEqualTo(STREAM);
        StreamPipeline parsing = new Pipeline(List.of(new LogfmtParser(false, false))).forStream(STREAM);
        assertThat(parsing.process(1, "x=1").labels())
                .isSameAs(parsing.process(2, "x=1 ").labels());
    }
}
