/**
 * Loki's results cache for the query frontend: metric results cached per split as time extents, in a byte-bounded
 * Caffeine cache, never holding data newer than {@code now - max_cache_freshness_per_query}.
 */
@NullMarked
package io.skald.frontend.cache;

import org.jspecify.annotations.NullMarked;
