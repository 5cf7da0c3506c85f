package io.skald.index;

import io.skald.labels.Labels;
import java.util.List;

/** A series with its chunk refs in a queried time range. */
public record SeriesChunks(Labels labels, List<ChunkRef> refs) {
    public SeriesChunks {
        refs = List.copyOf(refs);
    }
}
