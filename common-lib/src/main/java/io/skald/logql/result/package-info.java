/** The shapes of LogQL query results, shared by the engine, the querier and the HTTP API. */
package io.skald.logql.result;
