/**
 * The query-frontend's way to the queriers through the query-scheduler: sub-queries become scheduler tasks (HTTP-like
 * requests a querier serves as its own API would), bounded per tenant, cancelled with the client's request, and their
 * JSON answers are decoded back into query results for merging.
 */
@NullMarked
package io.skald.frontend.scheduler;

import org.jspecify.annotations.NullMarked;
