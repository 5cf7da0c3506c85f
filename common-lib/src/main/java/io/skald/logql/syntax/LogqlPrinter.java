package io.skald.logql.syntax;

import io.skald.logql.syntax.PipelineStage.LabelExtraction;
import io.skald.logql.syntax.PipelineStage.LineFilterTerm;
import io.skald.logql.syntax.PipelineStage.NamedLabel;
import java.util.List;

/**
 * Prints an AST back to canonical LogQL the way Loki's {@code String()} methods do (this is what
 * {@code /loki/api/v1/format_query} returns). {@code LogqlParser.parse(print(e))} equals {@code e}. Where Loki's own
 * form would not read back the same (byte sizes it rounds, {@code ignoring ()} with a group modifier), the exact form
 * is printed instead.
 */
public final class LogqlPrinter {
    private LogqlPrinter() {}

    /** The canonical text of {@code expr}. */
    public static String print(Expr expr) {
        StringBuilder out = new StringBuilder();
        appendExpr(out, expr);
        return out.toString();
    }

    /** The canonical text of one stage, e.g. {@code | json} or {@code |= "x"}. */
    public static String print(PipelineStage stage) {
        StringBuilder out = new StringBuilder();
        appendStage(out, stage);
        return out.toString();
    }

    /** The canonical text of a label filter, e.g. {@code ( status>=400 , level="error" )}. */
    public static String print(LabelFilter filter) {
        StringBuilder out = new StringBuilder();
        appendLabelFilter(out, filter);
        return out.toString();
    }

    /** A matcher as Prometheus prints it: {@code name="value"}. */
    public static String print(LabelMatcher matcher) {
        return matcher.name() + matcher.type().symbol() + GoStringLiterals.quote(matcher.value());
    }

    private static void appendExpr(StringBuilder out, Expr expr) {
        switch (expr) {
            case LogSelectorExpr selector -> appendLogSelector(out, selector);
            case RangeAggregationExpr range -> appendRangeAggregation(out, range);
            case VectorAggregationExpr vector -> appendVectorAggregation(out, vector);
            case BinOpExpr binOp -> appendBinOp(out, binOp);
            case LiteralExpr literal -> out.append(GoFloatFormat.formatDefault(literal.value()));
            case VectorExpr vector ->
                out.append("vector(")
                        .append(GoFloatFormat.formatFixed(vector.value()))
                        .append(')');
            case LabelReplaceExpr replace -> {
                out.append("label_replace(");
                appendExpr(out, replace.inner());
                out.append(',')
                        .append(GoStringLiterals.quote(replace.destination()))
                        .append(',')
                        .append(GoStringLiterals.quote(replace.replacement()))
                        .append(',')
                        .append(GoStringLiterals.quote(replace.source()))
                        .append(',')
                        .append(GoStringLiterals.quote(replace.regex()))
                        .append(')');
            }
        }
    }

    private static void appendLogSelector(StringBuilder out, LogSelectorExpr selector) {
        out.append('{');
        List<LabelMatcher> matchers = selector.matchers();
        for (int i = 0; i < matchers.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(print(matchers.get(i)));
        }
        out.append('}');
        for (PipelineStage stage : selector.stages()) {
            out.append(' ');
            appendStage(out, stage);
        }
    }

    private static void appendStage(StringBuilder out, PipelineStage stage) {
        switch (stage) {
            case PipelineStage.LineFilter filter -> {
                out.append(filter.op().symbol()).append(' ');
                List<LineFilterTerm> terms = filter.terms();
                for (int i = 0; i < terms.size(); i++) {
                    if (i > 0) {
                        out.append(" or ");
                    }
                    LineFilterTerm term = terms.get(i);
                    if (term.ip()) {
                        out.append("ip(")
                                .append(GoStringLiterals.quote(term.value()))
                                .append(')');
                    } else {
                        out.append(GoStringLiterals.quote(term.value()));
                    }
                }
            }
            case PipelineStage.LogfmtParser logfmt -> {
                out.append("| logfmt");
                if (logfmt.extractions().isEmpty()) {
                    out.append(logfmt.strict() ? " --strict" : "").append(logfmt.keepEmpty() ? " --keep-empty" : "");
                } else {
                    out.append(' ');
                    out.append(logfmt.strict() ? "--strict " : "").append(logfmt.keepEmpty() ? "--keep-empty " : "");
                    appendExtractions(out, logfmt.extractions());
                }
            }
            case PipelineStage.JsonParser json -> {
                out.append("| json");
                if (!json.extractions().isEmpty()) {
                    out.append(' ');
                    appendExtractions(out, json.extractions());
                }
            }
            case PipelineStage.RegexpParser regexp ->
                out.append("| regexp ").append(GoStringLiterals.quote(regexp.regex()));
            case PipelineStage.PatternParser pattern ->
                out.append("| pattern ").append(GoStringLiterals.quote(pattern.pattern()));
            case PipelineStage.UnpackParser unpack -> out.append("| unpack");
            case PipelineStage.LabelFilterStage filter -> {
                out.append("| ");
                appendLabelFilter(out, filter.filter());
            }
            case PipelineStage.LineFormat format ->
                out.append("| line_format ").append(GoStringLiterals.quote(format.template()));
            case PipelineStage.LabelFormat format -> {
                out.append("| label_format ");
                for (int i = 0; i < format.rules().size(); i++) {
                    PipelineStage.LabelFormatRule rule = format.rules().get(i);
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(rule.name()).append('=');
                    out.append(rule.rename() ? rule.value() : GoStringLiterals.quote(rule.value()));
                }
            }
            case PipelineStage.DropLabels drop -> appendNamedLabels(out, "| drop ", drop.labels());
            case PipelineStage.KeepLabels keep -> appendNamedLabels(out, "| keep ", keep.labels());
            case PipelineStage.Decolorize decolorize -> out.append("| decolorize");
        }
    }

