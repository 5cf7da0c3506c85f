package io.skald.chunk;

/** Iteration order by timestamp, as Loki's {@code direction=forward|backward}. */
public enum Direction {
    FORWARD,
    BACKWARD
}
