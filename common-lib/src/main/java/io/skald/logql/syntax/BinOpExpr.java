package io.skald.logql.syntax;

/**
 * {@code left op [bool] [on|ignoring (...)] [group_left|group_right (...)] right}. Two literal operands never reach
 * this record: the parser folds them into a {@link LiteralExpr}, as Loki does.
 */
public record BinOpExpr(BinaryOp op, SampleExpr left, SampleExpr right, boolean returnBool, VectorMatching matching)
        implements SampleExpr {}
