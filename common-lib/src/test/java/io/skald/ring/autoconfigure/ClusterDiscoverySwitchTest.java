package io.skald.ring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.JoinConfig;
import io.skald.config.MemberlistConfig;
import io.skald.ring.HazelcastMembers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The chart's env switches the Hazelcast join to Kubernetes DNS discovery; without it the join is join_members. */
class ClusterDiscoverySwitchTest {
    private static final MemberlistConfig MEMBERLIST = new MemberlistConfig(
            List.of("127.0.0.1:7946"),
            List.of("127.0.0.1"),
            7946,
            Duration.ZERO,
            Duration.ofSeconds(30),
            Duration.ofMinutes(5));

    @Test
    void chartEnvironmentSelectsKubernetesDnsDiscovery() {
        MockEnvironment chart = new MockEnvironment()
                .withProperty("SKALD_HAZELCAST_KUBERNETES", "true")
                .withProperty("SKALD_HAZELCAST_SERVICE_DNS", "skald-memberlist.logging.svc.cluster.local");

        JoinConfig join = HazelcastMembers.config(MEMBERLIST, ClusterAutoConfiguration.discovery(chart))
                .getNetworkConfig()
                .getJoin();

        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("skald-memberlist.logging.svc.cluster.local");
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    }

    @Test
    void locallyTheJoinIsJoinMembers() {
        JoinConfig join = HazelcastMembers.config(MEMBERLIST, ClusterAutoConfiguration.discovery(new MockEnvironment()))
                .getNetworkConfig()
                .getJoin();

        assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:7946");
    }
}
