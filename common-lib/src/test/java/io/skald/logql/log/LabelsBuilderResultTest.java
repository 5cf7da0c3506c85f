package io.skald.logql.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import org.junit.jupiter.api.Test;

class LabelsBuilderResultTest {

    @Test
    void resultsFollowEachEntryWhenTheNameOrderIsReused() {
        LabelsBuilder builder = new LabelsBuilder(Labels.of("app", "api", "zone", "z1"));
        String[][] entries = {
            {"level", "info", "b", "1"}, {"level", "warn", "b", "2"}, {"b", "3", "level", "error"}, {"a", "x"}
        };
        for (String[] entry : entries) {
            builder.reset();
            for (int i = 0; i < entry.length; i += 2) {
                builder.set(entry[i], entry[i + 1]);
            }
            Labels.Builder expected = Labels.of("app", "api", "zone", "z1").toBuilder();
            for (int i = 0; i < entry.length; i += 2) {
                expected.set(entry[i], entry[i + 1]);
            }
            assertThat(builder.result().labels()).isEqualTo(expected.build());
            assertThat(builder.result().parsed().size()).isEqualTo(entry.length / 2);
        }
    }

    @Test
    void theErrorLabelWinsOverAParsedKeyOfTheSameName() {
        LabelsBuilder builder = new LabelsBuilder(Labels.of("app", "api"));
        builder.set(ErrorLabels.ERROR, "from-key");
        builder.setError(ErrorLabels.JSON_PARSER);
        assertThat(builder.result().labels().get(ErrorLabels.ERROR)).isEqualTo(ErrorLabels.JSON_PARSER);
    }
}
