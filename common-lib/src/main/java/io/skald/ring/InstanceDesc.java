package io.skald.ring;

import java.util.ArrayList;
import java.util.List;

/**
 * One instance's ring entry.
 *
 * @param id unique instance id (usually the pod name)
 * @param address gRPC address {@code host:port}
 * @param httpAddress HTTP address {@code host:port}
 * @param zone availability zone, empty when unset
 * @param state lifecycle state; "unhealthy" is derived from {@code heartbeatMillis}, never stored
 * @param tokens the instance's tokens, 32-bit unsigned values held in {@code int}s, sorted in unsigned order
 * @param heartbeatMillis last heartbeat, epoch milliseconds
 * @param registeredAtMillis when the instance first registered, epoch milliseconds
 */
public record InstanceDesc(
        String id,
        String address,
        String httpAddress,
        String zone,
        InstanceState state,
        List<Integer> tokens,
        long heartbeatMillis,
        long registeredAtMillis) {

    public InstanceDesc {
        List<Integer> sorted = new ArrayList<>(tokens);
        sorted.sort(Integer::compareUnsigned);
        tokens = List.copyOf(sorted);
    }

    /** Whether the heartbeat is recent enough: a zero or negative timeout disables the check, like Loki. */
    public boolean isHeartbeatHealthy(long timeoutMillis, long nowMillis) {
        return timeoutMillis <= 0 || nowMillis - heartbeatMillis <= timeoutMillis;
    }

    /** Whether {@code op} may use this instance: its state is acceptable and its heartbeat is recent. */
    public boolean isHealthy(Operation op, long timeoutMillis, long nowMillis) {
        return op.isHealthyState(state) && isHeartbeatHealthy(timeoutMillis, nowMillis);
    }

    /** A copy with another state. */
    public InstanceDesc withState(InstanceState newState) {
        return new InstanceDesc(id, address, httpAddress, zone, newState, tokens, heartbeatMillis, registeredAtMillis);
    }

    /** A copy with other tokens. */
    public InstanceDesc withTokens(List<Integer> newTokens) {
        return new InstanceDesc(id, address, httpAddress, zone, state, newTokens, heartbeatMillis, registeredAtMillis);
    }

    /** A copy with a new heartbeat time. */
    public InstanceDesc withHeartbeat(long millis) {
        return new InstanceDesc(id, address, httpAddress, zone, state, tokens, millis, registeredAtMillis);
    }
}
