package io.skald.logql.engine;

import io.skald.api.QueryParameters;
import io.skald.chunk.Direction;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Sample;
import io.skald.logql.result.Series;
import io.skald.logql.syntax.Expr;
import io.skald.logql.syntax.LiteralExpr;
import io.skald.logql.syntax.LogSelectorExpr;
import io.skald.logql.syntax.LogqlParseException;
import io.skald.logql.syntax.LogqlParser;
import io.skald.logql.syntax.SampleExpr;
import io.skald.logql.syntax.UnsupportedQueryTypeException;
import io.skald.logql.syntax.VectorAggregationExpr;
import io.skald.logql.syntax.VectorOp;
import io.skald.server.LokiHttpException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The LogQL engine: evaluates log and metric queries over an {@link EntrySource}. Errors a client must see come out as
 * {@link LokiHttpException} with Loki's status and text (parse errors 400, pipeline errors 400, series limit 400,
 * many-to-many matching 500).
 */
public final class QueryEngine {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final EntrySource source;

    public QueryEngine(EntrySource source) {
        this.source = source;
    }

    /**
     * Options of a query that are not part of its time range: log queries use direction, limit, interval (at most one
     * entry per interval, zero for all) and categorizeLabels (stream labels only on the stream, structured metadata
     * and parsed labels per entry); every query uses the limits.
     */
    public record Options(
            Direction direction, int limit, Duration interval, QueryLimits limits, boolean categorizeLabels) {
        /** Backward, limit 100, no interval, default limits, labels not categorized. */
        public static final Options DEFAULTS =
                new Options(Direction.BACKWARD, 100, Duration.ZERO, QueryLimits.DEFAULTS, false);

        public Options(Direction direction, int limit, QueryLimits limits) {
            this(direction, limit, Duration.ZERO, limits, false);
        }
    }

    /** A range query with every option spelled out (see {@link Options}). */
    public QueryResult query(
            String tenant,
            String query,
            long startNanos,
            long endNanos,
            Duration step,
            Duration interval,
            Direction direction,
            int limit,
            QueryLimits limits) {
        return rangeQuery(
                tenant, query, startNanos, endNanos, step, new Options(direction, limit, interval, limits, false));
    }

    /** A range query of a parsed expression with every option spelled out. */
    public QueryResult query(
            String tenant,
            Expr expr,
            long startNanos,
            long endNanos,
            Duration step,
            Duration interval,
            Direction direction,
            int limit,
            QueryLimits limits) {
        return rangeQuery(
                tenant, expr, startNanos, endNanos, step, new Options(direction, limit, interval, limits, false));
    }

    /** An instant query with every option spelled out. */
    public QueryResult query(
            String tenant, String query, long timeNanos, Direction direction, int limit, QueryLimits limits) {
        return instantQuery(tenant, query, timeNanos, new Options(direction, limit, limits));
    }

    /** The engine's direction for the HTTP API's {@code direction} parameter. */
    public static Direction direction(QueryParameters.Direction direction) {
        return direction == QueryParameters.Direction.FORWARD ? Direction.FORWARD : Direction.BACKWARD;
    }

    /** A range query ({@code /query_range}): parses {@code query} and evaluates it. */
    public QueryResult rangeQuery(
            String tenant, String query, long startNanos, long endNanos, Duration step, Options options) {
        return rangeQuery(tenant, parse(query), startNanos, endNanos, step, options);
    }

