package io.skald.index;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges the index files of one tenant and period into one, for the compactor: series are joined by label set,
 * chunk refs deduplicated by key, and refs a {@link ChunkFilter} drops are left out and reported, so the caller can
 * delete those chunk objects.
 */
public final class IndexMerger {
    private IndexMerger() {}

    /** The merged file and the refs the filter dropped (one per chunk key). */
    public record Result(IndexFile file, List<ChunkRef> dropped) {
        public Result {
            dropped = List.copyOf(dropped);
        }
    }

    /** Merges keeping every ref. */
    public static IndexFile merge(List<IndexFile> files) {
        return merge(files, ChunkFilter.none()).file();
    }

    /**
     * Merges, leaving out the refs {@code filter} drops.
     *
     * @throws IllegalArgumentException when {@code files} is empty or mixes tenants
     */
    public static Result merge(List<IndexFile> files, ChunkFilter filter) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        String tenant = files.get(0).tenant();
        IndexWriter writer = new IndexWriter(tenant);
        Set<String> seen = new HashSet<>();
        List<ChunkRef> dropped = new ArrayList<>();
        for (IndexFile file : files) {
            if (!file.tenant().equals(tenant)) {
                throw new IllegalArgumentException(
                        "cannot merge index files of tenants " + tenant + " and " + file.tenant());
            }
            for (int id = 0; id < file.seriesCount(); id++) {
                Labels labels = file.labels(id);
                for (ChunkRef ref : file.chunkRefs(id)) {
                    if (!seen.add(ref.key())) {
                        continue;
                    }
                    if (filter.drop(labels, ref)) {
                        dropped.add(ref);
                    } else {
                        writer.add(labels, ref);
                    }
                }
            }
        }
        return new Result(writer.build(), dropped);
    }
}
