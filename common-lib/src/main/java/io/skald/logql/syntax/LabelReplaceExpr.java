package io.skald.logql.syntax;

/**
 * {@code label_replace(inner, "dst", "replacement", "src", "regex")}: the regex is RE2, anchored at both ends
 * (compile it with {@code Re2.compile("^(?:" + regex + ")$")}), and has already been validated.
 */
public record LabelReplaceExpr(SampleExpr inner, String destination, String replacement, String source, String regex)
        implements SampleExpr {}