    /**
     * A range query of a parsed expression: log queries return streams in {@code [start, end)}; metric queries a
     * matrix at the steps from start to end, both aligned to the step as Loki's query frontend does.
     */
    public QueryResult rangeQuery(
            String tenant, Expr expr, long startNanos, long endNanos, Duration step, Options options) {
        return switch (expr) {
            case LogSelectorExpr log ->
                LogQueryEvaluator.evaluate(
                        source,
                        tenant,
                        log,
                        startNanos,
                        endNanos,
                        options.direction(),
                        options.limit(),
                        options.interval().toNanos(),
                        options.categorizeLabels());
            case SampleExpr sample -> {
                long stepNanos = step.toNanos();
                if (stepNanos <= 0) {
                    throw new LokiHttpException(
                            400,
                            "zero or negative query resolution step widths are not accepted. Try a positive integer");
                }
                long start = startNanos - Math.floorMod(startNanos, stepNanos);
                long end = endNanos + Math.floorMod(-endNanos, stepNanos);
                int count = (int) ((end - start) / stepNanos) + 1;
                long[] steps = new long[count];
                for (int i = 0; i < count; i++) {
                    steps[i] = start + i * stepNanos;
                }
                List<StepSeries> series = new MetricEvaluator(new EvalContext(source, tenant, steps)).evaluate(sample);
                List<Series> out = new ArrayList<>();
                for (StepSeries s : series) {
                    int n = 0;
                    for (boolean p : s.present) {
                        n += p ? 1 : 0;
                    }
                    if (n == 0) {
                        continue;
                    }
                    long[] ts = new long[n];
                    double[] values = new double[n];
                    int j = 0;
                    for (int i = 0; i < count; i++) {
                        if (s.present[i]) {
                            ts[j] = steps[i] / NANOS_PER_MILLI;
                            values[j++] = s.values[i];
                        }
                    }
                    out.add(new Series(s.labels, ts, values));
                }
                checkSeries(out.size(), options.limits());
                yield new QueryResult.Matrix(out);
            }
        };
    }

    /** An instant query ({@code /query}): parses {@code query}; log queries are refused as Loki does. */
    public QueryResult instantQuery(String tenant, String query, long timeNanos, Options options) {
        SampleExpr expr;
        try {
            expr = LogqlParser.parseInstantQuery(query);
        } catch (LogqlParseException | UnsupportedQueryTypeException e) {
            throw new LokiHttpException(400, e.getMessage());
        }
        return instantQuery(tenant, expr, timeNanos, options);
    }

    /** An instant query of a parsed metric expression: a vector at {@code time}, or a scalar for a number. */
    public QueryResult instantQuery(String tenant, SampleExpr expr, long timeNanos, Options options) {
        long millis = timeNanos / NANOS_PER_MILLI;
        if (expr instanceof LiteralExpr literal) {
            return new QueryResult.Scalar(millis, literal.value());
        }
        List<StepSeries> series =
                new MetricEvaluator(new EvalContext(source, tenant, new long[] {timeNanos})).evaluate(expr);
        List<Sample> samples = new ArrayList<>();
        for (StepSeries s : series) {
            if (s.present[0]) {
                samples.add(new Sample(s.labels, millis, s.values[0]));
            }
        }
        if (expr instanceof VectorAggregationExpr v && (v.op() == VectorOp.SORT || v.op() == VectorOp.SORT_DESC)) {
            Comparator<Sample> byValue = Comparator.comparingDouble(Sample::value);
            samples.sort(v.op() == VectorOp.SORT ? byValue : byValue.reversed());
        }
        checkSeries(samples.size(), options.limits());
        return new QueryResult.Vector(samples);
    }

    /** Parses a query, mapping parse errors to Loki's 400 answers. */
    public static Expr parse(String query) {
        try {
            return LogqlParser.parse(query);
        } catch (LogqlParseException | UnsupportedQueryTypeException e) {
            throw new LokiHttpException(400, e.getMessage());
        }
    }

    private static void checkSeries(int count, QueryLimits limits) {
        if (limits.maxQuerySeries() > 0 && count > limits.maxQuerySeries()) {
            throw new LokiHttpException(
                    400,
                    "maximum number of series (" + limits.maxQuerySeries() + ") reached for a single query; consider"
                            + " reducing query cardinality by adding more specific stream selectors, reducing the time"
                            + " range, or aggregating results with functions like sum(), count() or topk()");
        }
    }

    /** The number of entries of a streams result (for stats). */
    public static int entryCount(QueryResult.Streams streams) {
        int n = 0;
        for (LogStream s : streams.streams()) {
            n += s.entries().size();
        }
        return n;
    }
}
