package io.skald.logql.engine;

import io.skald.logql.log.Grouping;
import io.skald.logql.log.ParserHints;
import io.skald.logql.syntax.LabelFilter;
import io.skald.logql.syntax.PipelineStage;
import io.skald.logql.syntax.Unwrap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Loki's parser hints for range aggregations: when the series keep only the labels of a {@code by} grouping, the
 * {@code json} and {@code logfmt} parsers need to extract only those, plus the labels that later stages read (label
 * filters, {@code drop}/{@code keep}, the unwrapped label and its post filters). Templates ({@code line_format},
 * {@code label_format}) may read any label, so a pipeline with one after a parser gets no hints.
 *
 * <p>Log queries return every label, but their filters need only some: {@link #prefilterHints} gives the hints of a
 * prefilter that drops the entries the pipeline drops (see {@link io.skald.logql.log.Pipeline}).
 */
final class ParserPushdown {
    private ParserPushdown() {}

    /** The hints for a range aggregation's stages, or null when every label must be extracted. */
    static @Nullable ParserHints hints(
            List<PipelineStage> stages, @Nullable Grouping grouping, @Nullable Unwrap unwrap) {
        if (grouping == null || grouping.without()) {
            return null;
        }
        int first = firstHintable(stages);
        if (first < 0) {
            return null;
        }
        Set<String> required = new LinkedHashSet<>(grouping.labels());
        if (unwrap != null) {
            required.add(unwrap.label());
            for (LabelFilter filter : unwrap.postFilters()) {
                names(filter, required);
            }
        }
        for (int i = first + 1; i < stages.size(); i++) {
            if (!reads(stages.get(i), required)) {
                return null;
            }
        }
        return ParserHints.of(required);
    }

    /**
     * The hints of a log query's prefilter, or null when there is none: the pipeline needs a hinted parser followed by
     * a filter (line or label) that may drop entries, and no template after the parser.
     */
    static @Nullable ParserHints prefilterHints(List<PipelineStage> stages) {
        int first = firstHintable(stages);
        if (first < 0) {
            return null;
        }
        Set<String> required = new LinkedHashSet<>();
        boolean filters = false;
        for (int i = first + 1; i < stages.size(); i++) {
            PipelineStage stage = stages.get(i);
            if (!reads(stage, required)) {
                return null;
            }
            filters |= stage instanceof PipelineStage.LabelFilterStage || stage instanceof PipelineStage.LineFilter;
        }
        return filters ? ParserHints.of(required) : null;
    }

    /** Whether a stage is a parser that hints apply to: {@code json} or {@code logfmt} without expressions. */
    static boolean hintable(PipelineStage stage) {
        return switch (stage) {
            case PipelineStage.JsonParser p -> p.extractions().isEmpty();
            case PipelineStage.LogfmtParser p -> p.extractions().isEmpty();
            default -> false;
        };
    }

    private static int firstHintable(List<PipelineStage> stages) {
        for (int i = 0; i < stages.size(); i++) {
            if (hintable(stages.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Adds the labels a stage reads to {@code names}; false when it may read any label. */
    private static boolean reads(PipelineStage stage, Set<String> names) {
        return switch (stage) {
            case PipelineStage.LineFilter f -> true;
            case PipelineStage.LogfmtParser p -> true;
            case PipelineStage.JsonParser p -> true;
            case PipelineStage.RegexpParser p -> true;
            case PipelineStage.PatternParser p -> true;
            case PipelineStage.UnpackParser p -> true;
            case PipelineStage.Decolorize d -> true;
            case PipelineStage.LabelFilterStage f -> {
                names(f.filter(), names);
                yield true;
            }
            case PipelineStage.DropLabels d -> {
                d.labels().forEach(l -> names.add(l.name()));
                yield true;
            }
            case PipelineStage.KeepLabels k -> {
                k.labels().forEach(l -> names.add(l.name()));
                yield true;
            }
            case PipelineStage.LineFormat f -> false;
            case PipelineStage.LabelFormat f -> false;
        };
    }

    private static void names(LabelFilter filter, Set<String> names) {
        switch (filter) {
            case LabelFilter.And a -> {
                names(a.left(), names);
                names(a.right(), names);
            }
            case LabelFilter.Or o -> {
                names(o.left(), names);
                names(o.right(), names);
            }
            case LabelFilter.StringFilter s -> names.add(s.matcher().name());
            case LabelFilter.NumericFilter n -> names.add(n.name());
            case LabelFilter.DurationFilter d -> names.add(d.name());
            case LabelFilter.BytesFilter b -> names.add(b.name());
            case LabelFilter.IpFilter ip -> names.add(ip.name());
        }
    }
}
