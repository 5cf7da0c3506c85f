package io.skald.logql.syntax;

/** The six line filter operators. */
public enum LineFilterOp {
    CONTAINS("|="),
    NOT_CONTAINS("!="),
    MATCHES_REGEX("|~"),
    NOT_MATCHES_REGEX("!~"),
    MATCHES_PATTERN("|>"),
    NOT_MATCHES_PATTERN("!>");

    private final String symbol;

    LineFilterOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isNegated() {
        return this == NOT_CONTAINS || this == NOT_MATCHES_REGEX || this == NOT_MATCHES_PATTERN;
    }
}
