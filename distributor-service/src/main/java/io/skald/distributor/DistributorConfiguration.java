package io.skald.distributor;

import io.micrometer.core.instrument.MeterRegistry;
import io.skald.config.LokiConfig;
import io.skald.distributor.client.IngesterClients;
import io.skald.distributor.replication.Replicator;
import io.skald.limits.IngestionRateLimiter;
import io.skald.limits.Overrides;
import io.skald.limits.StreamRateLimiter;
import io.skald.push.PushDecoder;
import io.skald.push.PushValidator;
import io.skald.push.StreamLabelCache;
import io.skald.ring.InstanceDesc;
import io.skald.ring.Ring;
import io.skald.ring.autoconfigure.InstanceAddresses;
import io.skald.ring.autoconfigure.RingRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/** The distributor's beans, and when it joins and leaves the distributor ring. */
@Configuration(proxyBeanMethods = false)
class DistributorConfiguration {
    /** Overrides the ring instance id (default: the host name), e.g. for several distributors on one host. */
    static final String INSTANCE_ID_PROPERTY = "skald.distributor.instance-id";

    /** Streams whose per-stream rate bucket is kept; idle ones are forgotten (a new bucket starts full). */
    private static final long MAX_TRACKED_STREAMS = 1_000_000;

    private static final Duration STREAM_BUCKET_IDLE = Duration.ofMinutes(10);
    private static final Duration CHANNEL_CLEANUP_PERIOD = Duration.ofSeconds(30);

    private volatile int grpcPort = -1;

    @Bean
    DistributorSettings distributorSettings(LokiConfig config) {
        return DistributorSettings.from(config);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService distributorScheduler() {
        return Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("distributor-").factory());
    }

    @Bean(destroyMethod = "close")
    Overrides overrides(LokiConfig config, ScheduledExecutorService distributorScheduler) {
        if (config.runtimeConfigFile().isBlank()) {
            return Overrides.of(config.limits());
        }
        return Overrides.watch(
                Path.of(config.runtimeConfigFile()),
                config.limits(),
                config.runtimeConfigPeriod(),
                distributorScheduler);
    }

    @Bean
    PushDecoder pushDecoder(DistributorSettings settings) {
        return new PushDecoder(settings.maxRecvMsgSize());
    }

    @Bean
    PushValidator pushValidator() {
        return new PushValidator(new StreamLabelCache(100_000));
    }

    @Bean
    DistributorMetrics distributorMetrics(MeterRegistry registry) {
        return new DistributorMetrics(registry);
    }

    @Bean
    DistributorRingMember distributorRingMember(
            RingRegistry rings, DistributorSettings settings, Environment environment) {
        String id = environment.getProperty(INSTANCE_ID_PROPERTY, InstanceAddresses.hostName("distributor"));
        return new DistributorRingMember(rings, settings, id);
    }

    @Bean
    IngestionRateLimiter ingestionRateLimiter(Overrides overrides, DistributorRingMember member) {
        return new IngestionRateLimiter(overrides, member::healthyDistributors, Clock.systemUTC());
    }

    @Bean
    StreamRateLimiter streamRateLimiter(Overrides overrides) {
        return new StreamRateLimiter(overrides, Clock.systemUTC(), STREAM_BUCKET_IDLE, MAX_TRACKED_STREAMS);
    }

    @Bean
    Ring ingesterRing(RingRegistry rings, DistributorSettings settings) {
        return rings.ring(settings.ingesterRing());
    }

    @Bean(destroyMethod = "close")
    IngesterClients ingesterClients(
            DistributorSettings settings, Ring ingesterRing, ScheduledExecutorService distributorScheduler) {
        IngesterClients clients = new IngesterClients(settings.maxRecvMsgSize(), settings.remoteTimeout());
        long period = CHANNEL_CLEANUP_PERIOD.toMillis();
        ScheduledFuture<?> unused = distributorScheduler.scheduleWithFixedDelay(
                () -> {
                    Set<String> addresses = ingesterRing.instances().stream()
                            .map(InstanceDesc::address)
                            .collect(Collectors.toSet());
                    clients.retainOnly(addresses);
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        return clients;
    }

    @Bean
    Replicator replicator(
            Ring ingesterRing, IngesterClients clients, DistributorMetrics metrics, DistributorSettings settings) {
        // A decision always comes from the ingesters' deadlines; the extra second only guards against a lost answer.
        return new Replicator(
                ingesterRing, clients, metrics, settings.remoteTimeout().plusSeconds(1));
    }

    @Bean
    Distributor distributor(
            PushValidator validator,
            Overrides overrides,
            IngestionRateLimiter ingestionRateLimiter,
            StreamRateLimiter streamRateLimiter,
            Replicator replicator,
            DistributorMetrics metrics) {
        return new Distributor(
                validator, overrides, ingestionRateLimiter, streamRateLimiter, replicator, metrics, Clock.systemUTC());
    }

    @EventListener
    void grpcServerStarted(GrpcServerStartedEvent event) {
        grpcPort = event.getPort();
    }

    /** Joins the distributor ring once both servers listen, so the entry shows the real ports. */
    @EventListener
    void ready(ApplicationReadyEvent event) {
        InstanceAddresses.Advertised advertised = InstanceAddresses.advertised(
                event.getApplicationContext().getBean(LokiConfig.class),
                event.getApplicationContext().getEnvironment(),
                grpcPort);
        event.getApplicationContext().getBean(DistributorRingMember.class).start(advertised.grpc(), advertised.http());
    }

    /** Leaves the ring first thing on shutdown, while the cluster member is still up. */
    @EventListener
    void closing(ContextClosedEvent event) {
        event.getApplicationContext().getBean(DistributorRingMember.class).stop();
    }
}
