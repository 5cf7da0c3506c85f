package io.skald.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RingTest {
    private static final long NOW = 1_000_000_000L;
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final long STALE = NOW - TIMEOUT.toMillis() - 1;

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryRingStore store = new InMemoryRingStore("ingester");
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    private static InstanceDesc instance(String id, String zone, InstanceState state, long heartbeat, int... tokens) {
        return new InstanceDesc(
                id,
                id + ":9095",
                id + ":3100",
                zone,
                state,
                Arrays.stream(tokens).boxed().toList(),
                heartbeat,
                1);
    }

    private Ring ring(boolean zoneAware, InstanceDesc... instances) {
        for (InstanceDesc instance : instances) {
            store.put(instance);
        }
        Ring ring = new Ring(new RingConfig("ingester", 3, TIMEOUT, zoneAware), store, clock);
        ring.start(scheduler, Duration.ZERO);
        return ring;
    }

    /** Four instances a..d owning tokens 100, 200, 300, 400; {@code c} varies. */
    private Ring fourInstances(InstanceState cState, long cHeartbeat) {
        return ring(
                false,
                instance("a", "", InstanceState.ACTIVE, NOW, 100),
                instance("b", "", InstanceState.ACTIVE, NOW, 200),
                instance("c", "", cState, cHeartbeat, 300),
                instance("d", "", InstanceState.ACTIVE, NOW, 400));
    }

    private static List<String> ids(ReplicationSet set) {
        return set.instances().stream().map(InstanceDesc::id).toList();
    }

    static Stream<Arguments> selections() {
        return Stream.of(
                // key, op, c's state, c's heartbeat, expected ids, expected maxErrors
                Arguments.of(150, Operation.WRITE, InstanceState.ACTIVE, NOW, List.of("b", "c", "d"), 1),
                Arguments.of(200, Operation.WRITE, InstanceState.ACTIVE, NOW, List.of("c", "d", "a"), 1),
                Arguments.of(450, Operation.WRITE, InstanceState.ACTIVE, NOW, List.of("a", "b", "c"), 1),
                Arguments.of(-1, Operation.WRITE, InstanceState.ACTIVE, NOW, List.of("a", "b", "c"), 1),
                // A LEAVING replica is skipped for writes and the walk extends; the quorum grows with the set.
                Arguments.of(150, Operation.WRITE, InstanceState.LEAVING, NOW, List.of("b", "d", "a"), 0),
                Arguments.of(150, Operation.READ, InstanceState.LEAVING, NOW, List.of("b", "c", "d"), 1),
                Arguments.of(150, Operation.WRITE, InstanceState.JOINING, NOW, List.of("b", "d", "a"), 0),
                Arguments.of(150, Operation.READ, InstanceState.JOINING, NOW, List.of("b", "d"), 0),
                // An ACTIVE replica with a stale heartbeat: writes go to the next instance instead.
                Arguments.of(150, Operation.WRITE, InstanceState.ACTIVE, STALE, List.of("b", "d", "a"), 1),
                Arguments.of(150, Operation.READ, InstanceState.ACTIVE, STALE, List.of("b", "d"), 0));
    }

    @ParameterizedTest
    @MethodSource("selections")
    void picksReplicasClockwiseSkippingUnusableOnes(
            int key, Operation op, InstanceState cState, long cHeartbeat, List<String> expected, int maxErrors) {
        Ring ring = fourInstances(cState, cHeartbeat);

        ReplicationSet set = ring.get(key, op);

        assertThat(ids(set)).containsExactlyElementsOf(expected);
        assertThat(set.maxErrors()).isEqualTo(maxErrors);
        assertThat(set.minSuccess()).isEqualTo(expected.size() - maxErrors);
    }

    @Test
    void failsWithoutAQuorumOfHealthyReplicas() {
        Ring ring = ring(
                false,
                instance("a", "", InstanceState.ACTIVE, NOW, 100),
                instance("b", "", InstanceState.ACTIVE, STALE, 200),
                instance("c", "", InstanceState.ACTIVE, STALE, 300));

        assertThatThrownBy(() -> ring.get(50, Operation.READ))
                .isInstanceOf(RingException.class)
                .hasMessage("at least 2 live replicas required, could only find 1 - unhealthy instances: b,c");
    }

    @Test
    void oneInstanceCannotSatisfyReplicationFactorThree() {
        Ring ring = ring(false, instance("a", "", InstanceState.ACTIVE, NOW, 100));

        assertThatThrownBy(() -> ring.get(50, Operation.WRITE)).hasMessageStartingWith("at least 2 live replicas");
        assertThat(ids(ring.get(50, Operation.WRITE, 1))).containsExactly("a");
    }

    @Test
    void emptyRingIsAnError() {
        Ring ring = ring(false);

        assertThatThrownBy(() -> ring.get(1, Operation.WRITE)).hasMessage("empty ring");
        assertThatThrownBy(() -> ring.getAllHealthy(Operation.READ)).hasMessage("empty ring");
    }

    @Test
    void zoneAwarenessPutsReplicasInDistinctZones() {
        Ring ring = ring(
                true,
                instance("a", "z1", InstanceState.ACTIVE, NOW, 100),
                instance("b", "z1", InstanceState.ACTIVE, NOW, 200),
                instance("c", "z2", InstanceState.ACTIVE, NOW, 300),
                instance("d", "z2", InstanceState.ACTIVE, NOW, 400),
                instance("e", "z3", InstanceState.ACTIVE, NOW, 500),
                instance("f", "z3", InstanceState.ACTIVE, NOW, 600));

        assertThat(ids(ring.get(50, Operation.WRITE))).containsExactly("a", "c", "e");
        assertThat(ids(ring.get(150, Operation.WRITE))).containsExactly("b", "c", "e");
        assertThat(ids(ring.get(450, Operation.WRITE))).containsExactly("e", "a", "c");
    }

    @Test
    void zoneAwareWriteReplacesALeavingReplicaFromTheSameZone() {
        Ring ring = ring(
                true,
                instance("a", "z1", InstanceState.LEAVING, NOW, 100),
                instance("b", "z1", InstanceState.ACTIVE, NOW, 200),
                instance("c", "z2", InstanceState.ACTIVE, NOW, 300),
                instance("e", "z3", InstanceState.ACTIVE, NOW, 500));

        assertThat(ids(ring.get(50, Operation.WRITE))).containsExactly("b", "c", "e");
    }

    @Test
    void withoutZoneAwarenessZonesAreIgnored() {
        Ring ring = ring(
                false,
                instance("a", "z1", InstanceState.ACTIVE, NOW, 100),
                instance("b", "z1", InstanceState.ACTIVE, NOW, 200),
                instance("c", "z2", InstanceState.ACTIVE, NOW, 300));

        assertThat(ids(ring.get(50, Operation.WRITE))).containsExactly("a", "b", "c");
    }

    @Test
    void ownershipIsTheTokenRangeBeforeEachToken() {
        Ring ring = ring(
                false,
                instance("a", "", InstanceState.ACTIVE, NOW, 0),
                instance("b", "", InstanceState.ACTIVE, NOW, Integer.MIN_VALUE), // 2^31
                instance("c", "", InstanceState.ACTIVE, NOW, 0xC0000000), // 3 * 2^30
                instance("p", "", InstanceState.PENDING, NOW));

        Map<String, Double> ownership = ring.ownership();

        assertThat(ownership.get("a")).isCloseTo(0.25, within(1e-12));
        assertThat(ownership.get("b")).isCloseTo(0.5, within(1e-12));
        assertThat(ownership.get("c")).isCloseTo(0.25, within(1e-12));
        assertThat(ownership.get("p")).isZero();
    }

    @Test
    void countsMembersByStateWithStaleOnesAsUnhealthy() {
        Ring ring = ring(
                false,
                instance("a", "", InstanceState.ACTIVE, NOW, 100),
                instance("b", "", InstanceState.ACTIVE, STALE, 200),
                instance("c", "", InstanceState.LEAVING, NOW, 300),
                instance("d", "", InstanceState.PENDING, NOW));

        assertThat(ring.membersByState())
                .containsExactly(
                        Map.entry("PENDING", 1),
                        Map.entry("JOINING", 0),
                        Map.entry("ACTIVE", 1),
                        Map.entry("LEAVING", 1),
                        Map.entry("Unhealthy", 1));
        assertThat(ring.healthyInstanceCount()).isEqualTo(1);
    }

    @Test
    void followsStoreChangesAndForgets() {
        Ring ring = ring(false, instance("a", "", InstanceState.ACTIVE, NOW, 100));

        store.put(instance("b", "", InstanceState.ACTIVE, NOW, 200));
        store.put(instance("c", "", InstanceState.ACTIVE, NOW, 300));
        assertThat(ids(ring.get(50, Operation.WRITE))).containsExactly("a", "b", "c");

        store.put(instance("c", "", InstanceState.LEAVING, NOW, 300));
        assertThat(ring.instances()).extracting(InstanceDesc::state).contains(InstanceState.LEAVING);

        ring.forget("b");
        assertThat(store.get("b")).isEmpty();
        assertThat(ring.instances()).extracting(InstanceDesc::id).containsExactly("a", "c");
    }

    @Test
    void tokenChangesMoveKeys() {
        Ring ring = ring(
                false,
                instance("a", "", InstanceState.ACTIVE, NOW, 100),
                instance("b", "", InstanceState.ACTIVE, NOW, 200));

        assertThat(ids(ring.get(150, Operation.WRITE, 1))).containsExactly("b");
        store.put(instance("a", "", InstanceState.ACTIVE, NOW, 100, 160));
        assertThat(ids(ring.get(150, Operation.WRITE, 1))).containsExactly("a");
    }

    @Test
    void allHealthyAndQuorumOverAllInstances() {
        Ring ring = fourInstances(InstanceState.ACTIVE, STALE);

        assertThat(ids(ring.getAllHealthy(Operation.READ))).containsExactly("a", "b", "d");
        ReplicationSet all = ring.getReplicationSetForOperation(Operation.READ);
        assertThat(ids(all)).containsExactly("a", "b", "d");
        assertThat(all.maxErrors()).isZero();

        store.put(instance("d", "", InstanceState.ACTIVE, STALE, 400));
        assertThatThrownBy(() -> ring.getReplicationSetForOperation(Operation.READ))
                .hasMessage("too many unhealthy instances in the ring");
    }

    @Test
    void heartbeatsAgeIntoUnhealthy() {
        Ring ring = ring(false, instance("a", "", InstanceState.ACTIVE, NOW, 100));
        assertThat(ring.healthyInstanceCount()).isEqualTo(1);

        clock.advance(TIMEOUT.plusSeconds(1));

        assertThat(ring.healthyInstanceCount()).isZero();
        assertThat(ring.membersByState()).containsEntry("Unhealthy", 1);
    }
}
