package io.skald.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.skald.chunk.Chunk;
import io.skald.chunk.Direction;
import io.skald.chunk.EntryIterator;
import io.skald.config.CacheConfig;
import io.skald.storage.ObjectStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches chunk objects by key from the object store and decodes them, keeping encoded bytes in a Caffeine cache
 * weighed by size ({@code chunk_cache_config.embedded_cache}: {@code max_size_mb}, {@code ttl}). Chunks are immutable
 * and content-addressed, so cached bytes never go stale. Thread-safe.
 */
public final class ChunkFetcher {
    private final ObjectStore store;
    private final boolean caching;
    private final Cache<String, byte[]> cache;
    private final AtomicLong downloads = new AtomicLong();

    public ChunkFetcher(ObjectStore store, long maxSizeBytes, Duration ttl) {
        this.store = store;
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
    public static ChunkFetcher from(ObjectStore store, CacheConfig config) {
        long bytes = config.enabled() ? config.maxSizeMb() * 1024 * 1024 : 0;
        return new ChunkFetcher(store, bytes, config.ttl());
    }

    /**
     * The decoded chunk under {@code key}.
     *
     * @throws io.skald.storage.ObjectNotFoundException when there is no such object
     * @throws io.skald.chunk.CorruptChunkException when its bytes are not a valid chunk
     */
    public Chunk fetch(String key) {
        byte[] bytes = cache.getIfPresent(key);
        if (bytes == null) {
            bytes = store.get(key);
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

    /** How many objects were downloaded (cache misses) so far. */
    public long downloads() {
        return downloads.get();
    }

    /** Encoded bytes currently cached. */
    public long cachedBytes() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }
}
