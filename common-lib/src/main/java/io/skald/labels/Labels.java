package io.skald.labels;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An immutable label set sorted by name, as Loki keys streams: {@code {app="api", env="prod"}}. Names are unique;
 * {@link #toString()} prints Loki's canonical stream form, which is also what {@link #hash()} covers.
 */
public final class Labels implements Comparable<Labels> {
    public static final Labels EMPTY = new Labels(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;
    private @Nullable String text;
    private long hash;

    private Labels(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** Builds from name/value pairs: {@code Labels.of("app", "api", "env", "prod")}. Later duplicates win. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels need name/value pairs");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.set(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    public static Labels fromMap(Map<String, String> map) {
        Builder builder = builder();
        map.forEach(builder::set);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public String name(int index) {
        return names[index];
    }

    public String value(int index) {
        return values[index];
    }

    /** The value of a label, or null when absent. */
    public @Nullable String get(String name) {
        int index = Arrays.binarySearch(names, name);
        return index >= 0 ? values[index] : null;
    }

    public boolean has(String name) {
        return Arrays.binarySearch(names, name) >= 0;
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    public List<String> names() {
        return List.of(names);
    }

    /** A builder holding these labels, to add or remove some. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        for (int i = 0; i < names.length; i++) {
            builder.set(names[i], values[i]);
        }
        return builder;
    }

    /** 64-bit FNV-1a over the canonical text: the stream fingerprint, stable across processes and versions. */
    public long hash() {
        long h = hash;
        if (h == 0) {
            h = 0xcbf29ce484222325L;
            for (byte b : toString().getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    /** Loki's stream form: {@code {a="1", b="2"}} with Go-style escaping of quotes, backslashes and newlines. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            StringBuilder out = new StringBuilder(names.length * 16 + 2).append('{');
            for (int i = 0; i < names.length; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(names[i]).append("=\"");
                appendEscaped(out, values[i]);
                out.append('"');
            }
            t = out.append('}').toString();
            text = t;
        }
        return t;
    }

    /** Appends a Go-quoted string body ({@code strconv.Quote} without the quotes) for printable text. */
    public static void appendEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Labels that && Arrays.equals(names, that.names) && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash());
    }

    /** Orders like Prometheus' {@code labels.Compare}: label by label, name then value, shorter first. */
    @Override
    public int compareTo(Labels other) {
        int n = Math.min(names.length, other.names.length);
        for (int i = 0; i < n; i++) {
            int c = names[i].compareTo(other.names[i]);
            if (c != 0) {
                return c;
            }
            c = values[i].compareTo(other.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(names.length, other.names.length);
    }

    /** Collects labels in any order; {@link #build()} sorts them. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        private Builder() {}

        /** Sets (or replaces) a label. */
        public Builder set(String name, String value) {
            int index = names.indexOf(name);
            if (index >= 0) {
                values.set(index, value);
            } else {
                names.add(name);
                values.add(value);
            }
            return this;
        }

        public Builder remove(String name) {
            int index = names.indexOf(name);
            if (index >= 0) {
                names.remove(index);
                values.remove(index);
            }
            return this;
        }

        public @Nullable String get(String name) {
            int index = names.indexOf(name);
            return index >= 0 ? values.get(index) : null;
        }

        public Labels build() {
            int n = names.size();
            if (n == 0) {
                return EMPTY;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
            String[] sortedNames = new String[n];
            String[] sortedValues = new String[n];
            for (int i = 0; i < n; i++) {
                sortedNames[i] = names.get(order[i]);
                sortedValues[i] = values.get(order[i]);
            }
            return new Labels(sortedNames, sortedValues);
        }
    }
}
