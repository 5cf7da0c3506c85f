package io.skald.logql.syntax;

/**
 * A parsed LogQL query: a log query ({@link LogSelectorExpr}, returns log lines) or a metric query
 * ({@link SampleExpr}, returns samples). Only metric queries may run as instant queries.
 */
public sealed interface Expr permits LogSelectorExpr, SampleExpr {}
