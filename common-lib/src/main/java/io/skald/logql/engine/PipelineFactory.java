package io.skald.logql.engine;

import io.skald.logql.log.Comparison;
import io.skald.logql.log.Decolorize;
import io.skald.logql.log.DropLabels;
import io.skald.logql.log.Grouping;
import io.skald.logql.log.JsonExpressionParser;
import io.skald.logql.log.JsonParser;
import io.skald.logql.log.KeepLabels;
import io.skald.logql.log.LabelFilter;
import io.skald.logql.log.LabelFormat;
import io.skald.logql.log.LabelSelection;
import io.skald.logql.log.LabelsFormatter;
import io.skald.logql.log.LineFilter;
import io.skald.logql.log.LineFormatter;
import io.skald.logql.log.LogfmtExpressionParser;
import io.skald.logql.log.LogfmtParser;
import io.skald.logql.log.MatchType;
import io.skald.logql.log.ParserHints;
import io.skald.logql.log.PatternParser;
import io.skald.logql.log.Pipeline;
import io.skald.logql.log.RegexpParser;
import io.skald.logql.log.SampleExtractor;
import io.skald.logql.log.Stage;
import io.skald.logql.log.UnpackParser;
import io.skald.logql.log.golang.HumanBytes;
import io.skald.logql.syntax.ComparisonOp;
import io.skald.logql.syntax.LabelMatcher;
import io.skald.logql.syntax.LogRange;
import io.skald.logql.syntax.PipelineStage;
import io.skald.logql.syntax.RangeOp;
import io.skald.logql.syntax.Unwrap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns the pipeline stages of a parsed query ({@code logql.syntax}) into runtime stages ({@code logql.log}). */
public final class PipelineFactory {
    private PipelineFactory() {}

    /** The runtime pipeline of a log query's stages, with a prefilter when its filters need only some labels. */
    public static Pipeline pipeline(List<PipelineStage> stages) {
        Pipeline pipeline = new Pipeline(stages(stages));
        ParserHints hints = ParserPushdown.prefilterHints(stages);
        return hints == null ? pipeline : pipeline.withPrefilter(stages(stages, hints));
    }

    /** The runtime pipeline of a log query's stages, without a prefilter. */
    public static Pipeline fullPipeline(List<PipelineStage> stages) {
        return new Pipeline(stages(stages));
    }

    /** The runtime stages, in query order. */
    public static List<Stage> stages(List<PipelineStage> stages) {
        return stages(stages, null);
    }

    /** The runtime stages, whose {@code json} and {@code logfmt} parsers extract only the labels of {@code hints}. */
    public static List<Stage> stages(List<PipelineStage> stages, @Nullable ParserHints hints) {
        List<Stage> out = new ArrayList<>(stages.size());
        for (PipelineStage stage : stages) {
            out.add(stage(stage, hints));
        }
        return out;
    }

    /** The leading line filters of a pipeline: a hint an {@link EntrySource} may apply early. */
    public static List<PipelineStage.LineFilter> leadingLineFilters(List<PipelineStage> stages) {
        List<PipelineStage.LineFilter> out = new ArrayList<>();
        for (PipelineStage stage : stages) {
            if (!(stage instanceof PipelineStage.LineFilter filter)) {
                break;
            }
            out.add(filter);
        }
        return out;
    }

    /**
     * The sample extractor of a range aggregation; {@code grouping} is the grouping pushed down (the range
     * aggregation's own, or that of a {@code sum} around it), null when none. When the series keep only the labels
     * of a {@code by} grouping, its parsers extract only the labels needed ({@link ParserPushdown}).
     */
    public static SampleExtractor extractor(LogRange range, RangeOp op, @Nullable Grouping grouping) {
        SampleExtractor extractor = fullExtractor(range, op, grouping);
        ParserHints hints = ParserPushdown.hints(range.selector().stages(), grouping, range.unwrap());
        return hints == null
                ? extractor
                : extractor.withNarrowedStages(stages(range.selector().stages(), hints));
    }

    /** The sample extractor of a range aggregation whose parsers extract every label. */
    public static SampleExtractor fullExtractor(LogRange range, RangeOp op, @Nullable Grouping grouping) {
        List<Stage> stages = stages(range.selector().stages());
        Unwrap unwrap = range.unwrap();
        if (unwrap == null) {
            SampleExtractor.LineValue value = op == RangeOp.BYTES_OVER_TIME || op == RangeOp.BYTES_RATE
                    ? SampleExtractor.LineValue.BYTES
                    : SampleExtractor.LineValue.COUNT;
            return SampleExtractor.lines(value, stages, grouping);
        }
        List<Stage> post = new ArrayList<>();
        for (io.skald.logql.syntax.LabelFilter f : unwrap.postFilters()) {
            post.add(labelFilter(f));
        }
        SampleExtractor.Conversion conversion = switch (unwrap.conversion()) {
            case NONE -> SampleExtractor.Conversion.FLOAT;
            case BYTES -> SampleExtractor.Conversion.BYTES;
            case DURATION, DURATION_SECONDS -> SampleExtractor.Conversion.DURATION;
        };
        return SampleExtractor.unwrap(unwrap.label(), conversion, stages, post, grouping);
    }

    /** The runtime grouping of a syntax grouping. */
    public static Grouping grouping(io.skald.logql.syntax.Grouping grouping) {
        return grouping.without() ? Grouping.without(grouping.labels()) : Grouping.by(grouping.labels());
    }

