package io.skald.chunk;

/** What {@link MemChunk#append} did with an entry. */
public enum AppendResult {
    APPENDED,
    /** An entry with the same timestamp and line is already in the head block; nothing was stored. */
    DUPLICATE
}
