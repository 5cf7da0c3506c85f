package io.skald.logql.syntax;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Vector aggregation functions. */
public enum VectorOp {
    SUM,
    AVG,
    MIN,
    MAX,
    STDDEV,
    STDVAR,
    COUNT,
    TOPK,
    BOTTOMK,
    SORT,
    SORT_DESC;

    /** The LogQL name, e.g. {@code sort_desc}. */
    public String functionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the function takes the leading integer parameter (topk and bottomk). */
    public boolean takesParameter() {
        return this == TOPK || this == BOTTOMK;
    }

    static @Nullable VectorOp fromName(String lowerCaseName) {
        for (VectorOp op : values()) {
            if (op.functionName().equals(lowerCaseName)) {
                return op;
            }
        }
        return null;
    }
}
