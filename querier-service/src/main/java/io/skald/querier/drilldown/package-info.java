/**
 * What Grafana's Logs Drilldown asks beyond queries: fields detected in sampled lines, labels worth breaking down by,
 * and log patterns. Plain Java over query results; the querier's HTTP layer feeds it.
 */
package io.skald.querier.drilldown;
