package io.skald.querier.drilldown;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Loki's {@code /detected_labels} relevance rule over the label values of the matching streams: a label is kept unless
 * it has no value or every value is an identifier (a number or a UUID) — two or fewer values that are all {@code 0}
 * or {@code 1} count as a flag and are kept; {@code cluster}, {@code namespace}, {@code instance} and {@code pod} are
 * always kept. Cardinality is the number of distinct values.
 */
public final class DetectedLabels {
    /** One reported label. */
    public record Label(String label, long cardinality) {}

    private static final Set<String> STATIC = Set.of("cluster", "namespace", "instance", "pod");
    private static final Pattern UUID =
            Pattern.compile("(?i)(urn:uuid:|\\{)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\\}?");

    private DetectedLabels() {}

    /** The labels to report, by name, from each label's distinct values. */
    public static List<Label> of(Map<String, ? extends Set<String>> valuesByLabel) {
        List<Label> out = new ArrayList<>();
        new TreeMap<>(valuesByLabel).forEach((name, values) -> {
            if ((STATIC.contains(name) && !values.isEmpty()) || !rejected(values)) {
                out.add(new Label(name, values.size()));
            }
        });
        return out;
    }

    private static boolean rejected(Set<String> values) {
        if (values.isEmpty()) {
            return true;
        }
        if (values.size() <= 2 && values.stream().allMatch(v -> v.equals("0") || v.equals("1"))) {
            return false;
        }
        return values.stream().allMatch(v -> FieldType.isFloat(v) || isUuid(v));
    }

    /** google/uuid's {@code Parse}: 36 characters with dashes, optionally {@code urn:uuid:} or braces, or 32 hex. */
    private static boolean isUuid(String value) {
        return switch (value.length()) {
            case 36, 45, 38, 32 -> UUID.matcher(value).matches() && dashesRight(value);
            default -> false;
        };
    }

    private static boolean dashesRight(String value) {
        String core = value;
        if (core.startsWith("urn:uuid:") || core.startsWith("URN:UUID:")) {
            core = core.substring(9);
        } else if (core.startsWith("{")) {
            core = core.substring(1, core.length() - 1);
        }
        if (core.length() == 32) {
            return core.indexOf('-') < 0;
        }
        return core.length() == 36
                && core.charAt(8) == '-'
                && core.charAt(13) == '-'
                && core.charAt(18) == '-'
                && core.charAt(23) == '-';
    }
}
