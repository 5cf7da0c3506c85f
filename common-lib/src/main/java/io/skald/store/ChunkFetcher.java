package io.skald.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.skald.chunk.Chunk;
import io.skald.chunk.ContentQuery;
import io.skald.chunk.Direction;
import io.skald.chunk.EntryIterator;
import io.skald.config.CacheConfig;
import io.skald.storage.ObjectStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Fetches chunk objects by key from the object store and decodes them, keeping encoded bytes in a Caffeine cache
 * weighed by size ({@code chunk_cache_config.embedded_cache}: {@code max_size_mb}, {@code ttl}). Chunks are immutable
 * and content-addressed, so cached bytes never go stale. Thread-safe.
 */
public final class ChunkFetcher {
    private final LongFunction<ObjectStore> stores;
    private final boolean caching;
    private final Cache<String, byte[]> cache;
    private final AtomicLong downloads = new AtomicLong();

    public ChunkFetcher(ObjectStore store, long maxSizeBytes, Duration ttl) {
        this(from -> store, maxSizeBytes, ttl);
    }

    /**
     * @param stores the store holding a chunk whose first entry is at the given time (its schema period's)
     */
    public ChunkFetcher(LongFunction<ObjectStore> stores, long maxSizeBytes, Duration ttl) {
        this.stores = stores;
        this.caching = maxSizeBytes > 0;
        this.cache = Caffeine.newBuilder()
                // Evict on the calling thread, so the bound holds when a fetch returns.
                .executor(Runnable::run)
                .maximumWeight(Math.max(0, maxSizeBytes))
                .weigher((String key, byte[] bytes) -> bytes.length + key.length())
                .expireAfterAccess(ttl.isZero() || ttl.isNegative() ? Duration.ofDays(365) : ttl)
                .build();
    }

    /** A fetcher bounded as the {@code chunk_cache_config} block says; a disabled cache still holds nothing. */
    public static ChunkFetcher from(LongFunction<ObjectStore> stores, CacheConfig config) {
        long bytes = config.enabled() ? config.maxSizeMb() * 1024 * 1024 : 0;
        return new ChunkFetcher(stores, bytes, config.ttl());
    }

    /**
     * The decoded chunk under {@code key}.
     *
     * @throws io.skald.storage.ObjectNotFoundException when there is no such object
     * @throws io.skald.chunk.CorruptChunkException when its bytes are not a valid chunk
     */
    public Chunk fetch(String key) {
        return fetch(key, 0);
    }

    /** The decoded chunk under {@code key}, whose first entry is at {@code fromNanos} (selects the period's store). */
    public Chunk fetch(String key, long fromNanos) {
        byte[] bytes = cache.getIfPresent(key);
        if (bytes == null) {
            bytes = stores.apply(fromNanos).get(key);
            downloads.incrementAndGet();
            if (caching) {
                cache.put(key, bytes);
            }
        }
        return Chunk.decode(bytes);
    }

    /** Entries of the chunk under {@code key} with timestamps in {@code [from, through)}. */
    public EntryIterator entries(String key, long from, long through, Direction direction) {
        return fetch(key).iterator(from, through, direction);
    }

    /** Like {@link #entries(String, long, long, Direction)} for a chunk whose first entry is at {@code chunkFrom}. */
    public EntryIterator entries(String key, long chunkFrom, long from, long through, Direction direction) {
        return fetch(key, chunkFrom).iterator(from, through, direction);
    }

    /**
     * Like {@link #entries(String, long, long, long, Direction)}, leaving out the blocks whose content filter proves
     * that no line meets {@code query} (they are not decompressed).
     */
    public EntryIterator entries(
            String key, long chunkFrom, long from, long through, Direction direction, ContentQuery query) {
        return fetch(key, chunkFrom).iterator(from, through, direction, query);
    }

    /** How many objects were downloaded (cache misses) so far. */
    public long downloads() {
        return downloads.get();
    }

    /** Encoded bytes currently cached. */
    public long cachedBytes() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}
