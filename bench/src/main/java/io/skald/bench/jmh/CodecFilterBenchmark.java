package io.skald.bench.jmh;

import io.skald.chunk.Chunk;
import io.skald.chunk.Codec;
import io.skald.logql.log.LineFilter;
import java.nio.charset.StandardCharsets;
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
 * What a {@code |=} query costs per stored line, per codec: decode an encoded 10,000-line mixed chunk, decompress
 * every block and run {@code LineFilter.test} on each line ({@code decompressAndFilter}), against decompressing and
 * one plain first-byte scan over each block's lines region ({@code decompressAndByteScan}). The needle is the rare
 * one, so almost no line matches and the filter cost is the scan. One op = one line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecFilterBenchmark {
    @Param({"snappy", "lz4", "zstd", "gzip"})
    public String codec = "snappy";

    byte[] encoded = new byte[0];
    final LineFilter filter = LineFilter.contains(ScanCorpus.RARE_NEEDLE);
    final byte[] needle = ScanCorpus.RARE_NEEDLE.getBytes(StandardCharsets.UTF_8);

    @Setup
    public void setup() {
        encoded = ChunkReadBenchmark.encode(Codec.fromName(codec));
        BenchData.describe("codec filter " + codec + " (encoded chunk bytes)", BenchData.LINES, encoded.length);
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public int decompressAndFilter() {
        int[] matches = {0};
        Chunk.decode(encoded).forEachBlock(Long.MIN_VALUE, Long.MAX_VALUE, view -> {
            byte[] data = view.data();
            for (int i = 0; i < view.entries(); i++) {
                int from = view.lineOffset(i);
                if (filter.test(java.util.Arrays.copyOfRange(data, from, from + view.lineLength(i)))) {
                    matches[0]++;
                }
            }
        });
        return matches[0];
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public int decompressAndByteScan() {
        int[] matches = {0};
        Chunk.decode(encoded).forEachBlock(Long.MIN_VALUE, Long.MAX_VALUE, view -> {
            matches[0] += ByteScanBaseline.count(view.data(), view.linesStart(), view.linesEnd(), needle);
        });
        return matches[0];
    }
}
