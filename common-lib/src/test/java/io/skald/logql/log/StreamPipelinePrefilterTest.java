package io.skald.logql.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.labels.Labels;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class StreamPipelinePrefilterTest {

    @Test
    void prefilterRunsWhileItDropsEnoughEntries() {
        LabelFilter errors = LabelFilter.string(MatchType.EQUAL, "level", "error");
        Pipeline pipeline = new Pipeline(List.of(new JsonParser(), errors))
                .withPrefilter(
                        List.of(new JsonParser(Objects.requireNonNull(ParserHints.of(List.of("level")))), errors));
        StreamPipeline stream = pipeline.forStream(Labels.of("app", "api"));
        assertThat(stream.prefiltering()).isTrue();
        process(stream, "info", 0);
        assertThat(stream.prefiltering()).as("every entry dropped").isTrue();
        process(stream, "error", StreamPipeline.WINDOW);
        assertThat(stream.prefiltering()).as("every entry kept").isFalse();
        process(stream, "info", 0);
        assertThat(stream.prefiltering()).as("dropping again").isTrue();
    }

    private static void process(StreamPipeline stream, String level, int expectedKept) {
        int kept = 0;
        for (int i = 0; i < StreamPipeline.WINDOW; i++) {
            ProcessedEntry entry = stream.process(i, "{\"level\":\"" + level + "\",\"n\":" + i + "}");
            if (entry != null) {
                assertThat(entry.labels().labels().get("n")).isEqualTo(Integer.toString(i));
                kept++;
            }
        }
        assertThat(kept).isEqualTo(expectedKept);
    }
}
