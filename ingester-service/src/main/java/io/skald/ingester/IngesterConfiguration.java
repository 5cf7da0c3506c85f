package io.skald.ingester;

import io.micrometer.core.instrument.MeterRegistry;
import io.skald.config.IngesterConfig;
import io.skald.config.LokiConfig;
import io.skald.ingester.grpc.IngesterQuerierService;
import io.skald.ingester.grpc.PusherService;
import io.skald.ingester.http.IngesterController;
import io.skald.limits.Overrides;
import io.skald.ring.Lifecycler;
import io.skald.ring.LifecyclerConfig;
import io.skald.ring.autoconfigure.InstanceAddresses;
import io.skald.ring.autoconfigure.RingRegistry;
import io.skald.tenant.TenantResolver;
import io.skald.tenant.TenantServerInterceptor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/** The ingester's beans: the role, its gRPC services and HTTP endpoints. */
@Configuration(proxyBeanMethods = false)
@Import(IngesterController.class)
public class IngesterConfiguration {
    /** The ring ingesters register in; distributors and queriers read it under this name. */
    public static final String RING_NAME = "ingester";

    @Bean
    IngesterMetrics ingesterMetrics(MeterRegistry registry) {
        return new IngesterMetrics(registry);
    }

    @Bean
    TailRegistry tailRegistry() {
        return new TailRegistry();
    }

    /** Per-tenant limits with runtime overrides (reloaded every {@code runtime_config.period}). */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Overrides overrides(LokiConfig config) {
        if (config.runtimeConfigFile().isBlank()) {
            return Overrides.of(config.limits());
        }
        ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("overrides-reload").factory());
        return Overrides.watch(
                Path.of(config.runtimeConfigFile()), config.limits(), config.runtimeConfigPeriod(), reloader);
    }

    @Bean
    StreamLimits streamLimits(LokiConfig config, Overrides overrides, RingRegistry rings) {
        return new StreamLimits(
                overrides::forTenant,
                () -> rings.ring(RING_NAME).healthyInstanceCount(),
                config.ingester().lifecycler().replicationFactor());
    }

    @Bean
    Ingester ingester(LokiConfig config, StreamLimits limits, TailRegistry tails, IngesterMetrics metrics) {
        return new Ingester(ChunkSettings.from(config.ingester().chunks()), limits, tails, metrics, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    ChunkStores chunkStores(LokiConfig config) {
        return ChunkStores.from(config);
    }

    @Bean
    @ConditionalOnMissingBean
    ChunkRefSink chunkRefSink(LokiConfig config, ChunkStores stores) {
        return new IndexUploader(config.schema(), stores, ingesterId(config));
    }

    @Bean(destroyMethod = "close")
    ChunkFlusher chunkFlusher(
            LokiConfig config, Ingester ingester, ChunkStores stores, ChunkRefSink refs, IngesterMetrics metrics) {
        ChunkFlusher flusher = new ChunkFlusher(
                ingester,
                stores,
                refs,
                metrics,
                Clock.systemUTC(),
                config.ingester().chunks().concurrentFlushes());
        metrics.bind(ingester::streamCount, ingester::chunkCount, flusher::queueLength);
        return flusher;
    }

    @Bean
    IngesterService ingesterService(
            LokiConfig config,
            Ingester ingester,
            ChunkFlusher flusher,
            RingRegistry rings,
            IngesterMetrics metrics,
            Environment environment) {
        IngesterConfig ingesterConfig = config.ingester();
        IntFunction<Lifecycler> lifecycler =
                grpcPort -> rings.lifecycler(RING_NAME, lifecyclerConfig(config, environment, grpcPort));
        return new IngesterService(ingester, flusher, lifecycler, ingesterConfig, walDirectory(config), metrics);
    }

    @Bean
    ApplicationListener<GrpcServerStartedEvent> ingesterGrpcStarted(IngesterService service) {
        return event -> service.grpcServerStarted(event.getPort());
    }

    @Bean
    PusherService pusherService(Ingester ingester) {
        return new PusherService(ingester);
    }

    @Bean
    IngesterQuerierService ingesterQuerierService(Ingester ingester, TailRegistry tails) {
        return new IngesterQuerierService(ingester, tails);
    }

    @Bean
    @GlobalServerInterceptor
    TenantServerInterceptor tenantServerInterceptor(TenantResolver resolver) {
        return new TenantServerInterceptor(resolver);
    }

    /** {@code ingester.wal.dir}, relative to {@code common.path_prefix} when that is set and the dir is relative. */
    static Path walDirectory(LokiConfig config) {
        Path dir = Path.of(config.ingester().wal().dir());
        String prefix = config.common().pathPrefix();
        return dir.isAbsolute() || prefix.isBlank() ? dir : Path.of(prefix).resolve(dir);
    }

    /**
     * The ring identity: id from {@code ingester.lifecycler.id} or the host name; the address from {@code
     * common.instance_addr}, else {@code server.grpc_listen_address}, else this host's address, with the gRPC port.
     */
    static LifecyclerConfig lifecyclerConfig(LokiConfig config, Environment environment, int grpcPort) {
        IngesterConfig.Lifecycler lifecycler = config.ingester().lifecycler();
        String host = config.common().instanceAddr();
        if (host.isBlank()) {
            host = config.server().grpcListenAddress();
        }
        if (host.isBlank() || host.equals("0.0.0.0")) {
            host = localAddress();
        }
        int httpPort = environment.getProperty(
                "local.server.port", Integer.class, config.server().httpListenPort());
        return LifecyclerConfig.from(lifecycler, ingesterId(config), host + ":" + grpcPort, host + ":" + httpPort);
    }

    /** {@code ingester.lifecycler.id}, else the host name: the ring id and the producer name of index uploads. */
    static String ingesterId(LokiConfig config) {
        String id = config.ingester().lifecycler().id();
        return id.isBlank() ? InstanceAddresses.hostName("ingester") : id;
    }

    private static String localAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }
}
