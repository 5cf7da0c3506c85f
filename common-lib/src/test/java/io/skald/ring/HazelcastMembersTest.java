package io.skald.ring;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.skald.config.MemberlistConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HazelcastMembersTest {
    private static final MemberlistConfig MEMBERLIST = new MemberlistConfig(
            List.of("loki-memberlist:7946", "10.0.0.5:7946"),
            List.of("0.0.0.0"),
            7946,
            Duration.ZERO,
            Duration.ofSeconds(30),
            Duration.ofMinutes(5));

    @Test
    void mapsJoinMembersToTcpIpAndBindPortToTheMemberPort() {
        Config config = HazelcastMembers.config(MEMBERLIST, HazelcastMembers.Discovery.tcpIp());

        assertThat(config.getClusterName()).isEqualTo("skald");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(7946);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isTrue();
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("loki-memberlist:7946", "10.0.0.5:7946");
        // 0.0.0.0 means "all interfaces": no interface restriction.
        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
        assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
        assertThat(config.getProperty("hazelcast.logging.type")).isEqualTo("slf4j");
        assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("15");
    }

    @Test
    void bindAddressRestrictsTheInterface() {
        MemberlistConfig loopback = new MemberlistConfig(
                List.of(), List.of("127.0.0.1"), 5701, Duration.ZERO, Duration.ZERO, Duration.ZERO);

        Config config = HazelcastMembers.config(loopback, HazelcastMembers.Discovery.tcpIp());

        assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    }

    @Test
    void kubernetesModeUsesTheHeadlessServiceInsteadOfJoinMembers() {
        Config config = HazelcastMembers.config(
                MEMBERLIST, HazelcastMembers.Discovery.kubernetes("skald-hazelcast.logs.svc.cluster.local"));

        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperty("service-dns"))
                .isEqualTo("skald-hazelcast.logs.svc.cluster.local");
    }

    @Test
    void portRangesExpandToOneMemberPerPort() {
        assertThat(HazelcastMembers.expandPortRanges(
                        java.util.List.of("127.0.0.1:5701-5703", "loki-memberlist:7946", "h")))
                .containsExactly("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703", "loki-memberlist:7946", "h");
    }
}
