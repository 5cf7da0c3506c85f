/**
 * Loki's split-by-interval query-frontend middleware: a range query is cut into aligned sub-ranges that run through a
 * {@link io.skald.frontend.split.Downstream} with bounded parallelism and retries, and their results are merged.
 */
@NullMarked
package io.skald.frontend.split;

import org.jspecify.annotations.NullMarked;
