package io.skald.logql.log;

import io.skald.logql.log.golang.GoDuration;
import io.skald.logql.log.golang.GoFloat;
import io.skald.logql.log.golang.GoSyntaxException;
import io.skald.logql.log.golang.HumanBytes;
import java.nio.charset.StandardCharsets;

/**
 * A label filter stage ({@code | status >= 500}, {@code | level="error" or level="warn"}). Typed filters drop entries
 * lacking the label; a value that does not convert keeps the entry and sets {@code __error__="LabelFilterErr"} with Go's
 * conversion message (unless an error is already set), exactly as Loki does. {@code and} evaluates both sides.
 */
public sealed interface LabelFilter extends Stage {

    /** {@code name = "v"}, {@code != =~ !~}: an absent label compares as empty; {@code __error__} reads the error. */
    static LabelFilter string(MatchType type, String name, String value) {
        return new StringFilter(LabelMatcher.of(type, name, value));
    }

    /** {@code name > 1.5}: the value parsed as a Go float. */
    static LabelFilter number(Comparison comparison, String name, double value) {
        return new NumberFilter(comparison, name, value);
    }

    /** {@code name > 250ms}: the value parsed as a Go duration; {@code nanos} is the literal. */
    static LabelFilter duration(Comparison comparison, String name, long nanos) {
        return new DurationFilter(comparison, name, nanos);
    }

    /** {@code name > 20MB}: the value parsed as a humanized byte size; {@code bytes} is the literal. */
    static LabelFilter bytes(Comparison comparison, String name, long bytes) {
        return new BytesFilter(comparison, name, bytes);
    }

    /** {@code name = ip("10.0.0.0/8")} (or {@code !=}). */
    static LabelFilter ip(String name, boolean equal, String pattern) {
        return new IpFilter(name, equal, IpMatcher.parse(pattern));
    }

    static LabelFilter and(LabelFilter left, LabelFilter right) {
        return new Binary(left, right, true);
    }

    static LabelFilter or(LabelFilter left, LabelFilter right) {
        return new Binary(left, right, false);
    }

    /** String comparison. */
    record StringFilter(LabelMatcher matcher) implements LabelFilter {
        @Override
        public boolean process(PipelineEntry entry) {
            LabelsBuilder labels = entry.labels();
            String name = matcher.name();
            String value;
            if (name.equals(ErrorLabels.ERROR)) {
                value = labels.error();
            } else if (name.equals(ErrorLabels.ERROR_DETAILS)) {
                value = labels.errorDetails();
            } else {
                String found = labels.get(name);
                value = found == null ? "" : found;
            }
            return matcher.matches(value);
        }
    }

    /** Numeric comparison. */
    record NumberFilter(Comparison comparison, String name, double value) implements LabelFilter {
        @Override
        public boolean process(PipelineEntry entry) {
            LabelsBuilder labels = entry.labels();
            String found = labels.get(name);
            if (found == null) {
                return false;
            }
            try {
                return comparison.test(GoFloat.parse(found), value);
            } catch (GoSyntaxException e) {
                return conversionError(labels, e);
            }
        }
    }

    /** Duration comparison. */
    record DurationFilter(Comparison comparison, String name, long nanos) implements LabelFilter {
        @Override
        public boolean process(PipelineEntry entry) {
            LabelsBuilder labels = entry.labels();
            String found = labels.get(name);
            if (found == null) {
                return false;
            }
            try {
                return comparison.test(GoDuration.parse(found), nanos);
            } catch (GoSyntaxException e) {
                return conversionError(labels, e);
            }
        }
    }

    /** Byte-size comparison (unsigned). */
    record BytesFilter(Comparison comparison, String name, long bytes) implements LabelFilter {
        @Override
        public boolean process(PipelineEntry entry) {
            LabelsBuilder labels = entry.labels();
            String found = labels.get(name);
            if (found == null) {
                return false;
            }
            try {
                long parsed = HumanBytes.parse(found);
                return comparison.test(Long.compareUnsigned(parsed, bytes), 0L);
            } catch (GoSyntaxException e) {
                return conversionError(labels, e);
            }
        }
    }

    /** Address-range test of a label value. */
    record IpFilter(String name, boolean equal, IpMatcher matcher) implements LabelFilter {
        @Override
        public boolean process(PipelineEntry entry) {
            LabelsBuilder labels = entry.labels();
            if (labels.hasError()) {
                return true;
            }
            String found = labels.get(name);
            if (found == null) {
                return false;
            }
            boolean matches = matcher.matchesAnywhere(found.getBytes(StandardCharsets.UTF_8));
            return equal == matches;
        }
    }

    /** {@code and} (both sides always run) / {@code or} (short-circuits). */
    record Binary(LabelFilter left, LabelFilter right, boolean and) implements LabelFilter {
        @Override
        public boolean process(PipelineEntry entry) {
            boolean leftOk = left.process(entry);
            if (!and && leftOk) {
                return true;
            }
            boolean rightOk = right.process(entry);
            return and ? leftOk && rightOk : rightOk;
        }
    }

    private static boolean conversionError(LabelsBuilder labels, GoSyntaxException e) {
        if (!labels.hasError()) {
            labels.setError(ErrorLabels.LABEL_FILTER);
            labels.setErrorDetails(e.getMessage());
        }
        return true;
    }
}
