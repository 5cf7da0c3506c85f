package io.skald.bench.jmh;

import io.skald.bench.corpus.LogFormat;
import io.skald.labels.Labels;
import io.skald.logql.log.JsonParser;
import io.skald.logql.log.LabelsBuilder;
import io.skald.logql.log.LabelsResult;
import io.skald.logql.log.LogfmtParser;
import io.skald.logql.log.PatternParser;
import io.skald.logql.log.PipelineEntry;
import io.skald.logql.log.Stage;
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
 * Label extraction parsers on lines of their own format ({@code | json} on JSON lines, {@code | logfmt} on logfmt,
 * {@code | pattern} on nginx access lines), single-threaded; one op = one line. {@code parse} runs the stage only,
 * {@code parseAndLabels} also builds the resulting label set, as a query does for each kept line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {
    static final String NGINX_PATTERN =
            "<ip> - - [<_>] \"<method> <path> <_>\" <status> <size> \"<_>\" \"<agent>\" rt=<rt>";

    @Param({"json", "logfmt", "pattern"})
    public String parser = "json";

    Stage stage = new JsonParser();
    byte[][] lines = new byte[0][];
    PipelineEntry entry = new PipelineEntry(new LabelsBuilder(Labels.EMPTY));

    @Setup
    public void setup() {
        LogFormat format;
        switch (parser) {
            case "json" -> {
                stage = new JsonParser();
                format = LogFormat.JSON;
            }
            case "logfmt" -> {
                stage = new LogfmtParser(false, false);
                format = LogFormat.LOGFMT;
            }
            case "pattern" -> {
                stage = new PatternParser(NGINX_PATTERN);
                format = LogFormat.NGINX;
            }
            default -> throw new IllegalArgumentException(parser);
        }
        lines = BenchData.lines(format, BenchData.LINES, 5);
        entry = new PipelineEntry(new LabelsBuilder(Labels.of("service_name", "bench", "format", parser)));
        BenchData.describe("parser " + parser, lines.length, BenchData.totalBytes(lines));
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public int parse() {
        int kept = 0;
        for (byte[] line : lines) {
            entry.reset(0, line);
            if (stage.process(entry)) {
                kept++;
            }
        }
        return kept;
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public LabelsResult parseAndLabels() {
        LabelsResult last = LabelsResult.ofStream(Labels.EMPTY);
        for (byte[] line : lines) {
            entry.reset(0, line);
            stage.process(entry);
            last = entry.labels().result();
        }
        return last;
    }
}
