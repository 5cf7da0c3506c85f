package io.skald.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code memberlist:} Loki's gossip membership. Skald maps it onto Hazelcast: {@code join_members} become Hazelcast
 * TCP-IP members and {@code bind_port} the Hazelcast port.
 */
public record MemberlistConfig(
        List<String> joinMembers,
        List<String> bindAddr,
        int bindPort,
        Duration deadNodeReclaimTime,
        Duration gossipToDeadNodesTime,
        Duration leftIngestersTimeout) {

    static MemberlistConfig bind(ConfigReader r) {
        ConfigReader p = r.pending();
        return new MemberlistConfig(
                r.strings("join_members", List.of()),
                r.strings("bind_addr", List.of()),
                r.integer("bind_port", 7946),
                p.duration("dead_node_reclaim_time", Duration.ZERO),
                p.duration("gossip_to_dead_nodes_time", Duration.ofSeconds(30)),
                p.duration("left_ingesters_timeout", Duration.ofMinutes(5)));
    }
}
