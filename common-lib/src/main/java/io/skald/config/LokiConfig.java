package io.skald.config;

import java.time.Duration;
import java.util.Map;

/** A Loki-format configuration file, bound to typed sections. Build one with {@link LokiConfigLoader}. */
public record LokiConfig(
        boolean authEnabled,
        ServerConfig server,
        CommonConfig common,
        MemberlistConfig memberlist,
        SchemaConfig schema,
        StorageConfig storage,
        LimitsConfig limits,
        QueryConfig query,
        IngesterConfig ingester,
        BackendConfig backend,
        GatewayConfig gateway,
        String runtimeConfigFile,
        Duration runtimeConfigPeriod,
        ConfigReport report) {

    /** Binds a parsed YAML document; keys nothing reads end up in {@link #report()}. */
    public static LokiConfig bind(Map<String, Object> document) {
        ConfigReport report = new ConfigReport();
        ConfigReader root = ConfigReader.root(document, report);
        boolean auth = root.bool("auth_enabled", true);
        ServerConfig server = ServerConfig.bind(root.section("server"));
        CommonConfig common = CommonConfig.bind(root.section("common"));
        MemberlistConfig memberlist = MemberlistConfig.bind(root.section("memberlist"));
        SchemaConfig schema = SchemaConfig.bind(root.section("schema_config").pending());
        StorageConfig storage = StorageConfig.bind(root.section("storage_config"));
        LimitsConfig limits = LimitsConfig.bind(root.section("limits_config"));
        QueryConfig query = QueryConfig.bind(root);
        IngesterConfig ingester = IngesterConfig.bind(root.section("ingester"));
        BackendConfig backend = BackendConfig.bind(root);
        GatewayConfig gateway = GatewayConfig.bind(root.section("gateway"));
        ConfigReader runtime = root.section("runtime_config");
        String runtimeFile = runtime.string("file", "");
        Duration runtimePeriod = runtime.duration("period", Duration.ofSeconds(10));
        root.section("pattern_ingester").pending().bool("enabled", false);
        root.section("analytics").pending().bool("reporting_enabled", true);
        root.reportUnread();
        return new LokiConfig(
                auth,
                server,
                common,
                memberlist,
                schema,
                storage,
                limits,
                query,
                ingester,
                backend,
                gateway,
                runtimeFile,
                runtimePeriod,
                report);
    }

    /** Every default, as a config file with nothing in it gives. */
    public static LokiConfig defaults() {
        return bind(Map.of());
    }
}
