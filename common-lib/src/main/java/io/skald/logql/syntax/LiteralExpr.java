package io.skald.logql.syntax;

/** A number: {@code 3}, {@code -1.5}; also the folded result of an operation on two numbers. */
public record LiteralExpr(double value) implements SampleExpr {}
