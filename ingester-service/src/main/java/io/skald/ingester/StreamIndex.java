package io.skald.ingester;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's in-memory inverted index, label name to value to streams, so equality matchers find their streams
 * without scanning every stream. Thread-safe (one lock; updates happen only when streams come and go).
 */
final class StreamIndex {
    private final Map<String, Map<String, Set<LogStream>>> postings = new HashMap<>();
    private final Set<LogStream> all = new HashSet<>();

    synchronized void add(LogStream stream) {
        all.add(stream);
        stream.labels()
                .forEach((name, value) -> postings.computeIfAbsent(name, n -> new HashMap<>())
                        .computeIfAbsent(value, v -> new HashSet<>())
                        .add(stream));
    }

    synchronized void remove(LogStream stream) {
        all.remove(stream);
        stream.labels().forEach((name, value) -> {
            Map<String, Set<LogStream>> values = postings.get(name);
            if (values == null) {
                return;
            }
            Set<LogStream> streams = values.get(value);
            if (streams != null) {
                streams.remove(stream);
                if (streams.isEmpty()) {
                    values.remove(value);
                }
            }
            if (values.isEmpty()) {
                postings.remove(name);
            }
        });
    }

    /** Streams whose labels satisfy every matcher; equality matchers with a value narrow the scan via postings. */
    synchronized List<LogStream> lookup(StreamMatchers selector) {
        @Nullable Set<LogStream> candidates = null;
        for (StreamMatchers.Matcher matcher : selector.matchers()) {
            if (matcher.type() != io.skald.proto.ingester.LabelMatcher.Type.EQ
                    || matcher.value().isEmpty()) {
                continue;
            }
            Set<LogStream> posting =
                    postings.getOrDefault(matcher.name(), Map.of()).getOrDefault(matcher.value(), Set.of());
            if (candidates == null) {
                candidates = new HashSet<>(posting);
            } else {
                candidates.retainAll(posting);
            }
        }
        List<LogStream> result = new ArrayList<>();
        for (LogStream stream : candidates == null ? all : candidates) {
            if (selector.matches(stream.labels())) {
                result.add(stream);
            }
        }
        return result;
    }

    /** Every label name, sorted. */
    synchronized List<String> names() {
        return List.copyOf(new TreeSet<>(postings.keySet()));
    }

    /** Every value of a label, sorted. */
    synchronized List<String> values(String name) {
        return List.copyOf(new TreeSet<>(postings.getOrDefault(name, Map.of()).keySet()));
    }

    /** Label names and values of the given streams, for answers scoped by matchers. */
    static List<String> names(List<LogStream> streams) {
        Set<String> names = new TreeSet<>();
        for (LogStream stream : streams) {
            names.addAll(stream.labels().names());
        }
        return List.copyOf(names);
    }

    static List<String> values(List<LogStream> streams, String name) {
        Set<String> values = new TreeSet<>();
        for (LogStream stream : streams) {
            Labels labels = stream.labels();
            String value = labels.get(name);
            if (value != null) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }
}
