package io.skald.logql.engine;

/** The per-tenant limits the engine enforces while evaluating ({@code max_query_series}). */
public record QueryLimits(int maxQuerySeries) {
    /** Loki's default: 500 series. */
    public static final QueryLimits DEFAULTS = new QueryLimits(500);
}
