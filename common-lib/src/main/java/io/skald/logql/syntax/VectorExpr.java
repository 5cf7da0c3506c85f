package io.skald.logql.syntax;

/** {@code vector(1)}: one label-less series with that value at every step. */
public record VectorExpr(double value) implements SampleExpr {}
