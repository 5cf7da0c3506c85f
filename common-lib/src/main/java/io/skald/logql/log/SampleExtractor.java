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
 *
 * <p>An extractor may also hold <em>narrowed</em> stages (the same stages whose parsers extract only the labels the
 * samples need, see {@link ParserHints}): entries run through those, and only an entry that ends with an error, whose
 * sample keeps all its labels, is run again through the full stages.
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

    /** Marks a narrowed run whose sample needs every label: the entry is run again through the full stages. */
    private static final Sample NEEDS_ALL_LABELS = new Sample(0, LabelsResult.ofStream(Labels.EMPTY));

    /** Distinct groupings a stream remembers before it looks them up by building their label set. */
    private static final int RECENT_GROUPS = 16;

    private final Pipeline preStages;
    private final @Nullable Pipeline narrowedStages;
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
        this(new Pipeline(preStages), null, new Pipeline(postFilters), lineValue, unwrapLabel, conversion, grouping);
    }

    private SampleExtractor(
            Pipeline preStages,
            @Nullable Pipeline narrowedStages,
            Pipeline postFilters,
            @Nullable LineValue lineValue,
            @Nullable String unwrapLabel,
            Conversion conversion,
            @Nullable Grouping grouping) {
        this.preStages = preStages;
        this.narrowedStages = narrowedStages;
        this.postFilters = postFilters;
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

    /**
     * This extractor running entries through {@code narrowed} first: the same stages as its own, in the same order,
     * whose parsers extract only the labels of the grouping, the label filters, the unwrapped label and the post
     * filters. Only valid for a {@code by} grouping (the series keep no other label).
     */
    public SampleExtractor withNarrowedStages(List<Stage> narrowed) {
        Grouping g = grouping;
        if (g == null || g.without()) {
            throw new IllegalStateException("narrowed stages need a by grouping, not " + g);
        }
        return new SampleExtractor(
                preStages, new Pipeline(narrowed), postFilters, lineValue, unwrapLabel, conversion, grouping);
    }

    /** Whether entries run through narrowed stages first. */
    public boolean narrowed() {
        return narrowedStages != null;
    }

    /** The extractor for one stream; not thread-safe. */
    public StreamSampleExtractor forStream(Labels streamLabels) {
        return new StreamSampleExtractor(streamLabels);
    }

    /** Extracts samples from the entries of one stream. */
    public final class StreamSampleExtractor {
        private final StreamPipeline pre;
        private final @Nullable StreamPipeline narrow;
        private final java.util.Map<Labels, LabelsResult> groupedResults = new java.util.HashMap<>();
        /** The last groupings seen, by their values and categories, so a sample finds its series without allocating. */
        private final String[][] recentValues;

        private final LabelCategory[][] recentCategories;
        private final LabelsResult[] recentResults;
        private int recentCount;
        private int recentNext;
        private final String[] values;
        private final LabelCategory[] categories;

        private StreamSampleExtractor(Labels streamLabels) {
            this.pre = preStages.forStream(streamLabels);
            Pipeline narrowed = narrowedStages;
            this.narrow = narrowed == null ? null : narrowed.forStream(streamLabels);
            int width = grouping == null || grouping.without()
                    ? 0
                    : grouping.labels().size();
            this.recentValues = new String[RECENT_GROUPS][];
            this.recentCategories = new LabelCategory[RECENT_GROUPS][];
            this.recentResults = new LabelsResult[RECENT_GROUPS];
            this.values = new String[width];
            this.categories = new LabelCategory[width];
        }

        /** The sample of one entry, or null when the entry is dropped or has no value. */
        public @Nullable Sample process(long timestampNanos, byte[] line, Labels structuredMetadata) {
            StreamPipeline n = narrow;
            if (n != null) {
                Sample sample = extract(n, true, timestampNanos, line, structuredMetadata);
                if (sample != NEEDS_ALL_LABELS) {
                    return sample;
                }
            }
            return extract(pre, false, timestampNanos, line, structuredMetadata);
        }

        private @Nullable Sample extract(
                StreamPipeline pipeline,
                boolean narrowed,
                long timestampNanos,
                byte[] line,
                Labels structuredMetadata) {
            if (!pipeline.runStages(timestampNanos, line, structuredMetadata)) {
                return null;
            }
            PipelineEntry entry = pipeline.entry();
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
            boolean error = labels.hasError() || !labels.errorDetails().isEmpty();
            if (error && narrowed) {
                return NEEDS_ALL_LABELS;
            }
            return new Sample(value, grouped(labels, error));
        }

        public @Nullable Sample process(long timestampNanos, String line, Labels structuredMetadata) {
            return process(timestampNanos, line.getBytes(StandardCharsets.UTF_8), structuredMetadata);
        }

        private LabelsResult grouped(LabelsBuilder labels, boolean error) {
            Grouping g = grouping;
            if (g == null || error) {
                return labels.result();
            }
            if (g.noLabels()) {
                return LabelsResult.ofStream(Labels.EMPTY);
            }
            if (!g.without()) {
                return groupedBy(labels, g.labels());
            }
            LabelsResult all = labels.result();
            Labels.Builder kept = Labels.builder();
            all.labels().forEach((name, value) -> {
                if (g.labels().contains(name) != g.without()) {
                    kept.set(name, value);
                }
            });
            return intern(kept.build(), all);
        }

        /** {@code by}: the grouping labels read from the builder, found among the recent groupings when possible. */
        private LabelsResult groupedBy(LabelsBuilder labels, List<String> names) {
            String[] v = values;
            LabelCategory[] c = categories;
            for (int i = 0; i < v.length; i++) {
                String name = names.get(i);
                v[i] = labels.get(name);
                c[i] = v[i] == null ? null : labels.category(name);
            }
            for (int k = 0; k < recentCount; k++) {
                if (java.util.Arrays.equals(recentValues[k], v) && java.util.Arrays.equals(recentCategories[k], c)) {
                    return recentResults[k];
                }
            }
            LabelsResult all = labels.result();
            Labels.Builder kept = Labels.builder();
            for (int i = 0; i < v.length; i++) {
                if (v[i] != null) {
                    kept.set(names.get(i), v[i]);
                }
            }
            LabelsResult result = intern(kept.build(), all);
            int slot = recentNext;
            recentValues[slot] = v.clone();
            recentCategories[slot] = c.clone();
            recentResults[slot] = result;
            recentNext = (slot + 1) % RECENT_GROUPS;
            recentCount = Math.max(recentCount, slot + 1);
            return result;
        }

        private LabelsResult intern(Labels result, LabelsResult all) {
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
