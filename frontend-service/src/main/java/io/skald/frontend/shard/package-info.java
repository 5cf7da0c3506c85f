/**
 * Loki's shard mapping for the query frontend: shardable metric queries are rewritten into per-shard queries (a
 * shard is a range of stream label hashes, selected by the pseudo matcher {@code __stream_shard__="i_of_n"}) whose
 * results the frontend merges.
 */
@NullMarked
package io.skald.frontend.shard;

import org.jspecify.annotations.NullMarked;
