package io.skald.push;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A bounded cache of parsed stream label texts: clients repeat the same stream text in every push, so parsing it once
 * per distributor is enough. Errors are cached too, so a misbehaving client does not cost a parse per push.
 */
public final class StreamLabelCache {
    private final Cache<String, StreamLabels> cache;

    public StreamLabelCache(long maximumSize) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** The parsed labels for {@code text}, from the cache or parsed now. */
    public StreamLabels parse(String text) {
        StreamLabels cached = cache.getIfPresent(text);
        if (cached != null) {
            return cached;
        }
        StreamLabels parsed = StreamLabelParser.parse(text);
        cache.put(text, parsed);
        return parsed;
    }

    /** Number of cached texts, after pending evictions. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
