package io.skald.querier.drilldown;

import io.skald.labels.Labels;
import io.skald.logql.log.ErrorLabels;
import io.skald.logql.log.JsonParser;
import io.skald.logql.log.LabelsBuilder;
import io.skald.logql.log.LogfmtParser;
import io.skald.logql.log.PipelineEntry;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Loki's field detection over sampled log lines (the answer of the request's log query, newest first, with labels
 * categorised): structured metadata are fields without parser; each line is parsed as JSON, else as logfmt (Loki's
 * order), and the labels that parser (or the query's own parsers) produced are fields of that parser. A field's type
 * is that of the last value seen ({@link FieldType}); its cardinality is the number of distinct values seen. At most
 * {@code limit} fields are tracked, first come first served.
 */
public final class DetectedFields {
    /** One detected field, as Loki reports it; {@code parsers} is null for structured metadata. */
    public record Field(
            String label,
            FieldType type,
            long cardinality,
            @Nullable List<String> parsers) {}

    private static final Set<String> ERROR_LABELS =
            Set.of(ErrorLabels.ERROR, ErrorLabels.ERROR_DETAILS, "__preserve_error__");

    private final int limit;
    private final Map<String, Tracked> fields = new LinkedHashMap<>();
    private final JsonParser json = new JsonParser();
    private final LogfmtParser logfmt = new LogfmtParser(false, false);

    public DetectedFields(int limit) {
        this.limit = limit;
    }

    /** Feeds every entry of the streams (stream labels only, entries with categorised labels). */
    public DetectedFields addAll(List<LogStream> streams) {
        for (LogStream stream : streams) {
            PipelineEntry entry = new PipelineEntry(new LabelsBuilder(stream.labels()));
            for (LogEntry e : stream.entries()) {
                add(entry, e);
            }
        }
        return this;
    }

    /** The fields found, by name. */
    public List<Field> fields() {
        List<Field> out = new ArrayList<>(fields.size());
        new TreeMap<>(fields)
                .forEach((name, tracked) -> out.add(new Field(
                        name,
                        tracked.type,
                        tracked.values.size(),
                        tracked.parsers.isEmpty() ? null : List.copyOf(tracked.parsers))));
        return out;
    }

    /**
     * The distinct values of one field in the entries (at most {@code limit}); parsed byte sizes in go-humanize's
     * canonical form ({@code 10KB} gives {@code 10kB}) so that they can be pasted into a query, as Loki does.
     */
    public static List<String> values(List<LogStream> streams, String name, int limit) {
        Set<String> values = new java.util.TreeSet<>();
        for (LogStream stream : streams) {
            PipelineEntry entry = new PipelineEntry(new LabelsBuilder(stream.labels()));
            for (LogEntry e : stream.entries()) {
                if (values.size() >= limit) {
                    return List.copyOf(values);
                }
                String metadata = e.structuredMetadata().get(name);
                if (metadata != null) {
                    values.add(metadata);
                }
                Parsed parsed = parse(entry, e, new JsonParser(), new LogfmtParser(false, false));
                for (String v : parsed.values.getOrDefault(name, Set.of())) {
                    long bytes = GoBytes.parse(v);
                    values.add(
                            bytes >= 0 && hasByteUnit(v) ? GoBytes.format(bytes).replaceFirst(" ", "") : v);
                }
            }
        }
        return List.copyOf(values);
    }

    private void add(PipelineEntry entry, LogEntry e) {
        Labels metadata = e.structuredMetadata();
        for (int i = 0; i < metadata.size(); i++) {
            Tracked field = track(metadata.name(i), List.of());
            if (field != null) {
                field.see(metadata.value(i));
            }
        }
        Parsed parsed = parse(entry, e, json, logfmt);
        parsed.values.forEach((name, values) -> {
            Tracked field = track(name, parsed.parsers);
            if (field == null) {
                return;
            }
            for (String parser : parsed.parsers) {
                if (!field.parsers.contains(parser)) {
                    field.parsers.add(parser);
                }
            }
            boolean first = true;
            for (String value : values) {
                if (first) {
                    field.type = FieldType.detect(value);
                    first = false;
                }
                field.values.add(value);
            }
        });
    }

    private @Nullable Tracked track(String name, List<String> parsers) {
        Tracked field = fields.get(name);
        if (field == null && fields.size() < limit) {
            field = new Tracked(parsers);
            fields.put(name, field);
        }
        return field;
    }

    /** The labels parsed from one entry: the query's own parsed labels, then JSON or else logfmt over the line. */
    private record Parsed(Map<String, Set<String>> values, List<String> parsers) {}

    private static Parsed parse(PipelineEntry entry, LogEntry e, JsonParser json, LogfmtParser logfmt) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        e.parsed().forEach((name, value) -> {
            if (!ERROR_LABELS.contains(name)) {
                values.computeIfAbsent(name, n -> new HashSet<>()).add(value);
            }
        });
        entry.reset(e.timestampNanos(), e.line());
        String parser = "json";
        json.process(entry);
        if (entry.labels().hasError()) {
            entry.reset(e.timestampNanos(), e.line());
            parser = "logfmt";
            logfmt.process(entry);
            if (entry.labels().hasError()) {
                return new Parsed(values, List.of());
            }
        }
        entry.labels().result().parsed().forEach((name, value) -> {
            if (!ERROR_LABELS.contains(name)) {
                values.computeIfAbsent(name, n -> new HashSet<>()).add(value);
            }
        });
        return new Parsed(values, List.of(parser));
    }

    /** Loki rewrites only values spelled with a byte unit (not bare numbers). */
    private static boolean hasByteUnit(String value) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        for (String unit : List.of(
                "b", "kib", "kb", "mib", "mb", "gib", "gb", "tib", "tb", "pib", "pb", "eib", "eb", "ki", "k", "mi", "m",
                "gi", "g", "ti", "t", "pi", "p", "ei", "e")) {
            if (lower.endsWith(unit)) {
                return true;
            }
        }
        return false;
    }

    /** A field being tracked: its latest type, distinct values and parsers. */
    private static final class Tracked {
        final List<String> parsers;
        final Set<String> values = new HashSet<>();
        FieldType type = FieldType.STRING;

        Tracked(List<String> parsers) {
            this.parsers = new ArrayList<>(parsers);
        }

        void see(String value) {
            type = FieldType.detect(value);
            values.add(value);
        }
    }
}