    private static void appendExtractions(StringBuilder out, List<LabelExtraction> extractions) {
        for (int i = 0; i < extractions.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            LabelExtraction extraction = extractions.get(i);
            out.append(extraction.label()).append('=').append(GoStringLiterals.quote(extraction.expression()));
        }
    }

    private static void appendNamedLabels(StringBuilder out, String prefix, List<NamedLabel> labels) {
        out.append(prefix);
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            LabelMatcher matcher = labels.get(i).matcher();
            out.append(matcher != null ? print(matcher) : labels.get(i).name());
        }
    }

    private static void appendLabelFilter(StringBuilder out, LabelFilter filter) {
        switch (filter) {
            case LabelFilter.And and -> {
                out.append("( ");
                appendLabelFilter(out, and.left());
                out.append(" , ");
                appendLabelFilter(out, and.right());
                out.append(" )");
            }
            case LabelFilter.Or or -> {
                out.append("( ");
                appendLabelFilter(out, or.left());
                out.append(" or ");
                appendLabelFilter(out, or.right());
                out.append(" )");
            }
            case LabelFilter.StringFilter string -> out.append(print(string.matcher()));
            case LabelFilter.NumericFilter numeric ->
                out.append(numeric.name())
                        .append(numeric.op().symbol())
                        .append(GoFloatFormat.formatShortest(numeric.value()));
            case LabelFilter.DurationFilter duration ->
                out.append(duration.name())
                        .append(duration.op().symbol())
                        .append(DurationSyntax.formatGo(duration.value()));
            case LabelFilter.BytesFilter bytes ->
                out.append(bytes.name()).append(bytes.op().symbol()).append(ByteSizeSyntax.format(bytes.value()));
            case LabelFilter.IpFilter ip ->
                out.append(ip.name())
                        .append(ip.negated() ? "!=" : "=")
                        .append("ip(")
                        .append(GoStringLiterals.quote(ip.pattern()))
                        .append(')');
        }
    }

    private static void appendRangeAggregation(StringBuilder out, RangeAggregationExpr range) {
        out.append(range.op().functionName()).append('(');
        Double parameter = range.parameter();
        if (parameter != null) {
            out.append(GoFloatFormat.formatShortest(parameter)).append(',');
        }
        LogRange logRange = range.range();
        appendLogSelector(out, logRange.selector());
        Unwrap unwrap = logRange.unwrap();
        if (unwrap != null) {
            out.append(" | unwrap ");
            if (unwrap.conversion() == Unwrap.Conversion.NONE) {
                out.append(unwrap.label());
            } else {
                out.append(unwrap.conversion().functionName())
                        .append('(')
                        .append(unwrap.label())
                        .append(')');
            }
            for (LabelFilter filter : unwrap.postFilters()) {
                out.append(" | ");
                appendLabelFilter(out, filter);
            }
        }
        out.append('[')
                .append(DurationSyntax.formatPrometheus(logRange.range()))
                .append(']');
        if (!logRange.offset().isZero()) {
            out.append(" offset ").append(DurationSyntax.formatGo(logRange.offset()));
        }
        out.append(')');
        Grouping grouping = range.grouping();
        if (grouping != null) {
            appendGrouping(out, grouping);
        }
    }

    private static void appendVectorAggregation(StringBuilder out, VectorAggregationExpr vector) {
        out.append(vector.op().functionName());
        if (!vector.grouping().isSingleton()) {
            appendGrouping(out, vector.grouping());
        }
        out.append('(');
        if (vector.op().takesParameter() || vector.parameter() != 0) {
            out.append(vector.parameter()).append(',');
        }
        appendExpr(out, vector.inner());
        out.append(')');
    }

    private static void appendGrouping(StringBuilder out, Grouping grouping) {
        out.append(grouping.without() ? " without (" : " by (")
                .append(String.join(",", grouping.labels()))
                .append(')');
    }

    private static void appendBinOp(StringBuilder out, BinOpExpr binOp) {
        StringBuilder op = new StringBuilder(binOp.op().symbol());
        if (binOp.returnBool()) {
            op.append(" bool");
        }
        VectorMatching matching = binOp.matching();
        String group = switch (matching.cardinality()) {
            case ONE_TO_ONE -> "";
            case MANY_TO_ONE -> "group_left";
            case ONE_TO_MANY -> "group_right";
        };
        if (!matching.include().isEmpty()) {
            group = group + " (" + String.join(",", matching.include()) + ")";
        }
        if (!matching.equals(VectorMatching.DEFAULT)) {
            // Loki's layout, including the double space it leaves when there is no group modifier.
            op.append(matching.on() ? " on (" : " ignoring (")
                    .append(String.join(",", matching.labels()))
                    .append(") ")
                    .append(group);
        }
        out.append('(');
        appendExpr(out, binOp.left());
        out.append(' ').append(op).append(' ');
        appendExpr(out, binOp.right());
        out.append(')');
    }
}
