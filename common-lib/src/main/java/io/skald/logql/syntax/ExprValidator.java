package io.skald.logql.syntax;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks Loki makes once a query has parsed: every selector needs a matcher that rejects the empty value, sort
 * takes no grouping, and the pipeline stages must build (regexes compile, templates are closed). Messages are Loki's.
 */
final class ExprValidator {
    private static final String EMPTY_COMPATIBLE_SELECTOR = "queries require at least one regexp or equality matcher"
            + " that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement,"
            + " but app=~\".+\" will";
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private ExprValidator() {}

    /**
     * Validates a parsed query in Loki's order: the tree top-down and left to right (errors the parser kept in
     * {@code deferred}, sort grouping, selector matchers), then the pipeline stages of every selector.
     */
    static void validate(Expr expr, IdentityHashMap<SampleExpr, LogqlParseException> deferred) {
        List<LogSelectorExpr> selectors = new ArrayList<>();
        switch (expr) {
            case LogSelectorExpr selector -> {
                validateMatchers(selector.matchers());
                selectors.add(selector);
            }
            case SampleExpr sample -> validateSample(sample, deferred, selectors);
        }
        for (LogSelectorExpr selector : selectors) {
            validateStages(selector.stages());
        }
    }

    private static void validateSample(
            SampleExpr expr,
            IdentityHashMap<SampleExpr, LogqlParseException> deferred,
            List<LogSelectorExpr> selectors) {
        LogqlParseException error = deferred.get(expr);
        if (error != null) {
            throw error;
        }
        switch (expr) {
            case RangeAggregationExpr range -> {
                validateMatchers(range.range().selector().matchers());
                selectors.add(range.range().selector());
            }
            case VectorAggregationExpr vector -> {
                if ((vector.op() == VectorOp.SORT || vector.op() == VectorOp.SORT_DESC)
                        && !vector.grouping().labels().isEmpty()) {
                    throw LogqlParseException.unpositioned("sort and sort_desc doesn't allow grouping by ");
                }
                validateSample(vector.inner(), deferred, selectors);
            }
            case BinOpExpr binOp -> {
                validateSample(binOp.left(), deferred, selectors);
                validateSample(binOp.right(), deferred, selectors);
            }
            case LabelReplaceExpr replace -> validateSample(replace.inner(), deferred, selectors);
            case LiteralExpr literal -> {
                // nothing to check
            }
            case VectorExpr vector -> {
                // nothing to check
            }
        }
    }

