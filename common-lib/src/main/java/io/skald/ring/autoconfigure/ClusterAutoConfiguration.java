package io.skald.ring.autoconfigure;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.skald.config.LokiConfig;
import io.skald.ring.HazelcastMembers;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Cluster membership for every service but the gateway: a Hazelcast member joined as {@code memberlist} says (or by
 * Kubernetes DNS discovery when {@code SKALD_HAZELCAST_KUBERNETES=true}), and the ring registry on top of it.
 */
@AutoConfiguration(afterName = "io.skald.server.autoconfigure.SkaldServerAutoConfiguration")
@ConditionalOnBean(LokiConfig.class)
@ConditionalOnProperty(name = "skald.cluster.enabled", havingValue = "true", matchIfMissing = true)
@Import(RingPagesController.class)
public class ClusterAutoConfiguration {

    @Bean(destroyMethod = "shutdown")
    HazelcastInstance skaldHazelcast(LokiConfig config, Environment environment) {
        return Hazelcast.newHazelcastInstance(HazelcastMembers.config(config.memberlist(), discovery(environment)));
    }

    /** Kubernetes DNS discovery when the chart's env says so ({@code SKALD_HAZELCAST_KUBERNETES=true}), else join_members. */
    static HazelcastMembers.Discovery discovery(Environment environment) {
        boolean kubernetes = Boolean.parseBoolean(environment.getProperty("SKALD_HAZELCAST_KUBERNETES", "false"));
        return kubernetes
                ? HazelcastMembers.Discovery.kubernetes(environment.getProperty("SKALD_HAZELCAST_SERVICE_DNS", ""))
                : HazelcastMembers.Discovery.tcpIp();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService ringScheduler() {
        return Executors.newScheduledThreadPool(
                2, Thread.ofPlatform().daemon().name("ring-", 0).factory());
    }

    @Bean
    RingRegistry ringRegistry(
            HazelcastInstance skaldHazelcast, ScheduledExecutorService ringScheduler, MeterRegistry meters) {
        return new RingRegistry(skaldHazelcast, ringScheduler, meters, Clock.systemUTC());
    }
}
