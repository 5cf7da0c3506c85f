package io.skald.bench.jmh;

import io.skald.bench.corpus.LogFormat;
import io.skald.chunk.Chunk;
import io.skald.chunk.Codec;
import io.skald.chunk.Direction;
import io.skald.chunk.EntryIterator;
import io.skald.chunk.MemChunk;
import io.skald.labels.Labels;
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
 * The querier's chunk path per codec, over an encoded chunk of 10,000 mixed lines: decode the chunk and iterate every
 * entry in time order, or only decompress its blocks into a reused view (what a line filter scan needs). One op = one
 * line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChunkReadBenchmark {
    @Param({"snappy", "lz4", "zstd", "gzip", "none"})
    public String codec = "snappy";

    byte[] encoded = new byte[0];

    @Setup
    public void setup() {
        encoded = encode(Codec.fromName(codec));
        BenchData.describe("chunk read " + codec + " (encoded chunk bytes)", BenchData.LINES, encoded.length);
    }

    static byte[] encode(Codec codec) {
        MemChunk chunk = new MemChunk(Labels.of("service_name", "bench"), codec, 256 * 1024, 0);
        LogFormat[] formats = LogFormat.values();
        byte[][][] byFormat = new byte[formats.length][][];
        for (int f = 0; f < formats.length; f++) {
            byFormat[f] = BenchData.lines(formats[f], BenchData.LINES / formats.length + 1, 11 + f);
        }
        long start = BenchData.EPOCH_NANOS;
        for (int i = 0; i < BenchData.LINES; i++) {
            chunk.append(start + i * 1_000L, byFormat[i % formats.length][i / formats.length], Labels.EMPTY);
        }
        return chunk.encode();
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public long decodeAndIterate() {
        EntryIterator it = Chunk.decode(encoded).iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD);
        long bytes = 0;
        while (it.next()) {
            bytes += it.lineLength();
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public long decompressBlocks() {
        long[] bytes = {0};
        Chunk.decode(encoded)
                .forEachBlock(Long.MIN_VALUE, Long.MAX_VALUE, view -> bytes[0] += view.linesEnd() - view.linesStart());
        return bytes[0];
    }
}
