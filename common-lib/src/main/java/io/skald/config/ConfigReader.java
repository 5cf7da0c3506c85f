package io.skald.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads typed values from one section of a parsed Loki YAML document, recording each key it reads (with its
 * default) in a {@link ConfigReport}, so that whatever is left over can be reported rather than silently dropped.
 */
public final class ConfigReader {
    private final Map<String, Object> node;
    private final String path;
    private final ConfigReport report;
    private final Set<String> consumed;
    private final Map<String, List<ConfigReader>> children;
    private final boolean pending;

    private ConfigReader(
            Map<String, Object> node,
            String path,
            ConfigReport report,
            Set<String> consumed,
            Map<String, List<ConfigReader>> children,
            boolean pending) {
        this.node = node;
        this.path = path;
        this.report = report;
        this.consumed = consumed;
        this.children = children;
        this.pending = pending;
    }

    /** A reader over a whole document. */
    public static ConfigReader root(Map<String, Object> document, ConfigReport report) {
        return new ConfigReader(document, "", report, new LinkedHashSet<>(), new LinkedHashMap<>(), false);
    }

    /**
     * The same section, but keys read through the returned reader are reported as accepted and not yet in effect when
     * the file sets them.
     */
    public ConfigReader pending() {
        return new ConfigReader(node, path, report, consumed, children, true);
    }

    public String string(String key, String defaultValue) {
        Object raw = take(key);
        String value = raw == null ? defaultValue : String.valueOf(raw);
        record(key, raw, value, defaultValue);
        return value;
    }

    public int integer(String key, int defaultValue) {
        return Math.toIntExact(longValue(key, defaultValue));
    }

    public long longValue(String key, long defaultValue) {
        Object raw = take(key);
        long value;
        if (raw == null) {
            value = defaultValue;
        } else if (raw instanceof Number number) {
            value = number.longValue();
        } else {
            try {
                value = Long.parseLong(String.valueOf(raw).trim());
            } catch (NumberFormatException e) {
                throw invalid(key, raw, "an integer");
            }
        }
        record(key, raw, Long.toString(value), Long.toString(defaultValue));
        return value;
    }

    public double number(String key, double defaultValue) {
        Object raw = take(key);
        double value;
        if (raw == null) {
            value = defaultValue;
        } else if (raw instanceof Number number) {
            value = number.doubleValue();
        } else {
            try {
                value = Double.parseDouble(String.valueOf(raw).trim());
            } catch (NumberFormatException e) {
                throw invalid(key, raw, "a number");
            }
        }
        record(key, raw, formatNumber(value), formatNumber(defaultValue));
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        Object raw = take(key);
        boolean value;
        if (raw == null) {
            value = defaultValue;
        } else if (raw instanceof Boolean b) {
            value = b;
        } else {
            String text = String.valueOf(raw).trim();
            if (!text.equals("true") && !text.equals("false")) {
                throw invalid(key, raw, "true or false");
            }
            value = Boolean.parseBoolean(text);
        }
        record(key, raw, Boolean.toString(value), Boolean.toString(defaultValue));
        return value;
    }

    public Duration duration(String key, Duration defaultValue) {
        Object raw = take(key);
        Duration value;
        if (raw == null) {
            value = defaultValue;
        } else if (raw instanceof Number number) {
            // Loki rejects bare numbers except 0; a YAML integer here is a mistake unless it is zero.
            if (number.longValue() != 0) {
                throw invalid(key, raw, "a duration such as 30s or 1h");
            }
            value = Duration.ZERO;
        } else {
            try {
                value = Durations.parse(String.valueOf(raw));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(qualified(key) + ": " + e.getMessage());
            }
        }
        record(key, raw, Durations.format(value), Durations.format(defaultValue));
        return value;
    }

    /** A byte size: a bare integer is bytes, otherwise {@code 256kb}, {@code 5MB}, {@code 4GB}. */
    public long bytes(String key, long defaultValue) {
        Object raw = take(key);
        long value;
        if (raw == null) {
            value = defaultValue;
        } else if (raw instanceof Number number) {
            value = number.longValue();
        } else {
            try {
                value = ByteSizes.parse(String.valueOf(raw));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(qualified(key) + ": " + e.getMessage());
            }
        }
        record(key, raw, ByteSizes.format(value), ByteSizes.format(defaultValue));
        return value;
    }

    /** A list of strings; a single scalar counts as a one-element list. */
    public List<String> strings(String key, List<String> defaultValue) {
        Object raw = take(key);
        List<String> value;
        if (raw == null) {
            value = defaultValue;
        } else if (raw instanceof List<?> list) {
            value = list.stream().map(String::valueOf).toList();
        } else {
            value = List.of(String.valueOf(raw));
        }
        record(key, raw, value.toString(), defaultValue.toString());
        return value;
    }

    /** A nested section; missing sections read as empty so every default is still recorded. */
    public ConfigReader section(String key) {
        Object raw = take(key);
        Map<String, Object> child = raw == null ? Map.of() : asMap(key, raw);
        ConfigReader reader =
                new ConfigReader(child, qualified(key), report, new LinkedHashSet<>(), new LinkedHashMap<>(), pending);
        children.computeIfAbsent(key, k -> new ArrayList<>()).add(reader);
        return reader;
    }

    /** A list of sections, such as {@code schema_config.configs}. */
    public List<ConfigReader> sections(String key) {
        Object raw = take(key);
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw invalid(key, raw, "a list");
        }
        List<ConfigReader> readers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigReader reader = new ConfigReader(
                    asMap(key, list.get(i)),
                    qualified(key) + "[" + i + "]",
                    report,
                    new LinkedHashSet<>(),
                    new LinkedHashMap<>(),
                    pending);
            children.computeIfAbsent(key, k -> new ArrayList<>()).add(reader);
            readers.add(reader);
        }
        return readers;
    }

    /** A key Loki itself deprecated or removed: accepted, reported, otherwise ignored. */
    public void deprecated(String... keys) {
        for (String key : keys) {
            if (take(key) != null) {
                report.recordDeprecated(qualified(key));
            }
        }
    }

    /** Whether the file sets this key at all. */
    public boolean has(String key) {
        return node.containsKey(key);
    }

    /** Records every key of this section and its children that nothing read. Call once, on the root. */
    public void reportUnread() {
        for (String key : node.keySet()) {
            if (!consumed.contains(key)) {
                report.recordUnsupported(qualified(key));
            }
        }
        children.values().forEach(list -> list.forEach(ConfigReader::reportUnread));
    }

    private @Nullable Object take(String key) {
        consumed.add(key);
        return node.get(key);
    }

    private void record(String key, @Nullable Object raw, String value, String defaultValue) {
        report.recordValue(qualified(key), value, defaultValue);
        if (pending) {
            report.recordPendingKey(qualified(key));
        }
        if (pending && raw != null) {
            report.recordPending(qualified(key));
        }
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(String key, @Nullable Object raw) {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?>)) {
            throw invalid(key, raw, "a mapping");
        }
        return (Map<String, Object>) raw;
    }

    private ConfigException invalid(String key, Object raw, String expected) {
        return new ConfigException(qualified(key) + ": expected " + expected + ", got \"" + raw + "\"");
    }

    private static String formatNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
