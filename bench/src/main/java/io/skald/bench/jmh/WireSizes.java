package io.skald.bench.jmh;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Prints what encoded results would cost on the wire, in total over all parts and per row: raw (from each benchmark
 * setup), and with {@link #main} also gzip (gRPC's built-in message compression) and zstd level 3, which take too
 * long to repeat in every fork.
 */
public final class WireSizes {
    private WireSizes() {}

    /** Raw sizes only. */
    static void printRaw(String encoding, byte[][] parts, long rows) {
        long raw = 0;
        for (byte[] part : parts) {
            raw += part.length;
        }
        System.out.printf(Locale.ROOT, "# wire %-9s raw %,13d B (%6.1f B/row)%n", encoding, raw, (double) raw / rows);
    }

    /**
     * The sizes of both transport benchmarks' inputs, raw and compressed:
     * {@code java -cp bench/target/benchmarks.jar io.skald.bench.jmh.WireSizes}.
     */
    public static void main(String[] args) {
        StreamsTransportBenchmark streams = new StreamsTransportBenchmark();
        streams.linesPerStream = 5_000;
        streams.limit = 5_000;
        streams.setup();
        long entries = ResultData.entries(streams.parts);
        print("arrow", streams.arrow, entries);
        print("protobuf", streams.protobuf, entries);
        print("json", streams.json, entries);
        streams.tearDown();

        MatrixTransportBenchmark matrix = new MatrixTransportBenchmark();
        matrix.points = 1_440;
        matrix.setup();
        long points = (long) MatrixTransportBenchmark.SERIES * matrix.points;
        print("arrow", matrix.arrow, points);
        print("protobuf", matrix.protobuf, points);
        print("json", matrix.json, points);
        matrix.tearDown();
    }

    static void print(String encoding, byte[][] parts, long rows) {
        long raw = 0;
        long gzip = 0;
        long zstd = 0;
        for (byte[] part : parts) {
            raw += part.length;
            gzip += gzip(part);
            zstd += Zstd.compress(part, 3).length;
        }
        System.out.printf(
                Locale.ROOT,
                "# wire %-9s raw %,13d B (%6.1f B/row)  gzip %,12d B (%6.1f B/row)  zstd-3 %,12d B (%6.1f B/row)%n",
                encoding,
                raw,
                (double) raw / rows,
                gzip,
                (double) gzip / rows,
                zstd,
                (double) zstd / rows);
    }

    private static long gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 65_536)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }
}
