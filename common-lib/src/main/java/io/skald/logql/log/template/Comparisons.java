package io.skald.logql.log.template;

import org.jspecify.annotations.Nullable;

/** Go template's {@code eq/ne/lt/le/gt/ge}: basic kinds only, integers of any size together, no int/float mixing. */
final class Comparisons {
    private Comparisons() {}

    /** Compares two values; throws Go's error text when they cannot be compared. */
    static int compare(@Nullable Object left, @Nullable Object right, boolean equality) throws FunctionError {
        if (left == null || right == null) {
            if (equality && left == null && right == null) {
                return 0;
            }
            throw new FunctionError(equality ? "incompatible types for comparison" : "invalid type for comparison");
        }
        if (GoValues.isInteger(left) && GoValues.isInteger(right)) {
            return Long.compare(GoValues.toInt64(left), GoValues.toInt64(right));
        }
        if (left instanceof Double a && right instanceof Double b) {
            return a.equals(b) ? 0 : a < b ? -1 : a > b ? 1 : (equality ? 1 : 0);
        }
        if (left instanceof String a && right instanceof String b) {
            return Integer.signum(a.compareTo(b));
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            if (!equality) {
                throw new FunctionError("invalid type for comparison");
            }
            return a.equals(b) ? 0 : 1;
        }
        if (!isBasic(left) || !isBasic(right)) {
            if (equality && !isBasic(left)) {
                throw new FunctionError("invalid type for comparison");
            }
            throw new FunctionError(
                    isBasic(left) && !isBasic(right)
                            ? "incompatible types for comparison"
                            : "invalid type for comparison");
        }
        throw new FunctionError("incompatible types for comparison");
    }

    private static boolean isBasic(Object value) {
        return value instanceof String
                || value instanceof Boolean
                || value instanceof Double
                || GoValues.isInteger(value);
    }
}
