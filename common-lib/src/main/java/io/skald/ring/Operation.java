package io.skald.ring;

import java.util.EnumSet;
import java.util.Set;

/** What a ring lookup is for; decides which states count as healthy and when the replica set grows (Loki's {@code Operation}). */
public enum Operation {
    /** Pushes: only ACTIVE instances take writes; any other state in the replica set extends the walk by one. */
    WRITE(EnumSet.of(InstanceState.ACTIVE), true),
    /** Queries: LEAVING instances still hold data and answer reads. */
    READ(EnumSet.of(InstanceState.ACTIVE, InstanceState.PENDING, InstanceState.LEAVING), false),
    /** Status reporting: every state counts, only the heartbeat decides. */
    REPORTING(EnumSet.allOf(InstanceState.class), false);

    private final Set<InstanceState> healthyStates;
    private final boolean extendOnNonActive;

    Operation(Set<InstanceState> healthyStates, boolean extendOnNonActive) {
        this.healthyStates = healthyStates;
        this.extendOnNonActive = extendOnNonActive;
    }

    /** Whether an instance in {@code state} may serve this operation. */
    public boolean isHealthyState(InstanceState state) {
        return healthyStates.contains(state);
    }

    /** Whether picking an instance whose heartbeat is stale should add one more replica to the set. */
    public boolean extendsReplicaSetOnStaleHeartbeat() {
        return extendOnNonActive;
    }

    /** Whether picking an instance in {@code state} should add one more replica to the set. */
    public boolean extendsReplicaSetOn(InstanceState state) {
        return extendOnNonActive && state != InstanceState.ACTIVE;
    }
}
