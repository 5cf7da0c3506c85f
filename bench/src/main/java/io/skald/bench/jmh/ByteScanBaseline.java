package io.skald.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The practical limit of a substring filter: a first-byte scan plus compare for the rare needle over the same
 * decompressed bytes as {@link LineFilterBenchmark}, as one contiguous region with no per-line work. One op = one
 * line of the region.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ByteScanBaseline {
    final byte[] needle = ScanCorpus.RARE_NEEDLE.getBytes(StandardCharsets.UTF_8);

    @Benchmark
    @OperationsPerInvocation(BenchData.LINES)
    public int firstByteScan(ScanCorpus corpus) {
        return count(corpus.region, needle);
    }

    /** Occurrences of {@code needle} in {@code haystack}. */
    static int count(byte[] haystack, byte[] needle) {
        return count(haystack, 0, haystack.length, needle);
    }

    /** Occurrences of {@code needle} in {@code haystack[from, to)}. */
    static int count(byte[] haystack, int from, int to, byte[] needle) {
        byte first = needle[0];
        int n = needle.length;
        int last = to - n;
        int found = 0;
        for (int i = from; i <= last; i++) {
            if (haystack[i] == first) {
                int j = 1;
                while (j < n && haystack[i + j] == needle[j]) {
                    j++;
                }
                if (j == n) {
                    found++;
                }
            }
        }
        return found;
    }
}