    private static Stage stage(PipelineStage stage, @Nullable ParserHints hints) {
        return switch (stage) {
            case PipelineStage.LineFilter f -> lineFilter(f);
            case PipelineStage.LogfmtParser p -> {
                if (p.extractions().isEmpty()) {
                    yield new LogfmtParser(p.strict(), p.keepEmpty(), hints);
                }
                Map<String, String> params = new LinkedHashMap<>();
                for (PipelineStage.LabelExtraction e : p.extractions()) {
                    params.put(e.label(), e.expression());
                }
                yield new LogfmtExpressionParser(params, p.strict(), p.keepEmpty());
            }
            case PipelineStage.JsonParser p -> {
                if (p.extractions().isEmpty()) {
                    yield new JsonParser(hints);
                }
                List<JsonExpressionParser.Extraction> extractions = new ArrayList<>();
                for (PipelineStage.LabelExtraction e : p.extractions()) {
                    extractions.add(JsonExpressionParser.Extraction.of(e.label(), e.expression()));
                }
                yield new JsonExpressionParser(extractions);
            }
            case PipelineStage.RegexpParser p -> new RegexpParser(p.regex());
            case PipelineStage.PatternParser p -> new PatternParser(p.pattern());
            case PipelineStage.UnpackParser p -> new UnpackParser();
            case PipelineStage.LabelFilterStage f -> labelFilter(f.filter());
            case PipelineStage.LineFormat f -> new LineFormatter(f.template());
            case PipelineStage.LabelFormat f -> {
                List<LabelFormat> formats = new ArrayList<>();
                for (PipelineStage.LabelFormatRule r : f.rules()) {
                    formats.add(
                            r.rename()
                                    ? LabelFormat.rename(r.name(), r.value())
                                    : LabelFormat.template(r.name(), r.value()));
                }
                yield new LabelsFormatter(formats);
            }
            case PipelineStage.DropLabels d -> new DropLabels(selections(d.labels()));
            case PipelineStage.KeepLabels k -> new KeepLabels(selections(k.labels()));
            case PipelineStage.Decolorize d -> new Decolorize();
        };
    }

    private static List<LabelSelection> selections(List<PipelineStage.NamedLabel> labels) {
        List<LabelSelection> out = new ArrayList<>();
        for (PipelineStage.NamedLabel l : labels) {
            LabelMatcher m = l.matcher();
            out.add(
                    m == null
                            ? LabelSelection.name(l.name())
                            : LabelSelection.matching(matchType(m.type()), m.name(), m.value()));
        }
        return out;
    }

    private static LineFilter lineFilter(PipelineStage.LineFilter f) {
        List<LineFilter> terms = new ArrayList<>();
        for (PipelineStage.LineFilterTerm t : f.terms()) {
            if (t.ip()) {
                terms.add(LineFilter.ip(t.value()));
                continue;
            }
            terms.add(
                    switch (f.op()) {
                        case CONTAINS, NOT_CONTAINS -> LineFilter.contains(t.value());
                        case MATCHES_REGEX, NOT_MATCHES_REGEX -> LineFilter.regex(t.value());
                        case MATCHES_PATTERN, NOT_MATCHES_PATTERN -> LineFilter.pattern(t.value());
                    });
        }
        LineFilter any = terms.size() == 1 ? terms.get(0) : LineFilter.or(terms);
        return f.op().isNegated() ? LineFilter.not(any) : any;
    }

    /** The runtime form of a label filter expression. */
    public static LabelFilter labelFilter(io.skald.logql.syntax.LabelFilter filter) {
        return switch (filter) {
            case io.skald.logql.syntax.LabelFilter.And a ->
                LabelFilter.and(labelFilter(a.left()), labelFilter(a.right()));
            case io.skald.logql.syntax.LabelFilter.Or o ->
                LabelFilter.or(labelFilter(o.left()), labelFilter(o.right()));
            case io.skald.logql.syntax.LabelFilter.StringFilter s ->
                LabelFilter.string(
                        matchType(s.matcher().type()),
                        s.matcher().name(),
                        s.matcher().value());
            case io.skald.logql.syntax.LabelFilter.NumericFilter n ->
                LabelFilter.number(comparison(n.op()), n.name(), n.value());
            case io.skald.logql.syntax.LabelFilter.DurationFilter d ->
                LabelFilter.duration(comparison(d.op()), d.name(), d.value().toNanos());
            case io.skald.logql.syntax.LabelFilter.BytesFilter b ->
                LabelFilter.bytes(comparison(b.op()), b.name(), HumanBytes.lokiQueryRoundTrip(b.value()));
            case io.skald.logql.syntax.LabelFilter.IpFilter ip ->
                LabelFilter.ip(ip.name(), !ip.negated(), ip.pattern());
        };
    }

    private static MatchType matchType(LabelMatcher.Type type) {
        return switch (type) {
            case EQUAL -> MatchType.EQUAL;
            case NOT_EQUAL -> MatchType.NOT_EQUAL;
            case REGEX -> MatchType.REGEX;
            case NOT_REGEX -> MatchType.NOT_REGEX;
        };
    }

    private static Comparison comparison(ComparisonOp op) {
        return switch (op) {
            case EQUAL -> Comparison.EQUAL;
            case NOT_EQUAL -> Comparison.NOT_EQUAL;
            case GREATER -> Comparison.GREATER;
            case GREATER_OR_EQUAL -> Comparison.GREATER_OR_EQUAL;
            case LESS -> Comparison.LESS;
            case LESS_OR_EQUAL -> Comparison.LESS_OR_EQUAL;
        };
    }
}
