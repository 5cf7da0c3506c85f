package io.skald.logql.syntax;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One stage of a log pipeline, in the order the query names it. */
public sealed interface PipelineStage {

    /**
     * A line filter {@code |= "a" or "b"}: the line passes when any term matches (for the negated operators there
     * is always exactly one term, since Loki splits their {@code or} chains into separate stages).
     */
    record LineFilter(LineFilterOp op, List<LineFilterTerm> terms) implements PipelineStage {
        public LineFilter {
            terms = List.copyOf(terms);
            if (terms.isEmpty()) {
                throw new IllegalArgumentException("a line filter needs a term");
            }
        }
    }

    /** One alternative of a line filter: a literal, regex or pattern, or {@code ip("cidr")}. */
    record LineFilterTerm(String value, boolean ip) {}

    /** {@code | logfmt [--strict] [--keep-empty] [a, b="c"]}; no extractions means "extract every key". */
    record LogfmtParser(boolean strict, boolean keepEmpty, List<LabelExtraction> extractions) implements PipelineStage {
        public LogfmtParser {
            extractions = List.copyOf(extractions);
        }
    }

    /** {@code | json [a="x.y", b]}; no extractions means "extract every field". */
    record JsonParser(List<LabelExtraction> extractions) implements PipelineStage {
        public JsonParser {
            extractions = List.copyOf(extractions);
        }
    }

    /** {@code | regexp "(?P<name>re)"}: named groups become labels. */
    record RegexpParser(String regex) implements PipelineStage {}

    /** {@code | pattern "<ip> - <_>"}. */
    record PatternParser(String pattern) implements PipelineStage {}

    /** {@code | unpack}: the JSON keys become labels and {@code _entry} the line. */
    record UnpackParser() implements PipelineStage {}

    /** {@code | <label filter>}. */
    record LabelFilterStage(LabelFilter filter) implements PipelineStage {}

    /** {@code | line_format "template"}. */
    record LineFormat(String template) implements PipelineStage {}

    /** {@code | label_format a="template", b=c}. */
    record LabelFormat(List<LabelFormatRule> rules) implements PipelineStage {
        public LabelFormat {
            rules = List.copyOf(rules);
        }
    }

    /** {@code | drop a, b="v"}. */
    record DropLabels(List<NamedLabel> labels) implements PipelineStage {
        public DropLabels {
            labels = List.copyOf(labels);
        }
    }

    /** {@code | keep a, b="v"}. */
    record KeepLabels(List<NamedLabel> labels) implements PipelineStage {
        public KeepLabels {
            labels = List.copyOf(labels);
        }
    }

    /** {@code | decolorize}: strips ANSI colour codes from the line. */
    record Decolorize() implements PipelineStage {}

    /** {@code label="expression"} in json/logfmt: {@code label} gets the value at {@code expression}. */
    record LabelExtraction(String label, String expression) {}

    /** {@code name=other} (rename: {@code rename} is true, value is the source label) or {@code name="template"}. */
    record LabelFormatRule(String name, String value, boolean rename) {}

    /** A drop/keep item: a bare label {@code name} (matcher null) or a matcher {@code name="v"}. */
    record NamedLabel(String name, @Nullable LabelMatcher matcher) {}
}
