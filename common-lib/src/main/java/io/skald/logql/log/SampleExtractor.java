package io.skald.logql.log;

import io.skald.labels.Labels;
import io.skald.logql.log.golang.GoDuration;
import io.skald.logql.log.golang.GoFloat;
import io.skald.logql.log.golang.GoSyntaxException;
import io.skald.logql.log.golang.HumanBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns entries into samples for metric queries (Loki's {@code SampleExtractor}): either one per kept line (count, or
 * the line's byte length) or the value of an unwrapped label. Samples carry their series labels, already grouped the
 * way Loki pushes {@code by}/{@code without} down — except that a sample with an error keeps all its labels, so the
 * engine can report {@code pipeline error}.
 */
public final class SampleExtractor {

    /** What a line-based extractor measures. */
    public enum LineValue {
        /** 1 per line: {@code count_over_time}, {@code rate}. */
        COUNT,
        /** The line's length in bytes: {@code bytes_over_time}, {@code bytes_rate}. */
        BYTES
    }

    /** How an unwrapped label value becomes a number. */
    public enum Conversion {
        /** {@code unwrap x}: {@code strconv.ParseFloat}. */
        FLOAT,
        /** {@code unwrap duration(x)} / {@code duration_seconds(x)}: Go duration in seconds. */
        DURATION,
        /** {@code unwrap bytes(x)}: humanized byte size. */
        BYTES;

        /** Converts like Loki; throws with Go's message. */
        public double convert(String value) throws GoSyntaxException {
            return switch (this) {
                case FLOAT -> GoFloat.parse(value);
                case DURATION -> GoDuration.seconds(GoDuration.parse(value));
                case BYTES -> HumanBytes.toDouble(HumanBytes.parse(value));
            };
        }
    }

    /** A sample: its value and series labels. */
    public record Sample(double value, LabelsResult labels) {}

    private final Pipeline preStages;
    private final Pipeline postFilters;
    private final @Nullable LineValue lineValue;
    private final @Nullable String unwrapLabel;
    private final Conversion conversion;
    private final @Nullable Grouping grouping;

    private SampleExtractor(
            List<Stage> preStages,
            List<Stage> postFilters,
            @Nullable LineValue lineValue,
            @Nullable String unwrapLabel,
            Conversion conversion,
            @Nullable Grouping grouping) {
        this.preStages = new Pipeline(preStages);
        this.postFilters = new Pipeline(postFilters);
        this.lineValue = lineValue;
        this.unwrapLabel = unwrapLabel;
        this.conversion = conversion;
        this.grouping = grouping;
    }

    /** Line samples after the stages; {@code grouping} null when the query pushes none down. */
    public static SampleExtractor lines(LineValue value, List<Stage> stages, @Nullable Grouping grouping) {
        return new SampleExtractor(stages, List.of(), value, null, Conversion.FLOAT, grouping);
    }

    /**
     * Samples from an unwrapped label: {@code preStages} run first, then the conversion (a failure sets
     * {@code SampleExtractionErr}), then {@code postFilters} (the label filters written after {@code unwrap}). Entries
     * whose label is absent or empty give no sample. Without a {@code by} grouping, the unwrapped label is removed.
     */
    public static SampleExtractor unwrap(
            String label,
            Conversion conversion,
            List<Stage> preStages,
            List<Stage> postFilters,
            @Nullable Grouping grouping) {
        Grouping effective = grouping;
        if (grouping == null || grouping.without()) {
            List<String> names = new ArrayList<>(grouping == null ? List.of() : grouping.labels());
            names.add(label);
            names.sort(null);
            effective = Grouping.without(names);
        }
        return new SampleExtractor(preStages, postFilters, null, label, conversion, effective);
    }

    /** The extractor for one stream; not thread-safe. */
    public StreamSampleExtractor forStream(Labels streamLabels) {
        return new StreamSampleExtractor(streamLabels);
    }

    /** Extracts samples from the entries of one stream. */
    public final class StreamSampleExtractor {
        private final StreamPipeline pre;
        private final PipelineEntry entry;
        private final java.util.Map<Labels, LabelsResult> groupedResults = new java.util.HashMap<>();

        private StreamSampleExtractor(Labels streamLabels) {
            this.pre = preStages.forStream(streamLabels);
            this.entry = pre.entry();
        }

        /** The sample of one entry, or null when the entry is dropped or has no value. */
        public @Nullable Sample process(long timestampNanos, byte[] line, Labels structuredMetadata) {
            if (!pre.runStages(timestampNanos, line, structuredMetadata)) {
                return null;
            }
            LabelsBuilder labels = entry.labels();
            double value;
            String label = unwrapLabel;
            if (label == null) {
                value = lineValue == LineValue.BYTES ? entry.line().length : 1;
            } else {
                String text = labels.get(label);
                if (text == null || text.isEmpty()) {
                    return null;
                }
                try {
                    value = conversion.convert(text);
                } catch (GoSyntaxException e) {
                    value = 0;
                    labels.setError(ErrorLabels.SAMPLE_EXTRACTION);
                    labels.setErrorDetails(e.getMessage());
                }
                for (Stage filter : postFilters.stages()) {
                    if (!filter.process(entry)) {
                        return null;
                    }
                }
            }
            return new Sample(value, grouped(labels));
        }

        public @Nullable Sample process(long timestampNanos, String line, Labels structuredMetadata) {
            return process(timestampNanos, line.getBytes(StandardCharsets.UTF_8), structuredMetadata);
        }

        private LabelsResult grouped(LabelsBuilder labels) {
            Grouping g = grouping;
            if (g == null || labels.hasError() || !labels.errorDetails().isEmpty()) {
                return labels.result();
            }
            if (g.noLabels()) {
                return LabelsResult.ofStream(Labels.EMPTY);
            }
            LabelsResult all = labels.result();
            Labels.Builder kept = Labels.builder();
            all.labels().forEach((name, value) -> {
                if (g.labels().contains(name) != g.without()) {
                    kept.set(name, value);
                }
            });
            Labels result = kept.build();
            LabelsResult cached = groupedResults.get(result);
            if (cached != null) {
                return cached;
            }
            LabelsResult grouped = new LabelsResult(
                    result,
                    only(all.stream(), result),
                    only(all.structuredMetadata(), result),
                    only(all.parsed(), result));
            if (groupedResults.size() < 4096) {
                groupedResults.put(result, grouped);
            }
            return grouped;
        }
    }

    private static Labels only(Labels category, Labels kept) {
        Labels.Builder out = Labels.builder();
        category.forEach((name, value) -> {
            if (kept.has(name)) {
                out.set(name, value);
            }
        });
        return out.build();
    }
}
