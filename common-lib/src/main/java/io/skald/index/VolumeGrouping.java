package io.skald.index;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loki's {@code /index/volume} grouping of per-series bytes, shared by the index (flushed chunks) and the querier
 * (ingesters' unflushed chunks), so both group alike and their rows can be summed.
 *
 * <ul>
 *   <li>With {@code targetLabels}, an {@code =~".+"} matcher is added for each target the matchers do not name (so
 *       the series must have it), and series are grouped by their target labels only.
 *   <li>Without them, series are grouped by the labels the matchers name; with no matchers at all (Loki's {@code {}})
 *       by their full label set.
 *   <li>{@link VolumeAggregation#LABELS} instead adds each series' bytes to every label name it has (only the target
 *       labels when given).
 * </ul>
 *
 * Not thread-safe: one instance per query.
 */
public final class VolumeGrouping {
    private final List<String> targetLabels;
    private final VolumeAggregation aggregateBy;
    private final Set<String> groupLabels = new HashSet<>();
    private final List<Matcher> effectiveMatchers;
    private final boolean includeAll;
    private final Map<String, long[]> bytesByName = new HashMap<>();
    private final Map<String, Labels> labelsByName = new HashMap<>();
    private final StringBuilder text = new StringBuilder();

    public VolumeGrouping(List<Matcher> matchers, List<String> targetLabels, VolumeAggregation aggregateBy) {
        this.targetLabels = List.copyOf(targetLabels);
        this.aggregateBy = aggregateBy;
        List<Matcher> effective = new ArrayList<>(matchers);
        if (!targetLabels.isEmpty()) {
            groupLabels.addAll(targetLabels);
            Set<String> named = new HashSet<>();
            matchers.forEach(m -> named.add(m.name()));
            for (String target : new TreeSet<>(targetLabels)) {
                if (!named.contains(target)) {
                    effective.add(Matcher.re(target, ".+"));
                }
            }
            includeAll = false;
        } else {
            matchers.forEach(m -> groupLabels.add(m.name()));
            includeAll = matchers.isEmpty();
        }
        this.effectiveMatchers = List.copyOf(effective);
    }

    /** The matchers series must satisfy: the query's plus {@code =~".+"} for target labels it does not name. */
    public List<Matcher> effectiveMatchers() {
        return effectiveMatchers;
    }

    /** Adds one series' bytes to its group(s). */
    public void add(Labels series, long bytes) {
        switch (aggregateBy) {
            case SERIES -> {
                String key = includeAll ? series.toString() : reducedText(series);
                bytesByName.computeIfAbsent(key, n -> new long[1])[0] += bytes;
                labelsByName.computeIfAbsent(key, n -> includeAll ? series : reduce(series));
            }
            case LABELS -> {
                for (int i = 0; i < series.size(); i++) {
                    if (targetLabels.isEmpty() || groupLabels.contains(series.name(i))) {
                        bytesByName.computeIfAbsent(series.name(i), n -> new long[1])[0] += bytes;
                    }
                }
            }
        }
    }

    /** Adds rows already grouped the same way (another source's answer to the same query). */
    public void addGrouped(Collection<Volume> rows) {
        for (Volume row : rows) {
            bytesByName.computeIfAbsent(row.name(), n -> new long[1])[0] += row.bytes();
            if (!row.labels().isEmpty()) {
                labelsByName.putIfAbsent(row.name(), row.labels());
            }
        }
    }

    /**
     * The rows, largest first, ties by name, at most {@code limit} of them ({@link IndexReader#DEFAULT_VOLUME_LIMIT}
     * when {@code limit <= 0}).
     */
    public List<Volume> result(int limit) {
        List<Volume> out = new ArrayList<>(bytesByName.size());
        bytesByName.forEach(
                (name, bytes) -> out.add(new Volume(name, labelsByName.getOrDefault(name, Labels.EMPTY), bytes[0])));
        out.sort(Comparator.comparingLong(Volume::bytes).reversed().thenComparing(Volume::name));
        int max = limit <= 0 ? IndexReader.DEFAULT_VOLUME_LIMIT : limit;
        return out.size() > max ? List.copyOf(out.subList(0, max)) : List.copyOf(out);
    }

    /** {@code reduce(labels).toString()} without building the label set. */
    private String reducedText(Labels labels) {
        text.setLength(0);
        text.append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (groupLabels.contains(labels.name(i))) {
                if (text.length() > 1) {
                    text.append(", ");
                }
                text.append(labels.name(i)).append("=\"");
                Labels.appendEscaped(text, labels.value(i));
                text.append('"');
            }
        }
        return text.append('}').toString();
    }

    private Labels reduce(Labels labels) {
        Labels.Builder builder = Labels.builder();
        for (int i = 0; i < labels.size(); i++) {
            if (groupLabels.contains(labels.name(i))) {
                builder.set(labels.name(i), labels.value(i));
            }
        }
        return builder.build();
    }
}
