package io.skald.bench.jmh;

import io.skald.index.ChunkRef;
import io.skald.index.IndexFile;
import io.skald.index.IndexReader;
import io.skald.index.IndexStats;
import io.skald.index.IndexWriter;
import io.skald.index.Matcher;
import io.skald.index.SeriesChunks;
import io.skald.labels.Labels;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Index lookups as a querier or index gateway runs them, one op = one lookup, over one day's index file of 10,000
 * series (50 apps × 200 pods, 4 levels) with a chunk ref per series and hour (240,000 refs), read back from its
 * encoded bytes: chunk refs for a one-hour query by an equality matcher (200 series), by a regex and an equality
 * (1,466 series), and the index stats of the equality matcher.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IndexLookupBenchmark {
    static final int SERIES = 10_000;
    static final int HOURS = 24;
    static final long HOUR = 3_600_000_000_000L;
    static final long DAY_START = 1_760_000_000_000_000_000L / HOUR * HOUR;

    @Param({"eq", "regex"})
    public String matchers = "eq";

    IndexReader reader = new IndexReader(List.of());
    List<Matcher> selected = List.of();
    long from;
    long through;

    @Setup
    public void setup() {
        IndexWriter writer = new IndexWriter("bench");
        String[] levels = {"debug", "info", "warn", "error"};
        for (int i = 0; i < SERIES; i++) {
            Labels labels = Labels.of(
                    "app",
                    "app-" + (i % 50),
                    "env",
                    i % 3 == 0 ? "dev" : "prod",
                    "level",
                    levels[i % 4],
                    "pod",
                    "pod-" + i);
            for (int h = 0; h < HOURS; h++) {
                long start = DAY_START + h * HOUR;
                writer.add(
                        labels,
                        new ChunkRef(
                                "bench",
                                labels.hash(),
                                start,
                                start + HOUR - 1,
                                "bench/" + Long.toHexString(labels.hash()) + "/" + h,
                                200_000,
                                1_000_000,
                                5_000));
            }
        }
        IndexFile file = IndexFile.open(writer.build().toByteArray());
        reader = new IndexReader(List.of(file));
        selected = matchers.equals("eq")
                ? List.of(new Matcher("app", Matcher.Type.EQ, "app-7"))
                : List.of(new Matcher("app", Matcher.Type.RE, "app-1.*"), new Matcher("env", Matcher.Type.EQ, "prod"));
        from = DAY_START + 12 * HOUR;
        through = from + HOUR;
        System.out.printf(
                "# input IndexLookupBenchmark %s: %d series, %d chunk refs, %d bytes; %d series selected%n",
                matchers,
                file.seriesCount(),
                file.chunkRefCount(),
                file.sizeBytes(),
                chunkRefs().size());
    }

    @Benchmark
    public List<SeriesChunks> chunkRefs() {
        return reader.seriesChunks(selected, from, through);
    }

    @Benchmark
    public IndexStats stats() {
        return reader.stats(selected, from, through);
    }
}
