package io.skald.ingester;

import io.skald.chunk.LogEntry;
import java.util.List;

/** One stream of a push as the ingester takes it: its label text as the distributor sent it, and its entries. */
public record IncomingStream(String labels, List<LogEntry> entries) {
    public IncomingStream {
        entries = List.copyOf(entries);
    }
}
