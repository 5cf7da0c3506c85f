package io.skald.logql.log;

/** A comparison operator of numeric, duration and bytes label filters. */
public enum Comparison {
    EQUAL("=="),
    NOT_EQUAL("!="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    LESS("<"),
    LESS_OR_EQUAL("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Compares two doubles as Go does (NaN compares false, except with !=). */
    public boolean test(double left, double right) {
        return switch (this) {
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
            case GREATER -> left > right;
            case GREATER_OR_EQUAL -> left >= right;
            case LESS -> left < right;
            case LESS_OR_EQUAL -> left <= right;
        };
    }

    /** Compares two signed longs. */
    public boolean test(long left, long right) {
        return switch (this) {
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
            case GREATER -> left > right;
            case GREATER_OR_EQUAL -> left >= right;
            case LESS -> left < right;
            case LESS_OR_EQUAL -> left <= right;
        };
    }
}
