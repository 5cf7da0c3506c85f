package io.skald.ingester;

import java.util.ArrayList;
import java.util.List;

/**
 * The ref sink used until index files are wired in: keeps refs in memory (bounded, oldest dropped) so they can be
 * inspected; {@link #sync()} keeps them, since nothing uploads them yet.
 */
public final class PendingChunkRefs implements ChunkRefSink {
    private static final int MAX_KEPT = 100_000;

    private final List<ChunkRef> refs = new ArrayList<>();

    @Override
    public synchronized void accept(ChunkRef ref) {
        if (refs.size() >= MAX_KEPT) {
            refs.removeFirst();
        }
        refs.add(ref);
    }

    @Override
    public synchronized List<ChunkRef> pending() {
        return List.copyOf(refs);
    }
}
