package io.skald.helm;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** A values file the chart is rendered with, and what the rendering must then contain. */
// The collections are Set.of/List.of, so immutable; Error Prone cannot see that through the interface types.
@SuppressWarnings("ImmutableEnumChecker")
enum ChartProfile {
    DEFAULT(
            null,
            Set.of(Component.values()),
            true,
            3,
            "filesystem",
            List.of(),
            Set.of(),
            false,
            Set.of(Component.INGESTER, Component.COMPACTOR, Component.INDEX_GATEWAY)),
    PRODUCTION(
            "production-values.yaml",
            Set.of(Component.values()),
            true,
            3,
            "s3",
            List.of("zone-a", "zone-b", "zone-c"),
            Set.of(Component.DISTRIBUTOR, Component.QUERIER),
            true,
            Set.of(Component.INGESTER, Component.COMPACTOR, Component.INDEX_GATEWAY)),
    MINIMAL(
            "minimal-values.yaml",
            Set.of(
                    Component.DISTRIBUTOR,
                    Component.INGESTER,
                    Component.QUERIER,
                    Component.QUERY_FRONTEND,
                    Component.COMPACTOR,
                    Component.GATEWAY),
            false,
            1,
            "filesystem",
            List.of(),
            Set.of(),
            false,
            Set.of());

    final String valuesFile;
    final Set<Component> enabled;
    final boolean authEnabled;
    final int replicationFactor;
    final String objectStore;
    final List<String> zones;
    final Set<Component> autoscaled;
    final boolean monitoring;
    final Set<Component> persistent;

    ChartProfile(
            String valuesFile,
            Set<Component> enabled,
            boolean authEnabled,
            int replicationFactor,
            String objectStore,
            List<String> zones,
            Set<Component> autoscaled,
            boolean monitoring,
            Set<Component> persistent) {
        this.valuesFile = valuesFile;
        this.enabled = enabled;
        this.authEnabled = authEnabled;
        this.replicationFactor = replicationFactor;
        this.objectStore = objectStore;
        this.zones = zones;
        this.autoscaled = autoscaled;
        this.monitoring = monitoring;
        this.persistent = persistent;
    }

    RenderedChart render() {
        if (valuesFile == null) {
            return RenderedChart.render();
        }
        Path file = RenderedChart.chartDir().resolve("ci").resolve(valuesFile);
        return RenderedChart.render(file);
    }

    /** The Skald services: label value, Loki -target, workload kind. */
    enum Component {
        DISTRIBUTOR("distributor", "Deployment"),
        INGESTER("ingester", "StatefulSet"),
        QUERIER("querier", "Deployment"),
        QUERY_FRONTEND("query-frontend", "Deployment"),
        QUERY_SCHEDULER("query-scheduler", "Deployment"),
        COMPACTOR("compactor", "StatefulSet"),
        INDEX_GATEWAY("index-gateway", "StatefulSet"),
        RULER("ruler", "Deployment"),
        GATEWAY("gateway", "Deployment");

        final String label;
        final String kind;

        Component(String label, String kind) {
            this.label = label;
            this.kind = kind;
        }

        /** Whether the pod joins the Hazelcast cluster (every Loki target; the gateway only routes). */
        boolean member() {
            return this != GATEWAY;
        }
    }
}
