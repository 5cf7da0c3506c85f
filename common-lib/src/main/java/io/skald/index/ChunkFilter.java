package io.skald.index;

import io.skald.labels.Labels;
import java.util.List;
import java.util.function.Predicate;

/** Decides which chunk refs a merge leaves out: the compactor's hook for retention and delete requests. */
@FunctionalInterface
public interface ChunkFilter {

    /** Whether the ref of the series {@code labels} is dropped. */
    boolean drop(Labels labels, ChunkRef ref);

    /** Keeps everything. */
    static ChunkFilter none() {
        return (labels, ref) -> false;
    }

    /** Retention: drops chunks whose last entry is before {@code cutoffNanos}. */
    static ChunkFilter olderThan(long cutoffNanos) {
        return (labels, ref) -> ref.through() < cutoffNanos;
    }

    /**
     * A delete request: drops chunks of series matching every matcher that lie wholly inside
     * {@code [fromNanos, throughNanos]} (both inclusive). Chunks that only partly overlap are kept; rewriting them
     * without the deleted entries is the compactor's job.
     */
    static ChunkFilter deleteRequest(List<Matcher> matchers, long fromNanos, long throughNanos) {
        List<Predicate<Labels>> predicates = matchers.stream()
                .map(m -> {
                    Predicate<String> values = m.predicate();
                    return (Predicate<Labels>) labels -> {
                        String value = labels.get(m.name());
                        return values.test(value == null ? "" : value);
                    };
                })
                .toList();
        return (labels, ref) -> ref.from() >= fromNanos
                && ref.through() <= throughNanos
                && predicates.stream().allMatch(p -> p.test(labels));
    }

    /** Drops what either filter drops. */
    default ChunkFilter or(ChunkFilter other) {
        return (labels, ref) -> drop(labels, ref) || other.drop(labels, ref);
    }
}
