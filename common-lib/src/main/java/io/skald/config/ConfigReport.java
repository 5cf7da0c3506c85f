package io.skald.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What binding a Loki config file found: every supported key with its effective and default value, and the keys Skald
 * ignores (unknown to Skald, deprecated in Loki, or accepted but not yet in effect).
 */
public final class ConfigReport {
    private final Map<String, String> effective = new LinkedHashMap<>();
    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final List<String> unsupported = new ArrayList<>();
    private final List<String> deprecated = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private final java.util.Set<String> pendingKeys = new java.util.LinkedHashSet<>();

    void recordValue(String path, String effectiveValue, String defaultValue) {
        effective.put(path, effectiveValue);
        defaults.put(path, defaultValue);
    }

    void recordUnsupported(String path) {
        unsupported.add(path);
    }

    void recordDeprecated(String path) {
        deprecated.add(path);
    }

    void recordPending(String path) {
        pending.add(path);
    }

    void recordPendingKey(String path) {
        pendingKeys.add(path);
    }

    /** Whether Skald binds this key but does not act on it yet, whether or not the file sets it. */
    public boolean isPending(String path) {
        return pendingKeys.contains(path);
    }

    /** Supported keys (dotted YAML paths) with their effective values, in binding order. */
    public Map<String, String> effective() {
        return Collections.unmodifiableMap(effective);
    }

    /** Supported keys with their defaults. */
    public Map<String, String> defaults() {
        return Collections.unmodifiableMap(defaults);
    }

    /** Keys whose effective value differs from the default. */
    public Map<String, String> diffs() {
        Map<String, String> diffs = new LinkedHashMap<>();
        effective.forEach((key, value) -> {
            if (!value.equals(defaults.get(key))) {
                diffs.put(key, value);
            }
        });
        return diffs;
    }

    /** Keys present in the file that Skald does not know. */
    public List<String> unsupported() {
        return List.copyOf(unsupported);
    }

    /** Keys present in the file that Loki itself deprecated or removed. */
    public List<String> deprecated() {
        return List.copyOf(deprecated);
    }

    /** Keys present in the file that Skald binds but whose feature is not in effect yet. */
    public List<String> pending() {
        return List.copyOf(pending);
    }

    /** One human line per ignored key, for the start-up warning and {@code /config}. */
    public List<String> ignoredKeyLines() {
        List<String> lines = new ArrayList<>();
        unsupported.forEach(k -> lines.add(k + " (not implemented by Skald, ignored)"));
        deprecated.forEach(k -> lines.add(k + " (deprecated in Loki, ignored)"));
        pending.forEach(k -> lines.add(k + " (accepted, not in effect yet)"));
        return lines;
    }
}
