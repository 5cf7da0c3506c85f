package io.skald.ring;

import java.util.List;

/**
 * The instances to send one request to and how many of them may fail.
 *
 * @param instances the chosen instances, in ring order
 * @param maxErrors how many of them may fail while the request still succeeds
 */
public record ReplicationSet(List<InstanceDesc> instances, int maxErrors) {

    public ReplicationSet {
        instances = List.copyOf(instances);
        if (maxErrors < 0 || maxErrors > instances.size()) {
            throw new IllegalArgumentException("maxErrors " + maxErrors + " out of range for " + instances.size());
        }
    }

    /** The number of successful responses needed: the quorum. */
    public int minSuccess() {
        return instances.size() - maxErrors;
    }

    /** The instances' gRPC addresses. */
    public List<String> addresses() {
        return instances.stream().map(InstanceDesc::address).toList();
    }
}
