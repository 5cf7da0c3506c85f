package io.skald.querier.worker;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skald.config.LokiConfig;
import io.skald.ring.autoconfigure.InstanceAddresses;
import io.skald.scheduler.client.SchedulerAddresses;
import io.skald.scheduler.client.SchedulerChannels;
import io.skald.scheduler.client.SchedulerWorker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Starts the querier's scheduler worker ({@code querier.max_concurrent} loops) once the HTTP server listens, when
 * {@code frontend_worker.scheduler_address} is set; stops it first on shutdown, letting running tasks answer while the
 * HTTP server still serves them.
 */
@Configuration(proxyBeanMethods = false)
class QuerierWorkerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(QuerierWorkerConfiguration.class);

    private @Nullable SchedulerWorker worker;

    @Bean
    WorkerSettings workerSettings(LokiConfig config) {
        return WorkerSettings.from(config);
    }

    @Bean
    RunningTasks runningTasks(MeterRegistry registry) {
        RunningTasks tasks = new RunningTasks();
        Gauge.builder("skald_querier_worker_inflight_tasks", tasks, RunningTasks::running)
                .description("Scheduler tasks this querier is serving right now.")
                .strongReference(true)
                .register(registry);
        return tasks;
    }

    @EventListener
    synchronized void ready(ApplicationReadyEvent event) {
        var context = event.getApplicationContext();
        WorkerSettings settings = context.getBean(WorkerSettings.class);
        if (!settings.enabled() || worker != null) {
            return;
        }
        Environment environment = context.getEnvironment();
        LokiConfig config = context.getBean(LokiConfig.class);
        int port = Integer.parseInt(environment.getRequiredProperty("local.server.port"));
        LoopbackTaskHandler handler = new LoopbackTaskHandler(
                loopbackHost(config.server().httpListenAddress()),
                () -> port,
                context.getBean(RunningTasks.class),
                settings.queryTimeout().plusSeconds(5),
                context.getBean(MeterRegistry.class));
        String querierId = InstanceAddresses.hostName("querier") + ":" + port;
        SchedulerWorker started = new SchedulerWorker(
                querierId,
                settings.maxConcurrent(),
                SchedulerAddresses.dns(settings.schedulerAddress(), settings.dnsLookupPeriod()),
                new SchedulerChannels(settings.maxMessageSize()),
                handler,
                SchedulerWorker.Settings.defaults());
        started.start();
        worker = started;
        log.info(
                "querier {} pulling work from query-scheduler {} with {} workers",
                querierId,
                settings.schedulerAddress(),
                settings.maxConcurrent());
    }

    @EventListener
    void closing(ContextClosedEvent event) {
        SchedulerWorker running;
        synchronized (this) {
            running = worker;
            worker = null;
        }
        if (running != null) {
            running.close();
        }
    }

    /** Where this process reaches its own HTTP server: the listen address, loopback when it listens on all. */
    static String loopbackHost(String listenAddress) {
        if (listenAddress.isBlank() || listenAddress.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (listenAddress.equals("::") || listenAddress.equals("[::]")) {
            return "[::1]";
        }
        return listenAddress.contains(":") && !listenAddress.startsWith("[")
                ? "[" + listenAddress + "]"
                : listenAddress;
    }
}
