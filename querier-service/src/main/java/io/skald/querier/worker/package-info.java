/**
 * The querier's side of the query-scheduler: worker loops pull the frontend's sub-queries and serve each through the
 * querier's own HTTP API, so a task is answered exactly as the same request over HTTP would be.
 */
@NullMarked
package io.skald.querier.worker;

import org.jspecify.annotations.NullMarked;
