/**
 * The store side of the read path: chunk fetching with a bounded cache, index files cached from the object store,
 * and the merging of per-stream entry sources with replica deduplication.
 */
package io.skald.store;
