package io.skald.ring;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.skald.config.MemberlistConfig;
import java.util.List;

/** Builds the Hazelcast member configuration from Loki's {@code memberlist} section. */
public final class HazelcastMembers {
    /** The Hazelcast cluster name every Skald member uses. */
    public static final String CLUSTER_NAME = "skald";

    /** How many ports above {@code bind_port} a member may take when it is in use (several members per host). */
    public static final int PORT_COUNT = 20;

    private HazelcastMembers() {}

    /**
     * Where members find each other.
     *
     * @param kubernetes use Hazelcast's Kubernetes discovery instead of {@code join_members}
     * @param serviceDns the headless service's DNS name, for Kubernetes discovery
     */
    public record Discovery(boolean kubernetes, String serviceDns) {
        /** TCP-IP members from {@code join_members}. */
        public static Discovery tcpIp() {
            return new Discovery(false, "");
        }

        /** Kubernetes DNS lookup of the headless service. */
        public static Discovery kubernetes(String serviceDns) {
            return new Discovery(true, serviceDns);
        }
    }

    /**
     * A member configuration: cluster {@value #CLUSTER_NAME}, port {@code bind_port} (auto-increment), TCP-IP members
     * from {@code join_members} (or Kubernetes discovery), multicast off, no phone-home, SLF4J logging and short
     * failure-detection and join timeouts.
     */
    public static Config config(MemberlistConfig memberlist, Discovery discovery) {
        Config config = new Config();
        config.setClusterName(CLUSTER_NAME);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // Loki's memberlist notices a dead node within seconds; Hazelcast's defaults (60 s) are far slower.
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "2");
        // By default a member waits 5 s before joining; the ring has its own join delays.
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "30");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(memberlist.bindPort()).setPortAutoIncrement(true).setPortCount(PORT_COUNT);
        List<String> bindAddresses = memberlist.bindAddr().stream()
                .filter(a -> !a.isBlank() && !a.equals("0.0.0.0"))
                .toList();
        if (!bindAddresses.isEmpty()) {
            network.getInterfaces().setEnabled(true).setInterfaces(bindAddresses);
            config.setProperty("hazelcast.local.localAddress", bindAddresses.getFirst());
        }

        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (discovery.kubernetes()) {
            join.getTcpIpConfig().setEnabled(false);
            join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", discovery.serviceDns());
        } else {
            join.getKubernetesConfig().setEnabled(false);
            join.getTcpIpConfig()
                    .setEnabled(true)
                    .setConnectionTimeoutSeconds(2)
                    .setMembers(expandPortRanges(memberlist.joinMembers()));
        }
        return config;
    }

    /**
     * Expands {@code host:5701-5703} into one member per port: Hazelcast's TCP-IP join takes single ports only, while a
     * range lets several members on one host find each other.
     */
    static List<String> expandPortRanges(List<String> members) {
        List<String> expanded = new java.util.ArrayList<>();
        for (String member : members) {
            int colon = member.lastIndexOf(':');
            int dash = member.indexOf('-', colon + 1);
            if (colon < 0 || dash < 0) {
                expanded.add(member);
                continue;
            }
            String host = member.substring(0, colon);
            int from = Integer.parseInt(member.substring(colon + 1, dash));
            int to = Integer.parseInt(member.substring(dash + 1));
            for (int port = from; port <= to; port++) {
                expanded.add(host + ":" + port);
            }
        }
        return expanded;
    }
}
