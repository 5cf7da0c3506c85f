package io.skald.ring;

/**
 * What a ring lookup is for; decides which states count as healthy and when the replica set grows (Loki's {@code
 * Operation}).
 */
public enum Operation {
    /** Pushes: only ACTIVE instances take writes; any other state or a stale heartbeat extends the walk by one. */
    WRITE,
    /** Queries: LEAVING instances still hold data and answer reads; JOINING ones hold none yet. */
    READ,
    /** Status reporting: every state counts, only the heartbeat decides. */
    REPORTING;

    /** Whether an instance in {@code state} may serve this operation. */
    public boolean isHealthyState(InstanceState state) {
        return switch (this) {
            case WRITE -> state == InstanceState.ACTIVE;
            case READ ->
                switch (state) {
                    case ACTIVE, PENDING, LEAVING -> true;
                    case JOINING -> false;
                };
            case REPORTING -> true;
        };
    }

    /** Whether picking an instance in {@code state} should add one more replica to the set. */
    public boolean extendsReplicaSetOn(InstanceState state) {
        return this == WRITE && state != InstanceState.ACTIVE;
    }

    /** Whether picking an instance whose heartbeat is stale should add one more replica to the set. */
    public boolean extendsReplicaSetOnStaleHeartbeat() {
        return this == WRITE;
    }
}
