package io.skald.logql.result.arrow;

import java.util.Locale;

/** Which sample-shaped result an IPC stream of sample rows holds. */
public enum SampleKind {
    MATRIX,
    VECTOR,
    SCALAR;

    /** Loki's {@code resultType} name. */
    public String resultType() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SampleKind of(String resultType) {
        for (SampleKind kind : values()) {
            if (kind.resultType().equals(resultType)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("not a sample result type: " + resultType);
    }
}
