package io.skald.config;

import java.time.Duration;

/** An {@code embedded_cache:} block: Skald's in-process Caffeine cache, bounded by size and time to live. */
public record CacheConfig(boolean enabled, long maxSizeMb, Duration ttl) {

    static CacheConfig bind(ConfigReader cacheSection) {
        ConfigReader embedded = cacheSection.section("embedded_cache");
        return new CacheConfig(
                embedded.bool("enabled", false),
                embedded.longValue("max_size_mb", 100),
                embedded.duration("ttl", Duration.ofHours(1)));
    }
}
