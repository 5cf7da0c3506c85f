package io.skald.it;

import io.skald.config.LokiConfig;
import io.skald.config.LokiConfigLoader;
import io.skald.server.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A whole Skald cluster in one JVM, like Loki's {@code integration/cluster}: ingesters, a distributor, an index
 * gateway, a query scheduler, a querier pulling from it, a query frontend submitting to it and the gateway, each its own Spring context on its own loopback ports, joined
 * into one Hazelcast cluster and sharing one filesystem object store.
 */
final class SkaldCluster implements AutoCloseable {
    private final Path dataDir;
    private final int hazelcastBasePort;
    private final Map<String, ServiceHandle> services = new LinkedHashMap<>();
    private final Map<String, Integer> grpcPorts = new LinkedHashMap<>();

    private SkaldCluster(Path dataDir, int hazelcastBasePort) {
        this.dataDir = dataDir;
        this.hazelcastBasePort = hazelcastBasePort;
    }

    /** Starts {@code ingesters} ingesters and one of every read/write component, then the gateway. */
    static SkaldCluster start(int ingesters, Map<String, String> extraOverrides) {
        Path dir;
        try {
            dir = Files.createTempDirectory("skald-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Hazelcast members of this cluster take ports base..base+15; other tests' clusters pick other bases.
        int base = 20_000 + ThreadLocalRandom.current().nextInt(0, 2000) * 20;
        SkaldCluster cluster = new SkaldCluster(dir, base);
        try {
            for (int i = 1; i <= ingesters; i++) {
                cluster.startService("ingester-" + i, Target.INGESTER, extraOverrides);
            }
            cluster.startService("index-gateway", Target.INDEX_GATEWAY, extraOverrides);
            cluster.startService("distributor", Target.DISTRIBUTOR, extraOverrides);
            cluster.startService("query-scheduler", Target.QUERY_SCHEDULER, extraOverrides);
            cluster.startService("querier", Target.QUERIER, extraOverrides);
            cluster.startService("query-frontend", Target.QUERY_FRONTEND, extraOverrides);
            cluster.startService("gateway", Target.GATEWAY, extraOverrides);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    ServiceHandle service(String name) {
        ServiceHandle handle = services.get(name);
        if (handle == null) {
            throw new IllegalArgumentException("no service " + name + " in " + services.keySet());
        }
        return handle;
    }

    String gatewayUrl() {
        return service("gateway").baseUrl();
    }

    List<ServiceHandle> ingesters() {
        return services.entrySet().stream()
                .filter(e -> e.getKey().startsWith("ingester-"))
                .map(Map.Entry::getValue)
                .toList();
    }

    Path dataDir() {
        return dataDir;
    }

    private void startService(String name, Target target, Map<String, String> extraOverrides) {
        int grpcPort = freePort();
        grpcPorts.put(name, grpcPort);
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("server.http_listen_port", "0");
        overrides.put("server.grpc_listen_port", Integer.toString(grpcPort));
        overrides.put("common.path_prefix", dataDir.toString());
        overrides.put(
                "storage_config.filesystem.directory", dataDir.resolve("chunks").toString());
        overrides.put(
                "common.storage.filesystem.chunks_directory",
                dataDir.resolve("chunks").toString());
        overrides.put(
                "storage_config.tsdb_shipper.active_index_directory",
                dataDir.resolve(name + "/index").toString());
        overrides.put(
                "storage_config.tsdb_shipper.cache_location",
                dataDir.resolve(name + "/index-cache").toString());
        overrides.put("memberlist.bind_port", Integer.toString(hazelcastBasePort));
        overrides.put(
                "memberlist.join_members", "[127.0.0.1:" + hazelcastBasePort + "-" + (hazelcastBasePort + 15) + "]");
        overrides.put("ingester.lifecycler.id", name);
        overrides.put("ingester.wal.dir", dataDir.resolve(name + "/wal").toString());
        Integer indexGateway = grpcPorts.get("index-gateway");
        if (indexGateway != null) {
            overrides.put(
                    "storage_config.tsdb_shipper.index_gateway_client.server_address", "127.0.0.1:" + indexGateway);
        }
        Integer scheduler = grpcPorts.get("query-scheduler");
        if (scheduler != null && services.containsKey("query-scheduler")) {
            // The frontend submits sub-queries to the scheduler; the querier's workers pull them from it.
            overrides.put("frontend.scheduler_address", "127.0.0.1:" + scheduler);
            overrides.put("frontend_worker.scheduler_address", "127.0.0.1:" + scheduler);
        }
        ServiceHandle querier = services.get("querier");
        if (querier != null) {
            overrides.put("frontend.downstream_url", querier.baseUrl());
            overrides.put("gateway.querier_url", querier.baseUrl());
        }
        ServiceHandle distributor = services.get("distributor");
        if (distributor != null) {
            overrides.put("gateway.distributor_url", distributor.baseUrl());
        }
        ServiceHandle frontend = services.get("query-frontend");
        if (frontend != null) {
            overrides.put("gateway.query_frontend_url", frontend.baseUrl());
        }
        overrides.putAll(extraOverrides);
        LokiConfig config = LokiConfigLoader.parse(clusterConfig(), false, n -> null, overrides);
        services.put(name, SkaldServices.start(target, config));
    }

    static String clusterConfig() {
        try (InputStream in = SkaldCluster.class.getResourceAsStream("/cluster-config.yaml")) {
            if (in == null) {
                throw new IllegalStateException("cluster-config.yaml missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        List<ServiceHandle> reverse = new ArrayList<>(services.values());
        java.util.Collections.reverse(reverse);
        for (ServiceHandle service : reverse) {
            try {
                service.close();
            } catch (RuntimeException e) {
                // Keep closing the others; a failed close must not leak contexts into later tests.
            }
        }
        services.clear();
    }
}