    /** A selector must not match every stream: at least one matcher must reject the empty value. */
    private static void validateMatchers(List<LabelMatcher> matchers) {
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches("")) {
                return;
            }
        }
        throw LogqlParseException.unpositioned(EMPTY_COMPATIBLE_SELECTOR);
    }

    /**
     * Loki builds the pipeline after parsing and reports a failing stage as {@code stage '<stage>' : <error>}. It
     * first moves line filters ahead of the stages around them (never past a label filter, line_format or unpack) and
     * merges each run of them into one stage, which it checks right to left; the checks here follow that order.
     */
    private static void validateStages(List<PipelineStage> stages) {
        List<List<PipelineStage.LineFilter>> groups = new ArrayList<>();
        List<PipelineStage> order = new ArrayList<>();
        List<PipelineStage.LineFilter> lineFilters = new ArrayList<>();
        List<PipelineStage> others = new ArrayList<>();
        for (PipelineStage stage : stages) {
            switch (stage) {
                case PipelineStage.LineFilter filter -> lineFilters.add(filter);
                case PipelineStage.LabelFilterStage filter -> {
                    flush(lineFilters, others, groups, order);
                    order.add(stage);
                }
                case PipelineStage.LineFormat format -> {
                    others.add(stage);
                    flush(lineFilters, others, groups, order);
                }
                case PipelineStage.UnpackParser unpack -> {
                    others.add(stage);
                    flush(lineFilters, others, groups, order);
                }
                default -> others.add(stage);
            }
        }
        flush(lineFilters, others, groups, order);
        int group = 0;
        for (PipelineStage stage : order) {
            switch (stage) {
                case PipelineStage.LineFilter marker -> checkLineFilters(groups.get(group++));
                case PipelineStage.LineFormat format -> {
                    String error = GoTemplateCheck.check(format.template(), "line");
                    if (error != null) {
                        throw stageError(LogqlPrinter.print(stage), "invalid line template: " + error);
                    }
                }
                case PipelineStage.LabelFormat format -> checkLabelFormat(format);
                case PipelineStage.LabelFilterStage filter -> {
                    // Loki checks the pattern only when the ip() filter is the whole stage.
                    if (filter.filter() instanceof LabelFilter.IpFilter ip) {
                        checkIpPattern(LogqlPrinter.print(stage), ip.pattern());
                    }
                }
                default -> {
                    // parsers, drop, keep, decolorize: nothing to build-check
                }
            }
        }
    }

    /** Appends the pending line filters (as one group, marked by its first filter) and then the other stages. */
    private static void flush(
            List<PipelineStage.LineFilter> lineFilters,
            List<PipelineStage> others,
            List<List<PipelineStage.LineFilter>> groups,
            List<PipelineStage> order) {
        if (!lineFilters.isEmpty()) {
            groups.add(List.copyOf(lineFilters));
            order.add(lineFilters.get(0));
        }
        order.addAll(others);
        lineFilters.clear();
        others.clear();
    }

    private static void checkLineFilters(List<PipelineStage.LineFilter> group) {
        for (int i = group.size() - 1; i >= 0; i--) {
            String error = lineFilterError(group.get(i));
            if (error != null) {
                StringBuilder text = new StringBuilder();
                for (PipelineStage.LineFilter member : group) {
                    if (!text.isEmpty()) {
                        text.append(' ');
                    }
                    text.append(LogqlPrinter.print(member));
                }
                throw stageError(text.toString(), error);
            }
        }
    }

    private static @Nullable String lineFilterError(PipelineStage.LineFilter filter) {
        boolean regex = filter.op() == LineFilterOp.MATCHES_REGEX || filter.op() == LineFilterOp.NOT_MATCHES_REGEX;
        // Loki builds an or-chain from the plain values only, so ip() is checked on single filters alone.
        if (filter.terms().size() == 1 && filter.terms().get(0).ip()) {
            if (filter.op() != LineFilterOp.CONTAINS && filter.op() != LineFilterOp.NOT_CONTAINS) {
                return "ip: invalid operation";
            }
            try {
                IpPattern.parse(filter.terms().get(0).value());
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        if (regex) {
            for (PipelineStage.LineFilterTerm term : filter.terms()) {
                String error = Re2.validate(term.value());
                if (error != null) {
                    return error;
                }
            }
        }
        return null;
    }

    private static void checkIpPattern(String stage, String pattern) {
        try {
            IpPattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw stageError(stage, e.getMessage());
        }
    }

    private static void checkLabelFormat(PipelineStage.LabelFormat format) {
        Set<String> names = new HashSet<>();
        for (PipelineStage.LabelFormatRule rule : format.rules()) {
            if (!names.add(rule.name())) {
                throw stageError(
                        LogqlPrinter.print(format), "multiple label name '" + rule.name() + "' appears in formatting");
            }
            if (!rule.rename()) {
                String error = GoTemplateCheck.check(rule.value(), "label");
                if (error != null) {
                    throw stageError(
                            LogqlPrinter.print(format),
                            "invalid label template for label '" + rule.name() + "': " + error);
                }
            }
        }
    }

    private static LogqlParseException stageError(String stage, String error) {
        return LogqlParseException.unpositioned("stage '" + stage + "' : " + error);
    }

    /** {@code | regexp "..."}: must compile and have only named, distinct, valid capture groups. */
    static void checkRegexpParser(String regex) {
        String error = Re2.validate(regex);
        if (error != null) {
            throw LogqlParseException.unpositioned("invalid regexp parser: " + error);
        }
        List<String> names = Re2.translate(regex).groupNames();
        if (names.isEmpty()) {
            throw LogqlParseException.unpositioned(
                    "invalid regexp parser: at least one named capture must be supplied");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!LABEL_NAME.matcher(name).matches()) {
                throw LogqlParseException.unpositioned(
                        "invalid regexp parser: invalid extracted label name '" + name + "'");
            }
            if (!seen.add(name)) {
                throw LogqlParseException.unpositioned(
                        "invalid regexp parser: duplicate extracted label name '" + name + "'");
            }
        }
    }

    /** {@code | pattern "..."}: needs a named capture, no two captures in a row, no duplicate names. */
    static void checkPatternParser(String pattern) {
        List<String> nodes = PatternSyntax.parse(pattern);
        List<String> captures = new ArrayList<>();
        for (String node : nodes) {
            if (PatternSyntax.isCapture(node) && !node.equals("<_>")) {
                captures.add(node.substring(1, node.length() - 1));
            }
        }
        if (captures.isEmpty()) {
            throw LogqlParseException.unpositioned("invalid pattern parser: at least one capture is required");
        }
        for (int i = 0; i + 1 < nodes.size(); i += 2) {
            if (PatternSyntax.isCapture(nodes.get(i)) && PatternSyntax.isCapture(nodes.get(i + 1))) {
                throw LogqlParseException.unpositioned(
                        "invalid pattern parser: found consecutive capture: invalid expression");
            }
        }
        Set<String> seen = new HashSet<>();
        for (String capture : captures) {
            if (!seen.add(capture)) {
                throw LogqlParseException.unpositioned(
                        "invalid pattern parser: duplicate capture name (" + capture + "): invalid expression");
            }
        }
    }
}
