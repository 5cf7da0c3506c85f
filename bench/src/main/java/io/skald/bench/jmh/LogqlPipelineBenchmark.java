package io.skald.bench.jmh;

import io.skald.bench.corpus.LogFormat;
import io.skald.labels.Labels;
import io.skald.logql.engine.PipelineFactory;
import io.skald.logql.engine.QueryEngine;
import io.skald.logql.log.StreamPipeline;
import io.skald.logql.syntax.LogSelectorExpr;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole LogQL log pipeline as the engine builds it from a query: a parser followed by a label filter on one
 * extracted field (so the parser extracts only what is used, as Loki does), over lines of the parser's format,
 * single-threaded; one op = one line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogqlPipelineBenchmark {
    /** json: {@code | json | level="error"}; logfmt: {@code | logfmt | level="error"}; pattern: nginx, status≥500. */
    @Param({"json", "logfmt", "pattern"})
    public String query = "json";

    StreamPipeline pipeline = PipelineFactory.pipeline(java.util.List.of()).forStream(Labels.EMPTY);
    byte[][] lines = new byte[0][];

    static String queryText(String name) {
        return switch (name) {
            case "json" -> "{service_name=\"bench\"} | json | level=\"error\"";
            case "logfmt" -> "{service_name=\"bench\"} | logfmt | level=\"error\"";
            case "pattern" ->
                "{service_name=\"bench\"} | pattern `" + ParserBenchmark.NGINX_PATTERN + "` | status >= 500";
            default -> throw new IllegalArgumentException(name);
        };
    }

    static LogFormat format(String name) {
        return switch (name) {
            case "json" -> LogFormat.JSON;
            case "logfmt" -> LogFormat.LOGFMT;
            case "pattern" -> LogFormat.NGINX;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Setup
    public void setup() {
        LogSelectorExpr expr = (LogSelectorExpr) QueryEngine.parse(queryText(query));
        pipeline = PipelineFactory.pipeline(expr.stages()).forStream(Labels.of("service_name", "bench"));
        lines = BenchData.lines(format(query), BenchData.LINES, 7);
        BenchData.describe("pipeline " + queryText(query), lines.length, BenchData.totalBytes(lines));
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public int pipeline() {
        int kept = 0;
        for (byte[] line : lines) {
            if (pipeline.process(0, line, Labels.EMPTY) != null) {
                kept++;
            }
        }
        return kept;
    }
}
