package io.skald.push;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps OTLP logs to a push request with Loki's default OTLP mapping: the well-known resource attributes become stream
 * labels (names normalised as Prometheus' OTLP translator does, {@code k8s.pod.name} to {@code k8s_pod_name}), all other
 * resource, scope and log attributes become structured metadata, as do severity, trace and span ids and the scope's
 * name and version. {@code service_name} is discovered when the resource has no {@code service.name}.
 */
public final class OtlpMapper {
    /** Loki's default {@code index_label} resource attributes. */
    public static final List<String> INDEX_LABEL_ATTRIBUTES = List.of(
            "service.name",
            "service.namespace",
            "service.instance.id",
            "deployment.environment",
            "cloud.region",
            "cloud.availability_zone",
            "k8s.cluster.name",
            "k8s.namespace.name",
            "k8s.pod.name",
            "k8s.container.name",
            "container.name",
            "k8s.replicaset.name",
            "k8s.deployment.name",
            "k8s.statefulset.name",
            "k8s.daemonset.name",
            "k8s.cronjob.name",
            "k8s.job.name");

    private static final Set<String> INDEX_LABELS = Set.copyOf(INDEX_LABEL_ATTRIBUTES);
    private static final String SERVICE_NAME_ATTRIBUTE = "service.name";
    private static final String UNKNOWN_SERVICE = "unknown_service";

    private OtlpMapper() {}

    /**
     * Builds the push request; streams with the same labels are merged, in order of first appearance.
     *
     * @param discoverServiceName the tenant's {@code discover_service_name} list (empty disables discovery)
     * @param nowNanos the timestamp for records that carry neither time nor observed time
     */
    public static PushRequest toPushRequest(
            List<OtlpLogs.ResourceLogs> logs, List<String> discoverServiceName, long nowNanos) {
        Map<String, List<PushEntry>> streams = new LinkedHashMap<>();
        for (OtlpLogs.ResourceLogs resourceLogs : logs) {
            Labels.Builder labels = Labels.builder();
            List<MetadataPair> resourceMetadata = new ArrayList<>();
            boolean hasServiceName = false;
            for (OtlpLogs.Attribute attribute : resourceLogs.resourceAttributes()) {
                if (attribute.key().equals(SERVICE_NAME_ATTRIBUTE)
                        && !attribute.value().asString().isEmpty()) {
                    hasServiceName = true;
                }
            }
            for (OtlpLogs.Attribute attribute : resourceLogs.resourceAttributes()) {
                List<MetadataPair> flattened = flatten(attribute.key(), attribute.value(), "");
                if (INDEX_LABELS.contains(attribute.key())) {
                    for (MetadataPair label : flattened) {
                        labels.set(label.name(), label.value());
                        if (!hasServiceName
                                && !discoverServiceName.isEmpty()
                                && discoverServiceName.contains(label.name())) {
                            labels.set(PushValidator.SERVICE_NAME, label.value());
                            hasServiceName = true;
                        }
                    }
                } else {
                    resourceMetadata.addAll(flattened);
                }
            }
            if (!hasServiceName && !discoverServiceName.isEmpty()) {
                labels.set(PushValidator.SERVICE_NAME, UNKNOWN_SERVICE);
            }
            List<PushEntry> entries = streams.computeIfAbsent(labels.build().toString(), k -> new ArrayList<>());
            for (OtlpLogs.ScopeLogs scope : resourceLogs.scopeLogs()) {
                List<MetadataPair> scopeMetadata = scopeMetadata(scope);
                for (OtlpLogs.LogRecord record : scope.logRecords()) {
                    entries.add(toEntry(record, resourceMetadata, scopeMetadata, nowNanos));
                }
            }
        }
        List<PushStream> result = new ArrayList<>(streams.size());
        streams.forEach((labels, entries) -> {
            if (!entries.isEmpty()) {
                result.add(new PushStream(labels, entries));
            }
        });
        return new PushRequest(result);
    }

    private static List<MetadataPair> scopeMetadata(OtlpLogs.ScopeLogs scope) {
        List<MetadataPair> metadata = new ArrayList<>();
        for (OtlpLogs.Attribute attribute : scope.attributes()) {
            metadata.addAll(flatten(attribute.key(), attribute.value(), ""));
        }
        if (!scope.name().isEmpty()) {
            metadata.add(new MetadataPair("scope_name", scope.name()));
        }
        if (!scope.version().isEmpty()) {
            metadata.add(new MetadataPair("scope_version", scope.version()));
        }
        if (scope.droppedAttributesCount() != 0) {
            metadata.add(new MetadataPair(
                    "scope_dropped_attributes_count", Integer.toUnsignedString(scope.droppedAttributesCount())));
        }
        return metadata;
    }

    private static PushEntry toEntry(
            OtlpLogs.LogRecord record,
            List<MetadataPair> resourceMetadata,
            List<MetadataPair> scopeMetadata,
            long nowNanos) {
        List<MetadataPair> metadata =
                new ArrayList<>(record.attributes().size() + 7 + resourceMetadata.size() + scopeMetadata.size());
        for (OtlpLogs.Attribute attribute : record.attributes()) {
            metadata.addAll(flatten(attribute.key(), attribute.value(), ""));
        }
        if (record.timeUnixNano() != 0 && record.observedTimeUnixNano() != 0) {
            metadata.add(new MetadataPair("observed_timestamp", Long.toUnsignedString(record.observedTimeUnixNano())));
        }
        if (record.severityNumber() != 0) {
            metadata.add(new MetadataPair("severity_number", Integer.toString(record.severityNumber())));
        }
        if (!record.severityText().isEmpty()) {
            metadata.add(new MetadataPair("severity_text", record.severityText()));
        }
        if (record.droppedAttributesCount() != 0) {
            metadata.add(new MetadataPair(
                    "dropped_attributes_count", Integer.toUnsignedString(record.droppedAttributesCount())));
        }
        if (record.flags() != 0) {
            metadata.add(new MetadataPair("flags", Integer.toUnsignedString(record.flags())));
        }
        byte[] traceId = record.traceId();
        if (!isEmptyId(traceId)) {
            metadata.add(new MetadataPair("trace_id", HexFormat.of().formatHex(traceId)));
        }
        byte[] spanId = record.spanId();
        if (!isEmptyId(spanId)) {
            metadata.add(new MetadataPair("span_id", HexFormat.of().formatHex(spanId)));
        }
        metadata.addAll(resourceMetadata);
        metadata.addAll(scopeMetadata);
        long timestamp = record.timeUnixNano() != 0
                ? record.timeUnixNano()
                : record.observedTimeUnixNano() != 0 ? record.observedTimeUnixNano() : nowNanos;
        return new PushEntry(timestamp, record.body().asString(), metadata);
    }

    /** An attribute as name/value pairs; map values flatten into {@code parent_child} names. */
    static List<MetadataPair> flatten(String key, OtlpLogs.Value value, String prefix) {
        String name = normalizeLabel(prefix.isEmpty() ? key : prefix + "_" + key);
        if (value instanceof OtlpLogs.Value.KvList map) {
            List<MetadataPair> pairs = new ArrayList<>(map.values().size());
            for (OtlpLogs.Attribute attribute : map.values()) {
                pairs.addAll(flatten(attribute.key(), attribute.value(), name));
            }
            return pairs;
        }
        return List.of(new MetadataPair(name, value.asString()));
    }

    /** Prometheus' OTLP {@code NormalizeLabel}: non letters/digits become {@code _}; fix a leading digit or {@code _}. */
    static String normalizeLabel(String label) {
        if (label.isEmpty()) {
            return label;
        }
        StringBuilder out = new StringBuilder(label.length() + 4);
        label.codePoints().forEach(cp -> {
            if (Character.isLetter(cp) || Character.isDigit(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append('_');
            }
        });
        String sanitized = out.toString();
        if (Character.isDigit(sanitized.codePointAt(0))) {
            return "key_" + sanitized;
        }
        if (sanitized.startsWith("_") && !sanitized.startsWith("__")) {
            return "key" + sanitized;
        }
        return sanitized;
    }

    private static boolean isEmptyId(byte[] id) {
        for (byte b : id) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
