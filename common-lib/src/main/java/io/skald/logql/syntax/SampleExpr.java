package io.skald.logql.syntax;

/** A metric query: it evaluates to samples (a matrix over a range, a vector at an instant). */
public sealed interface SampleExpr extends Expr
        permits RangeAggregationExpr, VectorAggregationExpr, BinOpExpr, LiteralExpr, VectorExpr, LabelReplaceExpr {}
