package io.skald.bench.jmh;

import io.skald.chunk.Chunk;
import io.skald.chunk.Codec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The decompressed lines of a 10,000-line mixed chunk, both one array per line (what {@code LineFilter.test} takes)
 * and as the block's contiguous lines region (what a byte scan can run over). One line carries {@link #RARE_NEEDLE}.
 */
@State(Scope.Benchmark)
public class ScanCorpus {
    static final String RARE_NEEDLE = "trace_id=deadbeefcafebabe";

    byte[][] lines = new byte[0][];
    /** All lines back to back, in the same order as {@link #lines}. */
    byte[] region = new byte[0];

    @Setup
    public void setup() {
        byte[] encoded = ChunkReadBenchmark.encode(Codec.SNAPPY);
        List<byte[]> all = new ArrayList<>();
        Chunk.decode(encoded).forEachBlock(Long.MIN_VALUE, Long.MAX_VALUE, view -> {
            for (int i = 0; i < view.entries(); i++) {
                int from = view.lineOffset(i);
                all.add(Arrays.copyOfRange(view.data(), from, from + view.lineLength(i)));
            }
        });
        int planted = all.size() / 2;
        byte[] needle = (" " + RARE_NEEDLE).getBytes(StandardCharsets.UTF_8);
        byte[] line = all.get(planted);
        byte[] withNeedle = Arrays.copyOf(line, line.length + needle.length);
        System.arraycopy(needle, 0, withNeedle, line.length, needle.length);
        all.set(planted, withNeedle);
        lines = all.toArray(new byte[0][]);
        region = new byte[(int) BenchData.totalBytes(lines)];
        int at = 0;
        for (byte[] l : lines) {
            System.arraycopy(l, 0, region, at, l.length);
            at += l.length;
        }
        BenchData.describe("scan corpus", lines.length, region.length);
    }
}
