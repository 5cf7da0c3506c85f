package io.skald.scheduler;

import io.micrometer.core.instrument.MeterRegistry;
import io.skald.config.LokiConfig;
import io.skald.ring.autoconfigure.InstanceAddresses;
import io.skald.ring.autoconfigure.RingRegistry;
import java.time.Clock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/** The query-scheduler's beans, and when it joins and leaves the scheduler ring. */
@Configuration(proxyBeanMethods = false)
class SchedulerConfiguration {
    /** Overrides the ring instance id (default: the host name), e.g. for several schedulers on one host. */
    static final String INSTANCE_ID_PROPERTY = "skald.scheduler.instance-id";

    private volatile int grpcPort = -1;

    @Bean
    SchedulerSettings schedulerSettings(LokiConfig config) {
        return SchedulerSettings.from(config);
    }

    @Bean
    SchedulerMetrics schedulerMetrics(MeterRegistry registry) {
        return new SchedulerMetrics(registry);
    }

    @Bean
    QueryScheduler queryScheduler(SchedulerSettings settings, SchedulerMetrics metrics) {
        QueryScheduler scheduler = new QueryScheduler(settings.maxOutstandingPerTenant(), metrics, Clock.systemUTC());
        metrics.bind(scheduler);
        return scheduler;
    }

    @Bean
    FrontendService schedulerForFrontend(QueryScheduler scheduler) {
        return new FrontendService(scheduler);
    }

    @Bean
    QuerierService schedulerForQuerier(QueryScheduler scheduler) {
        return new QuerierService(scheduler);
    }

    @Bean
    SchedulerRingMember schedulerRingMember(RingRegistry rings, SchedulerSettings settings, Environment environment) {
        return new SchedulerRingMember(
                rings,
                settings,
                environment.getProperty(INSTANCE_ID_PROPERTY, InstanceAddresses.hostName("query-scheduler")));
    }

    @EventListener
    void grpcServerStarted(GrpcServerStartedEvent event) {
        grpcPort = event.getPort();
    }

    /** Joins the scheduler ring once both servers listen, so the entry shows the real ports. */
    @EventListener
    void ready(ApplicationReadyEvent event) {
        InstanceAddresses.Advertised advertised = InstanceAddresses.advertised(
                event.getApplicationContext().getBean(LokiConfig.class),
                event.getApplicationContext().getEnvironment(),
                grpcPort);
        event.getApplicationContext().getBean(SchedulerRingMember.class).start(advertised.grpc(), advertised.http());
    }

    /**
     * On shutdown, leaves the ring first (so no new work arrives), then fails what is queued so frontends retry
     * elsewhere, while the gRPC server still runs.
     */
    @EventListener
    void closing(ContextClosedEvent event) {
        event.getApplicationContext().getBean(SchedulerRingMember.class).stop();
        event.getApplicationContext().getBean(QueryScheduler.class).stop();
    }
}
