package io.skald.logql.syntax;

/** Binary operators with Loki's (PromQL's) precedence: or < and, unless < comparisons < + - < * / % < ^. */
public enum BinaryOp {
    OR("or", 1),
    AND("and", 2),
    UNLESS("unless", 2),
    EQUAL("==", 3),
    NOT_EQUAL("!=", 3),
    GREATER(">", 3),
    GREATER_OR_EQUAL(">=", 3),
    LESS("<", 3),
    LESS_OR_EQUAL("<=", 3),
    ADD("+", 4),
    SUBTRACT("-", 4),
    MULTIPLY("*", 5),
    DIVIDE("/", 5),
    MODULO("%", 5),
    POWER("^", 6);

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    public String symbol() {
        return symbol;
    }

    /** Higher binds tighter. */
    public int precedence() {
        return precedence;
    }

    /** Only {@code ^} groups to the right. */
    public boolean isRightAssociative() {
        return this == POWER;
    }

    public boolean isComparison() {
        return precedence == 3;
    }

    /** {@code and}, {@code or}, {@code unless}: they work on series, never on plain numbers. */
    public boolean isSetOperation() {
        return precedence <= 2;
    }

    /**
     * Applies the operator to two plain numbers as Loki folds literals: division and modulo by zero give NaN,
     * comparisons give 1 or 0.
     */
    public double apply(double left, double right) {
        return switch (this) {
            case ADD -> left + right;
            case SUBTRACT -> left - right;
            case MULTIPLY -> left * right;
            case DIVIDE -> right == 0 ? Double.NaN : left / right;
            case MODULO -> right == 0 ? Double.NaN : left % right;
            case POWER -> Math.pow(left, right);
            case EQUAL -> left == right ? 1 : 0;
            case NOT_EQUAL -> left != right ? 1 : 0;
            case GREATER -> left > right ? 1 : 0;
            case GREATER_OR_EQUAL -> left >= right ? 1 : 0;
            case LESS -> left < right ? 1 : 0;
            case LESS_OR_EQUAL -> left <= right ? 1 : 0;
            case OR, AND, UNLESS -> throw new IllegalStateException("set operation on numbers: " + symbol);
        };
    }
}
