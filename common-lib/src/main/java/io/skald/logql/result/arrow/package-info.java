/**
 * Query results as Apache Arrow IPC streams, for sub-query results travelling from queriers to the frontend: a
 * columnar encoding whose label sets travel once per series (a dictionary), and a merge that reads the decoded
 * columns directly instead of first building one object per row.
 */
package io.skald.logql.result.arrow;
