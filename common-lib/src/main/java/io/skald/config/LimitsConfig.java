package io.skald.config;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code limits_config:} per-tenant limits; runtime overrides replace them tenant by tenant. */
public record LimitsConfig(
        String ingestionRateStrategy,
        double ingestionRateMb,
        double ingestionBurstSizeMb,
        int maxLabelNameLength,
        int maxLabelValueLength,
        int maxLabelNamesPerSeries,
        boolean rejectOldSamples,
        Duration rejectOldSamplesMaxAge,
        Duration creationGracePeriod,
        long maxLineSize,
        boolean maxLineSizeTruncate,
        int maxStreamsPerUser,
        int maxGlobalStreamsPerUser,
        long perStreamRateLimit,
        long perStreamRateLimitBurst,
        int maxEntriesLimitPerQuery,
        int maxQuerySeries,
        Duration maxQueryLength,
        int maxQueryParallelism,
        Duration queryTimeout,
        Duration splitQueriesByInterval,
        Duration maxCacheFreshnessPerQuery,
        int cardinalityLimit,
        Duration retentionPeriod,
        boolean allowStructuredMetadata,
        long maxStructuredMetadataSize,
        int maxStructuredMetadataEntriesCount,
        List<String> discoverServiceName,
        boolean discoverLogLevels,
        boolean volumeEnabled,
        long tsdbMaxBytesPerShard) {

    /** Loki's defaults. */
    public static LimitsConfig defaults() {
        return bind(ConfigReader.root(java.util.Map.of(), new ConfigReport()));
    }

    /**
     * Limits from a YAML section (one tenant of the runtime overrides file) laid over {@code defaults}: a key the
     * section sets wins, every other field keeps its value from {@code defaults}.
     *
     * @throws ConfigException when a key's value is malformed
     */
    public static LimitsConfig fromYaml(Map<String, Object> section, LimitsConfig defaults) {
        LimitsConfig read = bind(ConfigReader.root(section, new ConfigReport()));
        RecordComponent[] components = LimitsConfig.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                // Field names are the camel-case form of their YAML keys (ingestionRateMb <-> ingestion_rate_mb).
                LimitsConfig source = section.containsKey(yamlKey(components[i].getName())) ? read : defaults;
                values[i] = components[i].getAccessor().invoke(source);
                types[i] = components[i].getType();
            }
            return LimitsConfig.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot overlay limits", e);
        }
    }

    /** The YAML key of a record component: {@code maxLineSize} -> {@code max_line_size}. */
    static String yamlKey(String componentName) {
        StringBuilder key = new StringBuilder(componentName.length() + 8);
        for (int i = 0; i < componentName.length(); i++) {
            char c = componentName.charAt(i);
            if (Character.isUpperCase(c)) {
                key.append('_').append(Character.toLowerCase(c));
            } else {
                key.append(c);
            }
        }
        return key.toString().toLowerCase(Locale.ROOT);
    }

    static LimitsConfig bind(ConfigReader r) {
        ConfigReader p = r.pending();
        r.deprecated("enforce_metric_name");
        p.bool("metric_aggregation_enabled", false);
        p.bool("enable_multi_variant_queries", false);
        p.bool("unordered_writes", true);
        return new LimitsConfig(
                r.string("ingestion_rate_strategy", "global"),
                r.number("ingestion_rate_mb", 4),
                r.number("ingestion_burst_size_mb", 6),
                r.integer("max_label_name_length", 1024),
                r.integer("max_label_value_length", 2048),
                r.integer("max_label_names_per_series", 15),
                r.bool("reject_old_samples", true),
                r.duration("reject_old_samples_max_age", Duration.ofDays(7)),
                r.duration("creation_grace_period", Duration.ofMinutes(10)),
                r.bytes("max_line_size", 256_000),
                r.bool("max_line_size_truncate", false),
                r.integer("max_streams_per_user", 0),
                r.integer("max_global_streams_per_user", 5000),
                r.bytes("per_stream_rate_limit", 3_000_000),
                r.bytes("per_stream_rate_limit_burst", 15_000_000),
                r.integer("max_entries_limit_per_query", 5000),
                r.integer("max_query_series", 500),
                r.duration("max_query_length", Duration.ofHours(721)),
                r.integer("max_query_parallelism", 32),
                r.duration("query_timeout", Duration.ofMinutes(1)),
                r.duration("split_queries_by_interval", Duration.ofHours(1)),
                r.duration("max_cache_freshness_per_query", Duration.ofMinutes(10)),
                p.integer("cardinality_limit", 100_000),
                p.duration("retention_period", Duration.ZERO),
                r.bool("allow_structured_metadata", true),
                r.bytes("max_structured_metadata_size", 64 * 1024),
                r.integer("max_structured_metadata_entries_count", 128),
                r.strings(
                        "discover_service_name",
                        List.of(
                                "service",
                                "app",
                                "application",
                                "name",
                                "app_kubernetes_io_name",
                                "container",
                                "container_name",
                                "component",
                                "workload",
                                "job")),
                r.bool("discover_log_levels", true),
                p.bool("volume_enabled", true),
                // Loki's default, 600 MiB: the query frontend sizes a split's shard count from its index bytes.
                r.bytes("tsdb_max_bytes_per_shard", 600L << 20));
    }
}
