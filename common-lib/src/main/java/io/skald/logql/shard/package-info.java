/** Query sharding by stream hash: the contract between the query-frontend that shards and the queriers that serve. */
@NullMarked
package io.skald.logql.shard;

import org.jspecify.annotations.NullMarked;
