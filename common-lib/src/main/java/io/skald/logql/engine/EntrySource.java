package io.skald.logql.engine;

/**
 * Where the engine reads raw log entries from: the querier implements it over ingesters and the store, tests use
 * {@link InMemoryEntrySource}. Implementations must return each stream's entries already deduplicated (an entry with
 * the same timestamp and line as one already returned is dropped) and ordered by timestamp in the requested
 * direction; entries with equal timestamps keep push order (forward) or reverse push order (backward).
 */
public interface EntrySource {

    /**
     * The streams of {@code request.tenant()} whose labels match every matcher and that have entries in
     * {@code [fromNanos, throughNanos)}. The returned streams may be read in any interleaving (the engine merges log
     * streams by time); the engine closes the iterator.
     */
    StreamIterator select(SelectRequest request);
}
