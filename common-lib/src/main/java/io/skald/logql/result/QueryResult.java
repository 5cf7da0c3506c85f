package io.skald.logql.result;

import java.util.List;

/** What a LogQL query returns, by Loki's {@code resultType}. */
public sealed interface QueryResult {
    /** {@code streams}: a log query. */
    record Streams(List<LogStream> streams) implements QueryResult {}

    /** {@code matrix}: a metric range query. */
    record Matrix(List<Series> series) implements QueryResult {}

    /** {@code vector}: a metric instant query. */
    record Vector(List<Sample> samples) implements QueryResult {}

    /** {@code scalar}: an instant query of a literal. */
    record Scalar(long timestampMillis, double value) implements QueryResult {}
}
