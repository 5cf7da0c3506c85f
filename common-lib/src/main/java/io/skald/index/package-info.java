/**
 * The index: immutable per-tenant, per-period files that map series (labels, fingerprint) to chunk references, with
 * label postings so matchers are answered by set operations, plus the reader, merger and object key layout.
 */
package io.skald.index;
