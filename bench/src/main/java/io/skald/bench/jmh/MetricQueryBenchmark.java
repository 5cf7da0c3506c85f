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
 * A metric range query through the whole engine, {@code sum by (level) (rate({service_name="bench"} | logfmt [1m]))}
 * at a 15 s step, over 10,000 logfmt lines in 4 streams spread over 10 minutes (an in-memory source, so no chunk
 * decoding is counted); single-threaded, one op = one line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetricQueryBenchmark {
    static final String QUERY = "sum by (level) (rate({service_name=\"bench\"} | logfmt [1m]))";
    static final int STREAMS = 4;
    static final long SPACING_NANOS = 60_000_000L;

    QueryEngine engine = new QueryEngine(new InMemoryEntrySource());
    long start;
    long end;

    @Setup
    public void setup() {
        InMemoryEntrySource source = new InMemoryEntrySource();
        byte[][] lines = BenchData.lines(LogFormat.LOGFMT, BenchData.LINES, 13);
        start = BenchData.EPOCH_NANOS;
        for (int i = 0; i < lines.length; i++) {
            Labels stream = Labels.of("service_name", "bench", "stream", Integer.toString(i % STREAMS));
            source.push("bench", stream, start + i * SPACING_NANOS, new String(lines[i], StandardCharsets.UTF_8));
        }
        end = start + lines.length * SPACING_NANOS;
        engine = new QueryEngine(source);
        BenchData.describe("metric query " + QUERY, lines.length, BenchData.totalBytes(lines));
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public QueryResult sumByLevelRate() {
        return engine.rangeQuery("bench", QUERY, start, end, Duration.ofSeconds(15), QueryEngine.Options.DEFAULTS);
    }
}
