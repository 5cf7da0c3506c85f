package io.skald.frontend.shard;

/** How per-shard values of the same series at the same step combine into one. */
public enum Combiner {
    SUM,
    MIN,
    MAX;

    public double combine(double a, double b) {
        return switch (this) {
            case SUM -> a + b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
        };
    }
}
