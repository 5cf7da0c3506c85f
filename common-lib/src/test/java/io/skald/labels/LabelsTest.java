package io.skald.labels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelsTest {
    @Test
    void sortsByNameAndPrintsLokiStreamForm() {
        Labels labels = Labels.of("job", "api", "app", "a\"b\\c\n");
        assertThat(labels.toString()).isEqualTo("{app=\"a\\\"b\\\\c\\n\", job=\"api\"}");
        assertThat(labels.get("job")).isEqualTo("api");
        assertThat(labels.get("nope")).isNull();
    }

    @Test
    void equalSetsHashEquallyAndOrderLikePrometheus() {
        Labels a = Labels.of("a", "1", "b", "2");
        Labels b = Labels.builder().set("b", "2").set("a", "1").build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.hash()).isEqualTo(b.hash());
        assertThat(Labels.of("a", "1")).isLessThan(a);
        assertThat(a).isLessThan(Labels.of("a", "2"));
    }

    @Test
    void builderReplacesAndRemoves() {
        Labels labels = Labels.of("a", "1", "b", "2").toBuilder()
                .set("a", "3")
                .remove("b")
                .build();
        assertThat(labels).isEqualTo(Labels.of("a", "3"));
    }
}
