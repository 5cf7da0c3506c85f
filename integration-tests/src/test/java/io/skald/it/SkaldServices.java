package io.skald.it;

import io.skald.compactor.CompactorApplication;
import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.distributor.DistributorApplication;
import io.skald.frontend.QueryFrontendApplication;
import io.skald.gateway.GatewayApplication;
import io.skald.indexgateway.IndexGatewayApplication;
import io.skald.ingester.IngesterApplication;
import io.skald.querier.QuerierApplication;
import io.skald.ruler.RulerApplication;
import io.skald.scheduler.QuerySchedulerApplication;
import io.skald.server.SkaldApplication;
import io.skald.server.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts Skald services as separate Spring contexts in this JVM, like Loki's integration/cluster. */
public final class SkaldServices {
    private SkaldServices() {}

    public static Class<?> applicationClass(Target target) {
        return switch (target) {
            case DISTRIBUTOR -> DistributorApplication.class;
            case INGESTER -> IngesterApplication.class;
            case QUERIER -> QuerierApplication.class;
            case QUERY_FRONTEND -> QueryFrontendApplication.class;
            case QUERY_SCHEDULER -> QuerySchedulerApplication.class;
            case COMPACTOR -> CompactorApplication.class;
            case INDEX_GATEWAY -> IndexGatewayApplication.class;
            case RULER -> RulerApplication.class;
            case GATEWAY -> GatewayApplication.class;
        };
    }

    /** The reference Loki config of the shared fixtures, unchanged. */
    static String referenceConfig() {
        try (InputStream in = SkaldServices.class.getResourceAsStream("/config/reference-loki-config.yaml")) {
            if (in == null) {
                throw new IllegalStateException("reference config missing from common-lib's test jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference config with what a test run on loopback needs: random ports, no remote join. */
    static LokiConfig localConfig(String yaml, Map<String, String> extraOverrides) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("server.http_listen_address", "127.0.0.1");
        overrides.put("server.http_listen_port", "0");
        overrides.put("server.grpc_listen_address", "127.0.0.1");
        overrides.put("server.grpc_listen_port", "0");
        overrides.put("memberlist.join_members", "[]");
        overrides.putAll(extraOverrides);
        return LokiConfigLoader.parse(yaml, false, name -> null, overrides);
    }

    public static ServiceHandle start(Target target, LokiConfig config) {
        return new ServiceHandle(target, SkaldApplication.start(applicationClass(target), target, config, Map.of()));
    }
}
