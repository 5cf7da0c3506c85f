package io.skald.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.skald.config.MemberlistConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three real Hazelcast members in one JVM on loopback; a lifecycler and a ring reader on each. */
class HazelcastRingTest {
    private static final List<HazelcastInstance> members = new ArrayList<>();
    private static final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @BeforeAll
    static void startMembers() throws IOException {
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        List<String> joinMembers = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        for (int port : ports) {
            MemberlistConfig memberlist = new MemberlistConfig(
                    joinMembers, List.of("127.0.0.1"), port, Duration.ZERO, Duration.ZERO, Duration.ZERO);
            Config config = HazelcastMembers.config(memberlist, HazelcastMembers.Discovery.tcpIp());
            config.setInstanceName("skald-ring-test-" + port);
            members.add(Hazelcast.newHazelcastInstance(config));
        }
        await().atMost(Duration.ofSeconds(15))
                .until(() -> members.stream()
                        .allMatch(m -> m.getCluster().getMembers().size() == 3));
    }

    @AfterAll
    static void stopMembers() {
        scheduler.shutdownNow();
        members.forEach(m -> m.getLifecycleService().terminate());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void membersFormOneClusterNamedSkald() {
        assertThat(members.getFirst().getConfig().getClusterName()).isEqualTo("skald");
        assertThat(members.getFirst().getCluster().getMembers()).hasSize(3);
    }

    @Test
    void lifecyclersOnDifferentMembersSeeEachOtherAndALeaverDisappears() {
        List<Lifecycler> lifecyclers = new ArrayList<>();
        List<Ring> rings = new ArrayList<>();
        RingConfig ringConfig = new RingConfig("ingester", 3, Duration.ofMinutes(1), false);
        for (int i = 0; i < 3; i++) {
            HazelcastRingStore store = new HazelcastRingStore(members.get(i), "ingester");
            LifecyclerConfig config = new LifecyclerConfig(
                    "ingester-" + i,
                    "127.0.0.1:" + (9095 + i),
                    "127.0.0.1:" + (3100 + i),
                    "",
                    32,
                    Duration.ofMillis(100),
                    Duration.ofMinutes(1),
                    Duration.ZERO,
                    Duration.ofMillis(100),
                    Duration.ZERO,
                    Duration.ZERO);
            Lifecycler lifecycler =
                    new Lifecycler(config, store, Clock.systemUTC(), scheduler, new SplittableRandom(i));
            Ring ring = new Ring(ringConfig, store, Clock.systemUTC());
            ring.start(scheduler, Duration.ofSeconds(10));
            lifecycler.start();
            lifecyclers.add(lifecycler);
            rings.add(ring);
        }

        for (Ring ring : rings) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> ring.membersByState().get("ACTIVE") == 3);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> lifecyclers.stream().allMatch(Lifecycler::isReady));
        // Every reader picks the same replicas for a key: they share one ring.
        List<String> replicas = rings.getFirst().get(12345, Operation.WRITE).addresses();
        assertThat(replicas).hasSize(3);
        for (Ring ring : rings) {
            assertThat(ring.get(12345, Operation.WRITE).addresses()).isEqualTo(replicas);
        }

        lifecyclers.get(2).stop(() -> {});

        for (Ring ring : rings) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> ring.instances().stream().noneMatch(d -> d.id().equals("ingester-2")));
            assertThat(ring.membersByState().get("ACTIVE")).isEqualTo(2);
        }
        lifecyclers.get(0).stop(() -> {});
        lifecyclers.get(1).stop(() -> {});
        rings.forEach(Ring::close);
    }
}
