package io.skald.logql.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleExtractorTest {
    private static final Labels CRON = Labels.of("app", "cron", "job", "batch/cron");
    private static final List<Stage> LOGFMT = List.of(new LogfmtParser(false, false));

    @Test
    void unwrapConvertsAndDropsTheUnwrappedLabelWithoutGrouping() {
        SampleExtractor.StreamSampleExtractor extractor = SampleExtractor.unwrap(
                        "size", SampleExtractor.Conversion.BYTES, LOGFMT, List.of(), null)
                .forStream(CRON);
        SampleExtractor.Sample sample = extractor.process(1, "job=backup-db event=finished size=2.6GB", Labels.EMPTY);
        assertThat(sample.value()).isEqualTo(2.6e9);
        assertThat(sample.labels().labels())
                .isEqualTo(Labels.of(
                        "app", "cron", "job", "batch/cron", "job_extracted", "backup-db", "event", "finished"));
        assertThat(extractor.process(2, "job=backup-db event=started", Labels.EMPTY))
                .isNull();
    }

    @Test
    void conversionFailureKeepsAllLabelsWithSampleExtractionErr() {
        SampleExtractor.StreamSampleExtractor extractor = SampleExtractor.unwrap(
                        "size", SampleExtractor.Conversion.FLOAT, LOGFMT, List.of(), Grouping.by(List.of("app")))
                .forStream(CRON);
        SampleExtractor.Sample sample = extractor.process(1, "event=finished size=2.6GB", Labels.EMPTY);
        assertThat(sample.labels().labels().get(ErrorLabels.ERROR)).isEqualTo("SampleExtractionErr");
        assertThat(sample.labels().labels().get(ErrorLabels.ERROR_DETAILS))
                .isEqualTo("strconv.ParseFloat: parsing \"2.6GB\": invalid syntax");
        assertThat(sample.labels().labels().get("size")).isEqualTo("2.6GB");

        SampleExtractor.StreamSampleExtractor filtered = SampleExtractor.unwrap(
                        "size",
                        SampleExtractor.Conversion.FLOAT,
                        LOGFMT,
                        List.of(LabelFilter.string(MatchType.EQUAL, ErrorLabels.ERROR, "")),
                        Grouping.by(List.of("app")))
                .forStream(CRON);
        assertThat(filtered.process(1, "size=2.6GB", Labels.EMPTY)).isNull();
        SampleExtractor.Sample ok = filtered.process(2, "size=12.5", Labels.EMPTY);
        assertThat(ok.value()).isEqualTo(12.5);
        assertThat(ok.labels().labels()).isEqualTo(Labels.of("app", "cron"));
    }

    @Test
    void lineSamplesCountOrMeasureTheProcessedLine() {
        SampleExtractor counting =
                SampleExtractor.lines(SampleExtractor.LineValue.COUNT, List.of(LineFilter.contains("x")), null);
        assertThat(counting.forStream(CRON).process(1, "x", Labels.EMPTY).value())
                .isEqualTo(1);
        assertThat(counting.forStream(CRON).process(1, "y", Labels.EMPTY)).isNull();
        SampleExtractor bytes = SampleExtractor.lines(
                SampleExtractor.LineValue.BYTES, List.of(new Decolorize()), Grouping.without(List.of("job")));
        SampleExtractor.Sample sample = bytes.forStream(CRON).process(1, "\u001b[31mé\u001b[0m", Labels.EMPTY);
        assertThat(sample.value()).isEqualTo(2);
        assertThat(sample.labels().labels()).isEqualTo(Labels.of("app", "cron"));
        assertThat(SampleExtractor.lines(SampleExtractor.LineValue.COUNT, List.of(), Grouping.by(List.of()))
                        .forStream(CRON)
                        .process(1, "a", Labels.EMPTY)
                        .labels()
                        .labels())
                .isEqualTo(Labels.EMPTY);
    }

    @Test
    void durationConversionGivesSeconds() throws Exception {
        assertThat(SampleExtractor.Conversion.DURATION.convert("1m30.5s")).isEqualTo(90.5);
        assertThat(SampleExtractor.Conversion.BYTES.convert("1KiB")).isEqualTo(1024);
    }
}
