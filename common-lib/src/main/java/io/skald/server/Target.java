package io.skald.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Loki {@code -target} each Skald service runs, and the module that serves it. */
public enum Target {
    DISTRIBUTOR("distributor", "distributor-service"),
    INGESTER("ingester", "ingester-service"),
    QUERIER("querier", "querier-service"),
    QUERY_FRONTEND("query-frontend", "frontend-service"),
    QUERY_SCHEDULER("query-scheduler", "scheduler-service"),
    COMPACTOR("compactor", "compactor-service"),
    INDEX_GATEWAY("index-gateway", "index-gateway-service"),
    RULER("ruler", "ruler-service"),
    GATEWAY("gateway", "gateway-service");

    private final String lokiName;
    private final String module;

    Target(String lokiName, String module) {
        this.lokiName = lokiName;
        this.module = module;
    }

    /** The name used with {@code -target=}. */
    public String lokiName() {
        return lokiName;
    }

    /** The Maven module (and jar) that runs this target. */
    public String module() {
        return module;
    }

    public static Optional<Target> fromLokiName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.lokiName.equals(wanted)).findFirst();
    }
}
