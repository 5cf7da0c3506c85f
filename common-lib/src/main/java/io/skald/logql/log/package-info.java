/**
 * LogQL's per-entry log pipeline: line filters, parsers, label filters, formatters and label edits, composed into a
 * {@link io.skald.logql.log.Pipeline} that the engine instantiates from the query AST (Loki's {@code pkg/logql/log}).
 */
package io.skald.logql.log;
