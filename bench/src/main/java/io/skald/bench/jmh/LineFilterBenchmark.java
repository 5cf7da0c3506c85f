package io.skald.bench.jmh;

import io.skald.logql.log.LineFilter;
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
 * Line filters over the decompressed lines of a 10,000-line mixed chunk, single-threaded: one op = one line, so
 * ops/s is lines/s per core and MB/s is that times the printed bytes/line. Compare with {@link ByteScanBaseline}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineFilterBenchmark {
    /** rare: {@code |= "trace_id=deadbeefcafebabe"} (1 line); common: {@code |= "level=error"}; regexes. */
    @Param({"rare", "common", "regex", "regex_ci"})
    public String filter = "rare";

    LineFilter lineFilter = LineFilter.contains("");

    @Setup
    public void setup() {
        lineFilter = switch (filter) {
            case "rare" -> LineFilter.contains(ScanCorpus.RARE_NEEDLE);
            case "common" -> LineFilter.contains("level=error");
            case "regex" -> LineFilter.regex("status=5\\d\\d");
            case "regex_ci" -> LineFilter.regex("(?i)timeout");
            default -> throw new IllegalArgumentException(filter);
        };
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public int filter(ScanCorpus corpus) {
        int matches = 0;
        for (byte[] line : corpus.lines) {
            if (lineFilter.test(line)) {
                matches++;
            }
        }
        return matches;
    }
}
