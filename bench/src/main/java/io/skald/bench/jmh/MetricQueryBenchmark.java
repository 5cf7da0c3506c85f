package io.skald.bench.jmh;

import io.skald.bench.corpus.LogFormat;
import io.skald.labels.Labels;
import io.skald.logql.engine.InMemoryEntrySource;
import io.skald.logql.engine.QueryEngine;
import io.skald.logql.result.QueryResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Metric range queries through the whole engine at a 15 s step, over 10,000 lines in 4 streams spread over 10 minutes
 * (an in-memory source, so no chunk decoding is counted): {@code sum by (level) (rate(... | logfmt [1m]))} on logfmt
 * lines, {@code sum by (level) (count_over_time(... | json [1m]))} on JSON lines and
 * {@code sum(count_over_time(... | logfmt | status >= 500 [1m]))} on logfmt lines; single-threaded, one op = one line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetricQueryBenchmark {
    static final String QUERY = "sum by (level) (rate({service_name=\"bench\"} | logfmt [1m]))";
    static final String JSON_QUERY = "sum by (level) (count_over_time({service_name=\"bench\"} | json [1m]))";
    static final String FILTER_QUERY = "sum(count_over_time({service_name=\"bench\"} | logfmt | status >= 500 [1m]))";
    static final int STREAMS = 4;
    static final long SPACING_NANOS = 60_000_000L;

    QueryEngine engine = new QueryEngine(new InMemoryEntrySource());
    QueryEngine jsonEngine = new QueryEngine(new InMemoryEntrySource());
    long start;
    long end;

    @Setup
    public void setup() {
        byte[][] lines = BenchData.lines(LogFormat.LOGFMT, BenchData.LINES, 13);
        start = BenchData.EPOCH_NANOS;
        end = start + lines.length * SPACING_NANOS;
        engine = new QueryEngine(source(lines));
        BenchData.describe("metric query " + QUERY, lines.length, BenchData.totalBytes(lines));
        byte[][] jsonLines = BenchData.lines(LogFormat.JSON, BenchData.LINES, 13);
        jsonEngine = new QueryEngine(source(jsonLines));
        BenchData.describe("metric query " + JSON_QUERY, jsonLines.length, BenchData.totalBytes(jsonLines));
    }

    private InMemoryEntrySource source(byte[][] lines) {
        InMemoryEntrySource source = new InMemoryEntrySource();
        for (int i = 0; i < lines.length; i++) {
            Labels stream = Labels.of("service_name", "bench", "stream", Integer.toString(i % STREAMS));
            source.push("bench", stream, start + i * SPACING_NANOS, new String(lines[i], StandardCharsets.UTF_8));
        }
        return source;
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public QueryResult sumByLevelRate() {
        return engine.rangeQuery("bench", QUERY, start, end, Duration.ofSeconds(15), QueryEngine.Options.DEFAULTS);
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public QueryResult sumByLevelCountJson() {
        return jsonEngine.rangeQuery(
                "bench", JSON_QUERY, start, end, Duration.ofSeconds(15), QueryEngine.Options.DEFAULTS);
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public QueryResult countLogfmtStatusFilter() {
        return engine.rangeQuery(
                "bench", FILTER_QUERY, start, end, Duration.ofSeconds(15), QueryEngine.Options.DEFAULTS);
    }
}
