package io.skald.ring;

/** The lifecycle state an instance records in the ring (Loki's {@code InstanceState}, without the derived UNHEALTHY). */
public enum InstanceState {
    /** Registered, owns no tokens yet. */
    PENDING,
    /** Owns tokens but is still observing the ring; not yet written to. */
    JOINING,
    /** Serving reads and writes. */
    ACTIVE,
    /** Shutting down: still readable, no longer written to. */
    LEAVING
}
