/** The chunk format: one stream's entries over a time range, cut into compressed blocks, encoded as one object. */
package io.skald.chunk;
